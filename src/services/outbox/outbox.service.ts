import type { Db } from '../../db/sql';
import { exec, insertIgnore } from '../../db/sql';
import type { EnqueueInput, OutboxRoute, OutgoingMessage } from './outbox.types';

/**
 * The claim in the database that makes a push happen once: the unique dedupe key is inserted (or ignored when a
 * restart, a retry or another instance got there first) in the same transaction as the change that caused it.
 */
export async function enqueue(db: Db, input: EnqueueInput, now: number): Promise<boolean> {
  const rows = splitMessages(input);
  let first = false;
  for (const [i, row] of rows.entries()) {
    const inserted = await insertIgnore(db, 'outbox_message', {
      dedupe_key: row.key,
      kind: input.kind,
      group_id: input.route.groupId ?? null,
      route: JSON.stringify(row.route),
      body: JSON.stringify(row.body),
      robot_key: input.robotKey ?? null,
      urgent: input.urgent ? 1 : 0,
      after_key: row.after,
      status: 'pending',
      attempts: 0,
      not_before: input.notBefore ?? now,
      created_at: now,
    });
    if (i === 0) first = inserted;
  }
  return first;
}

/**
 * One row per platform message, in order: the text, then each picture waiting for the row before it, so a picture
 * that fails is retried alone and never repeats the text. A single-use response_url is spent by the text; the
 * pictures go through the group route.
 */
export function splitMessages(input: EnqueueInput): { key: string; after: string | null; route: OutboxRoute; body: OutgoingMessage }[] {
  const key = input.dedupeKey.slice(0, 191);
  const { imageMediaIds = [], files = [], ...text } = input.body;
  if (!imageMediaIds.length && !files.length) return [{ key, after: null, route: input.route, body: text }];
  const out: { key: string; after: string | null; route: OutboxRoute; body: OutgoingMessage }[] = [];
  if (text.markdown.trim()) out.push({ key, after: null, route: input.route, body: text });
  const imageRoute: OutboxRoute = input.route.kind === 'wecom_response_url' && input.route.groupId !== null ? { kind: 'group', groupId: input.route.groupId } : input.route;
  for (const [i, id] of imageMediaIds.entries()) {
    const k = out.length === 0 ? key : `${input.dedupeKey.slice(0, 180)}#img${i}`;
    out.push({ key: k, after: out.at(-1)?.key ?? null, route: imageRoute, body: { markdown: '', title: text.title, imageMediaId: id } });
  }
  // Files (the ledger xlsx) likewise, one row each, where a route can post them (else skipped: the text has the link).
  for (const [i, f] of files.entries()) {
    const k = out.length === 0 ? key : `${input.dedupeKey.slice(0, 180)}#file${i}`;
    out.push({ key: k, after: out.at(-1)?.key ?? null, route: imageRoute, body: { markdown: '', title: text.title, files: [f] } });
  }
  return out;
}

/** Marks a pending push as deliberately not sent (e.g. a reminder missed by more than 12 hours). */
export async function recordSkipped(db: Db, input: EnqueueInput, now: number, reason: string): Promise<boolean> {
  const inserted = await enqueue(db, input, now);
  if (inserted) {
    // The text and each of its pictures: none of them goes.
    for (const { key } of splitMessages(input)) {
      await exec(db, `UPDATE outbox_message SET status = 'skipped', last_error = ? WHERE dedupe_key = ? AND status = 'pending'`, [reason, key]);
    }
  }
  return inserted;
}
