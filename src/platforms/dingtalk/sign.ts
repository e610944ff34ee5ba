import { createHmac, timingSafeEqual } from 'node:crypto';

/** Base64(HmacSHA256(key = appSecret, msg = timestamp + "\n" + appSecret)), dingtalk.md §1. */
export function dingtalkInboundSign(timestamp: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`, 'utf8').digest('base64');
}

export type SignCheck = { ok: true } | { ok: false; status: 401 | 403; reason: string };

const MAX_SKEW_MS = 60 * 60 * 1000;

/** Missing headers → 401; stale/future timestamp or wrong sign → 403. Constant-time compare. */
export function checkDingtalkSign(timestamp: string | undefined, sign: string | undefined, appSecret: string, now: number): SignCheck {
  if (!timestamp || !sign) return { ok: false, status: 401, reason: 'missing timestamp or sign header' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, status: 403, reason: 'timestamp is not epoch milliseconds' };
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) return { ok: false, status: 403, reason: 'timestamp outside the 1 h window' };
  const expected = Buffer.from(dingtalkInboundSign(timestamp, appSecret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, status: 403, reason: 'sign mismatch' };
  return { ok: true };
}
