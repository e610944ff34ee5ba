import { createDecipheriv, timingSafeEqual } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';

/** WXBizMsgCrypt (docs/platforms/wecom.md §1), via @wecom/crypto, plus the checks it leaves to us. */
export class WecomCryptoError extends Error {
  constructor(readonly reason: 'signature' | 'decrypt' | 'receiveid', message: string) {
    super(message);
  }
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function signatureMatches(token: string, timestamp: string, nonce: string, encrypted: string, given: string): boolean {
  const expected = Buffer.from(getSignature(token, String(timestamp), String(nonce), encrypted), 'utf8');
  const actual = Buffer.from(String(given).toLowerCase(), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Verifies the signature over the exact ciphertext, decrypts, and checks the receiveid (corp id, or "" for 智能机器人). */
export function openEnvelope(
  cfg: { token: string; aesKey: string },
  receiveId: string,
  q: { msg_signature: string; timestamp: string; nonce: string },
  encrypted: string,
): string {
  if (!signatureMatches(cfg.token, q.timestamp, q.nonce, encrypted, q.msg_signature)) {
    throw new WecomCryptoError('signature', 'msg_signature mismatch');
  }
  if (!BASE64.test(encrypted) || encrypted.length % 4 !== 0) throw new WecomCryptoError('decrypt', 'ciphertext is not base64');
  // @wecom/crypto's decrypt skips unpadding on a bad pad and returns garbage with id "" (which equals the aibot's
  // receiveid), so decryption is done here with the padding and length layout checked: a wrong key fails cleanly.
  const out = strictDecrypt(cfg.aesKey, encrypted);
  if (!out) throw new WecomCryptoError('decrypt', 'bad padding or length (wrong EncodingAESKey?)');
  if (out.id !== receiveId) throw new WecomCryptoError('receiveid', 'receiveid mismatch');
  return out.message;
}

/** AES-256-CBC, IV = key[0..16), PKCS#7 to 32 bytes, layout random(16) ‖ len(4, BE) ‖ msg ‖ receiveid (wecom.md §1). */
function strictDecrypt(aesKey43: string, encrypted: string): { message: string; id: string } | null {
  try {
    const key = Buffer.from(aesKey43 + '=', 'base64');
    const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    d.setAutoPadding(false);
    const plain = Buffer.concat([d.update(encrypted, 'base64'), d.final()]);
    const pad = plain[plain.length - 1];
    if (pad < 1 || pad > 32 || plain.length < 20 + pad) return null;
    for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) return null;
    const len = plain.readUInt32BE(16);
    if (20 + len > plain.length - pad) return null;
    const message = new TextDecoder('utf-8', { fatal: true }).decode(plain.subarray(20, 20 + len));
    return { message, id: plain.subarray(20 + len, plain.length - pad).toString('utf8') };
  } catch {
    return null;
  }
}

/** Encrypted passive reply for 智能机器人 (JSON flavour, doc 101033); timestamp in seconds, the callback's nonce. */
export function sealJsonReply(cfg: { token: string; aesKey: string }, plaintext: string, nonce: string, now: number): string {
  const enc = encrypt(cfg.aesKey, plaintext, '');
  const timestamp = String(Math.floor(now / 1000));
  return JSON.stringify({ encrypt: enc, msgsignature: getSignature(cfg.token, timestamp, nonce, enc), timestamp: Number(timestamp), nonce });
}

/**
 * 智能机器人 media (image url) is AES-256-CBC with the bot's key, IV = key[0..16), PKCS#7 to 32 bytes. The padding is
 * checked as the official SDK does: a wrong key yields garbage, and garbage almost never ends in valid padding.
 */
export function decryptMedia(aesKey43: string, data: Buffer): Buffer {
  if (data.length === 0 || data.length % 16 !== 0) throw new WecomCryptoError('decrypt', `media length ${data.length} is not a multiple of 16`);
  const key = Buffer.from(aesKey43 + '=', 'base64');
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(data), d.final()]);
  const pad = plain[plain.length - 1];
  if (pad < 1 || pad > 32 || pad > plain.length) throw new WecomCryptoError('decrypt', 'bad PKCS#7 padding (wrong EncodingAESKey?)');
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) throw new WecomCryptoError('decrypt', 'bad PKCS#7 padding (wrong EncodingAESKey?)');
  }
  return plain.subarray(0, plain.length - pad);
}
