import { createCipheriv } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomTokenCache } from '../../src/platforms/wecom/app-token';
import { sendWecomApp } from '../../src/platforms/wecom/app-send';
import { decryptMedia, WecomCryptoError } from '../../src/platforms/wecom/crypto';
import { startFakePushServer, type FakePushServer } from '../helpers/fake-push-server';

const APP = { corpId: 'wwcorp0001', secret: 'S3cret-app-secret', agentId: 1000002 };
let fake: FakePushServer;
let now = 1_700_000_000_000;
const clock = { now: () => now };
let issued = 0;

beforeEach(async () => {
  fake = await startFakePushServer();
  issued = 0;
  fake.fallback('/cgi-bin/gettoken', () => ({ delayMs: 30, json: { errcode: 0, errmsg: 'ok', access_token: `T${++issued}`, expires_in: 7200 } }));
});
afterEach(async () => {
  await fake.close();
});

describe('WecomTokenCache', () => {
  it('fetches once for many concurrent callers, then serves the cache', async () => {
    const cache = new WecomTokenCache({ apiBase: fake.baseUrl, clock });
    const got = await Promise.all(Array.from({ length: 10 }, () => cache.get(APP)));
    expect(got.every((g) => g.ok && g.token === 'T1')).toBe(true);
    expect(await cache.get(APP)).toEqual({ ok: true, token: 'T1' });
    expect(fake.requestsTo('/cgi-bin/gettoken')).toHaveLength(1);
    expect(fake.requestsTo('/cgi-bin/gettoken')[0].query.get('corpsecret')).toBe(APP.secret);
  });

  it('refreshes five minutes before expiry, and keeps the old token while a refresh fails', async () => {
    const cache = new WecomTokenCache({ apiBase: fake.baseUrl, clock });
    await cache.get(APP);
    now += 7200_000 - 4 * 60_000;
    expect(await cache.get(APP)).toEqual({ ok: true, token: 'T2' });
    now += 7200_000 - 4 * 60_000;
    fake.script('/cgi-bin/gettoken', { json: { errcode: -1, errmsg: 'system busy' } });
    expect(await cache.get(APP)).toEqual({ ok: true, token: 'T2' });
    expect(await cache.get(APP)).toEqual({ ok: true, token: 'T3' });
  });

  it('a wrong secret is a permanent failure without the secret in the message', async () => {
    fake.script('/cgi-bin/gettoken', { json: { errcode: 40001, errmsg: `invalid credential, corpsecret ${APP.secret}` } });
    const res = await new WecomTokenCache({ apiBase: fake.baseUrl, clock }).get(APP);
    expect(res).toMatchObject({ ok: false, retryable: false, code: '40001' });
    expect(JSON.stringify(res)).not.toContain(APP.secret);
  });
});

describe('sendWecomApp', () => {
  it('retries once with a fresh token after 40014, and sends appchat messages by chatid', async () => {
    const tokens = new WecomTokenCache({ apiBase: fake.baseUrl, clock });
    fake.script('/cgi-bin/appchat/send', { json: { errcode: 40014, errmsg: 'invalid access_token' } });
    const res = await sendWecomApp({ apiBase: fake.baseUrl, app: APP, tokens, target: { kind: 'appchat', chatId: 'CHAT1' }, message: { type: 'markdown', content: '**hi**' } });
    expect(res).toEqual({ ok: true });
    const sends = fake.requestsTo('/cgi-bin/appchat/send');
    expect(sends.map((r) => r.query.get('access_token'))).toEqual(['T1', 'T2']);
    expect(sends[1].json).toEqual({ chatid: 'CHAT1', msgtype: 'markdown', markdown: { content: '**hi**' }, safe: 0 });
  });

  it('does not loop on a token WeCom keeps refusing', async () => {
    const tokens = new WecomTokenCache({ apiBase: fake.baseUrl, clock });
    fake.fallback('/cgi-bin/message/send', { json: { errcode: 42001, errmsg: 'access_token expired' } });
    const res = await sendWecomApp({ apiBase: fake.baseUrl, app: APP, tokens, target: { kind: 'user', userId: 'u1' }, message: { type: 'text', content: 'x' } });
    expect(res).toMatchObject({ ok: false, code: '42001' });
    expect(fake.requestsTo('/cgi-bin/message/send')).toHaveLength(2);
  });

  it('uploads a picture with media/upload and sends its media_id', async () => {
    const tokens = new WecomTokenCache({ apiBase: fake.baseUrl, clock });
    fake.fallback('/cgi-bin/media/upload', { json: { errcode: 0, type: 'image', media_id: 'MEDIA1', created_at: '1' } });
    const png = Buffer.from('89504e470d0a1a0a00', 'hex');
    const res = await sendWecomApp({ apiBase: fake.baseUrl, app: APP, tokens, target: { kind: 'user', userId: 'u1' }, message: { type: 'image', data: png, mime: 'image/png' } });
    expect(res).toEqual({ ok: true });
    expect(fake.requestsTo('/cgi-bin/media/upload')[0].query.get('type')).toBe('image');
    expect(fake.requestsTo('/cgi-bin/message/send')[0].json).toEqual({ touser: 'u1', agentid: 1000002, msgtype: 'image', image: { media_id: 'MEDIA1' }, safe: 0 });
  });
});

describe('decryptMedia', () => {
  const key = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
  const enc = (k: string, data: Buffer, pad = 32 - (data.length % 32)) => {
    const raw = Buffer.from(`${k}=`, 'base64');
    const c = createCipheriv('aes-256-cbc', raw, raw.subarray(0, 16));
    c.setAutoPadding(false);
    return Buffer.concat([c.update(Buffer.concat([data, Buffer.alloc(pad, pad)])), c.final()]);
  };

  it('removes PKCS#7 padding to 32 bytes', () => {
    const data = Buffer.from('a picture of 31 bytes, exactly.');
    expect(decryptMedia(key, enc(key, data)).equals(data)).toBe(true);
    const full = Buffer.alloc(64, 7);
    expect(decryptMedia(key, enc(key, full)).equals(full)).toBe(true); // a whole block of padding
  });

  it('throws on a wrong key or a truncated file instead of returning garbage', () => {
    const data = Buffer.alloc(1000, 0x42);
    expect(() => decryptMedia('Q'.repeat(43), enc(key, data))).toThrow(WecomCryptoError);
    expect(() => decryptMedia(key, enc(key, data).subarray(0, 1000))).toThrow(/multiple of 16/);
  });
});
