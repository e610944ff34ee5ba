// DingTalk's inbound `sign` covers only the timestamp (dingtalk.md §1): a captured (timestamp, sign) pair would
// otherwise be a pass for any body, any sender, for an hour. Each body seen under a pair is remembered in the
// database (so every instance sees it) for the pair's validity window:
// - the same body again (a genuine redelivery, or a replay of it) passes: the (platform, msgId) dedupe makes it a no-op;
// - a different body passes only while the pair is fresh, as DingTalk's own callbacks sent in the same millisecond
//   carry the same pair: at most MAX_BODIES_PER_PAIR bodies, all arriving within COLLISION_WINDOW_MS of the first.
//   A captured pair replayed later with another body is refused.
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { proofs } from '../../db/repositories/proof.repository';

export const COLLISION_WINDOW_MS = 1_000;
export const MAX_BODIES_PER_PAIR = 3;
/** The sign check accepts ±1 h; rows older than that can never match a valid pair again. */
const KEEP_MS = 2 * 60 * 60 * 1000;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export type ProofCheck = { ok: true } | { ok: false; reason: string };

/** Like the ack's insert (src/bot/ingest.ts), a database that hangs must not hold the webhook: a storage error (503). */
export const PROOF_TIMEOUT_MS = 2000;

export async function checkBodyProof(ds: DataSource, timestamp: string, sign: string, raw: string, now: number, timeoutMs = PROOF_TIMEOUT_MS): Promise<ProofCheck> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`database did not answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
  });
  try {
    return await Promise.race([proofOnce(ds, timestamp, sign, raw, now), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function proofOnce(ds: DataSource, timestamp: string, sign: string, raw: string, now: number): Promise<ProofCheck> {
  const proof = sha256(`${timestamp}\n${sign}`);
  const bodyHash = sha256(raw);
  const seen = proofs(ds);
  if (!(await seen.remember({ platform: 'dingtalk', proof, bodyHash, createdAt: now }))) return { ok: true };
  const { bodies, firstAt } = await seen.underProof('dingtalk', proof);
  if (Math.random() < 0.01) void seen.purgeBefore(now - KEEP_MS).catch(() => undefined);
  if (bodies <= 1) return { ok: true };
  if (bodies <= MAX_BODIES_PER_PAIR && now - (firstAt ?? now) <= COLLISION_WINDOW_MS) return { ok: true };
  // Forget this body, so sending it again is refused again rather than taken for a redelivery.
  await seen.forget('dingtalk', proof, bodyHash);
  return { ok: false, reason: 'timestamp and sign already used for another body' };
}
