import type { Db } from '../../db/repositories/base';
import { outbox } from '../../db/repositories/outbox.repository';
import type { EnqueueInput, OutboxRoute, OutgoingMessage } from './outbox.types';

/**
 * The claim in the database that makes a push happen once: the unique dedupe key is inserted (or ignored when a
 * restart, a retry or another instance got there first) in the same transaction as the change that caused it.
 */
export async function enqueue(db: Db, input: EnqueueInput, now: number): Promise<boolean> {
  const rows = splitMessages(input);
  let first = false;
  for (const [i, row] of rows.entries()) {
    const inserted = await outbox(db).enqueue({
      dedupeKey: row.key,
      kind: input.kind,
      groupId: input.route.groupId ?? null,
      route: JSON.stringify(row.route),
      body: JSON.stringify(row.body),
      robotKey: input.robotKey ?? null,
      urgent: Boolean(input.urgent),
      afterKey: row.after,
      notBefore: input.notBefore ?? now,
      createdAt: now,
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
      await outbox(db).skipPending(key, reason);
    }
  }
  return inserted;
}

/** Pushes still to go (pending or being sent), for /metrics. */
export function outboxBacklog(db: Db): Promise<number> {
  return outbox(db).backlog();
}

/** The long connection is back: rows that failed for want of it are due now instead of after their back-off. */
export async function wakeNotConnected(db: Db, now: number): Promise<void> {
  await outbox(db).wakeNotConnected(now);
}
