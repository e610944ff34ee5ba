import type { DataSource } from 'typeorm';
import { pendingInputs } from '../../db/repositories/pending-input.repository';

/** Column widths of pending_input: ids and the command are cut to fit (a longer chat id never matches anyway). */
const cut = (s: string) => s.slice(0, 191);

/** A tap's question, waiting for the person's next plain message in that chat. */
export interface PendingQuestion {
  command: string;
  version: number | null;
}

/** Asks one person in one chat; their earlier question there gives way. */
export async function askPending(
  ds: DataSource, who: { platform: string; chatId: string; senderId: string }, q: PendingQuestion, now: number, ttlMs: number,
): Promise<void> {
  await pendingInputs(ds).ask({
    platform: who.platform, chatId: cut(who.chatId), senderId: cut(who.senderId), command: cut(q.command),
    version: q.version, expiresAt: now + ttlMs, createdAt: now,
  });
}

/**
 * The person's live question, claimed for this answer: exactly one caller gets it (two instances, a redelivery of
 * the answer); undefined when there is none or another caller claimed it first.
 */
export async function takePending(ds: DataSource, who: { platform: string; chatId: string; senderId: string }, now: number): Promise<PendingQuestion | undefined> {
  const p = await pendingInputs(ds).open({ platform: who.platform, chatId: cut(who.chatId), senderId: cut(who.senderId) }, now);
  if (!p || !(await pendingInputs(ds).claim(p.id))) return undefined;
  return { command: p.command, version: p.version };
}
