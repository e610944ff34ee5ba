import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRUNCATION_HINT, utf8Bytes } from '../../src/platforms/markdown';
import {
  sendWecomResponseUrl,
  sendWecomWebhook,
  WECOM_IMAGE_MAX_BYTES,
  WECOM_MARKDOWN_MAX_BYTES,
  WECOM_TEXT_MAX_BYTES,
} from '../../src/platforms/wecom/push';
import { startFakePushServer, type FakePushServer } from '../helpers/fake-push-server';

const KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const SEND = '/cgi-bin/webhook/send';
let fake: FakePushServer;

beforeEach(async () => {
  fake = await startFakePushServer();
});
afterEach(async () => {
  await fake.close();
});

const send = (message: Parameters<typeof sendWecomWebhook>[0]['message'], timeoutMs?: number) =>
  sendWecomWebhook({ apiBase: fake.baseUrl, key: KEY, message, timeoutMs });

describe('sendWecomWebhook request shapes', () => {
  it('posts a text message with mentions to /cgi-bin/webhook/send?key=', async () => {
    const result = await send({ type: 'text', content: '请检查消防通道', mentionedMobiles: ['13800001111'], mentionedUserIds: ['wangqing', '@all'] });
    expect(result).toEqual({ ok: true });
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0];
    expect(req.method).toBe('POST');
    expect(req.path).toBe(SEND);
    expect(req.query.get('key')).toBe(KEY);
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.json).toEqual({
      msgtype: 'text',
      text: { content: '请检查消防通道', mentioned_list: ['wangqing', '@all'], mentioned_mobile_list: ['13800001111'] },
    });
  });

  it('posts markdown as given', async () => {
    const content = '**📅 距 2 月 21 日还有 7 天**\n> <font color="warning">尚未完成</font>';
    expect(await send({ type: 'markdown', content })).toEqual({ ok: true });
    expect(fake.requests[0].json).toEqual({ msgtype: 'markdown', markdown: { content } });
  });

  it('sends a PNG as base64 with the md5 of the raw bytes', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('fake image data')]);
    expect(await send({ type: 'image', png })).toEqual({ ok: true });
    const body = fake.requests[0].json as { msgtype: string; image: { base64: string; md5: string } };
    expect(body.msgtype).toBe('image');
    expect(Buffer.from(body.image.base64, 'base64').equals(png)).toBe(true);
    expect(body.image.md5).toBe(createHash('md5').update(png).digest('hex'));
  });

  it('refuses an image over 2 MB without calling WeCom', async () => {
    const result = await send({ type: 'image', png: Buffer.alloc(WECOM_IMAGE_MAX_BYTES + 1) });
    expect(result).toMatchObject({ ok: false, retryable: false, code: 'TOO_LARGE' });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('byte limits', () => {
  it('truncates CJK text to 2048 bytes on a character boundary with a hint', async () => {
    const long = '校园安全'.repeat(300); // 3 600 B
    await send({ type: 'text', content: long });
    const content = (fake.requests[0].json as { text: { content: string } }).text.content;
    expect(utf8Bytes(content)).toBeLessThanOrEqual(WECOM_TEXT_MAX_BYTES);
    expect(utf8Bytes(content)).toBeGreaterThan(WECOM_TEXT_MAX_BYTES - 10);
    expect(content.endsWith(`…${TRUNCATION_HINT}`)).toBe(true);
    expect(long.startsWith(content.slice(0, -(1 + TRUNCATION_HINT.length)))).toBe(true);
    expect(content).not.toContain('\uFFFD');
  });

  it('truncates markdown to 4096 bytes and keeps a message that fits untouched', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `第 ${i} 条 <font color="warning">逾期</font>`).join('\n');
    await send({ type: 'markdown', content: long });
    const content = (fake.requests[0].json as { markdown: { content: string } }).markdown.content;
    expect(utf8Bytes(content)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(content.endsWith(TRUNCATION_HINT)).toBe(true);
    expect(content.split('<font').length).toBe(content.split('</font>').length); // no half tag left

    const exact = 'a'.repeat(WECOM_MARKDOWN_MAX_BYTES);
    await send({ type: 'markdown', content: exact });
    expect((fake.requests[1].json as { markdown: { content: string } }).markdown.content).toBe(exact);
  });
});

describe('errcode and transport classification', () => {
  it('HTTP 200 with errcode 45009 is a retryable rate limit', async () => {
    fake.script(SEND, { json: { errcode: 45009, errmsg: 'api freq out of limit' } });
    const result = await send({ type: 'text', content: 'x' });
    expect(result).toMatchObject({ ok: false, retryable: true, code: '45009', retryAfterMs: 60_000 });
  });

  it('HTTP 200 with errcode 93000 (key invalid / bot removed) is permanent', async () => {
    fake.script(SEND, { json: { errcode: 93000, errmsg: `invalid webhook url, hint: [key=${KEY}]` } });
    const result = await send({ type: 'text', content: 'x' });
    expect(result).toMatchObject({ ok: false, retryable: false, code: '93000' });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('HTTP 5xx is retryable, a 2xx page without errcode is not', async () => {
    fake.script(SEND, { status: 502, body: '<html>Bad Gateway</html>' }, { status: 200, body: '<html>portal</html>' });
    expect(await send({ type: 'text', content: 'x' })).toMatchObject({ ok: false, retryable: true, code: 'HTTP_502' });
    expect(await send({ type: 'text', content: 'x' })).toMatchObject({ ok: false, retryable: false, code: 'BAD_RESPONSE' });
  });

  it('times out per request and reports it as retryable', async () => {
    fake.script(SEND, { hang: true });
    const started = Date.now();
    const result = await send({ type: 'text', content: 'x' }, 300);
    expect(result).toMatchObject({ ok: false, retryable: true, code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('a refused connection is a retryable network error without the key in the message', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const result = await sendWecomWebhook({ apiBase: `http://127.0.0.1:${port}`, key: KEY, message: { type: 'text', content: 'x' } });
    expect(result).toMatchObject({ ok: false, retryable: true, code: 'NETWORK' });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });
});

describe('sendWecomResponseUrl', () => {
  it('posts {"msgtype":"markdown"} to the response_url and checks errcode', async () => {
    const url = `${fake.baseUrl}/cgi-bin/aibot/response?response_code=RC-SECRET-123`;
    expect(await sendWecomResponseUrl(url, '**已登记隐患**')).toEqual({ ok: true });
    const req = fake.requests[0];
    expect(req.path).toBe('/cgi-bin/aibot/response');
    expect(req.query.get('response_code')).toBe('RC-SECRET-123');
    expect(req.json).toEqual({ msgtype: 'markdown', markdown: { content: '**已登记隐患**' } });

    fake.script('/cgi-bin/aibot/response', { json: { errcode: 40008, errmsg: 'response_code used: RC-SECRET-123' } });
    const used = await sendWecomResponseUrl(url, 'again');
    expect(used).toMatchObject({ ok: false, retryable: false, code: '40008' });
    expect(JSON.stringify(used)).not.toContain('RC-SECRET-123');
  });
});
