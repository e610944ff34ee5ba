import type { Db } from '../../db/sql';
import { exec, insertIgnore } from '../../db/sql';
import type { EnqueueInput } from './outbox.types';

/**
 * The claim in the database that makes a push happen once: the unique dedupe key is inserted (or ignored when a
 * restart, a retry or another instance got there first) in the same transaction as the change that caused it.
 */
export async function enqueue(db: Db, input: EnqueueInput, now: number): Promise<boolean> {
  return insertIgnore(db, 'outbox_message', {
    dedupe_key: input.dedupeKey.slice(0, 191),
    kind: input.kind,
    group_id: input.route.groupId ?? null,
    route: JSON.stringify(input.route),
    body: JSON.stringify(input.body),
    robot_key: input.robotKey ?? null,
    urgent: input.urgent ? 1 : 0,
    status: 'pending',
    attempts: 0,
    not_before: input.notBefore ?? now,
    created_at: now,
  });
}

/** Marks a pending push as deliberately not sent (e.g. a reminder missed by more than 12 hours). */
export async function recordSkipped(db: Db, input: EnqueueInput, now: number, reason: string): Promise<boolean> {
  const inserted = await enqueue(db, input, now);
  if (inserted) {
    await exec(db, `UPDATE outbox_message SET status = 'skipped', last_error = ? WHERE dedupe_key = ? AND status = 'pending'`, [reason, input.dedupeKey.slice(0, 191)]);
  }
  return inserted;
}
