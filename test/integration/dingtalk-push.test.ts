import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../src/platforms/markdown';
import {
  DINGTALK_MSG_PARAM_MAX_BYTES,
  DingtalkTokenCache,
  sendDingtalkCustomRobot,
  sendDingtalkGroupMessage,
  sendDingtalkSessionWebhook,
} from '../../src/platforms/dingtalk/push';
import type { Clock } from '../../src/services/clock';
import { startFakePushServer, type FakePushServer } from '../helpers/fake-push-server';

const APP = { appKey: 'dingappkey123', appSecret: 'APP-SECRET-very-secret-value' };
const TOKEN_PATH = '/v1.0/oauth2/accessToken';
const GROUP_PATH = '/v1.0/robot/groupMessages/send';
let fake: FakePushServer;
let clockMs: number;
const clock: Clock = { now: () => clockMs };
let issued: number;

beforeEach(async () => {
  fake = await startFakePushServer();
  clockMs = Date.UTC(2025, 1, 14, 1, 0);
  issued = 0;
  // Every token request gets a new token, so tests can tell a cached token from a refetched one.
  fake.fallback(TOKEN_PATH, () => ({ json: { accessToken: `tok-${++issued}`, expireIn: 7200 } }));
  fake.fallback(GROUP_PATH, { json: { processQueryKey: 'pqk' } });
});
afterEach(async () => {
  await fake.close();
});

const newCache = () => new DingtalkTokenCache({ apiBase: fake.baseUrl, clock });
const sendGroup = (cache: DingtalkTokenCache, message: Parameters<typeof sendDingtalkGroupMessage>[0]['message'] = { type: 'text', content: 'hi' }) =>
  sendDingtalkGroupMessage({ apiBase: fake.baseUrl, tokens: cache.forApp(APP), robotCode: 'dingrobot', openConversationId: 'cidABC==', message });

describe('DingtalkTokenCache', () => {
  it('fetches with {appKey, appSecret}, caches, and refreshes 5 minutes before expiry', async () => {
    const cache = newCache();
    expect(await cache.get(APP)).toEqual({ ok: true, token: 'tok-1' });
    expect(fake.requestsTo(TOKEN_PATH)[0].json).toEqual({ appKey: APP.appKey, appSecret: APP.appSecret });

    clockMs += (7200 - 5 * 60) * 1000 - 1;
    expect(await cache.get(APP)).toEqual({ ok: true, token: 'tok-1' });
    expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(1);

    clockMs += 1;
    expect(await cache.get(APP)).toEqual({ ok: true, token: 'tok-2' });
    expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(2);
  });

  it('shares one fetch between concurrent callers (single-flight)', async () => {
    fake.script(TOKEN_PATH, { json: { accessToken: 'tok-shared', expireIn: 7200 }, delayMs: 150 });
    const cache = newCache();
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.get(APP)));
    expect(results.every((r) => r.ok && r.token === 'tok-shared')).toBe(true);
    expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(1);
  });

  it('keeps separate tokens per appKey', async () => {
    const cache = newCache();
    await cache.get(APP);
    await cache.get({ appKey: 'other', appSecret: 's2' });
    await cache.get(APP);
    expect(fake.requestsTo(TOKEN_PATH).map((r) => (r.json as { appKey: string }).appKey)).toEqual([APP.appKey, 'other']);
  });

  it('keeps using a still-valid token when the early refresh fails', async () => {
    const cache = newCache();
    await cache.get(APP);
    clockMs += (7200 - 60) * 1000; // inside the refresh margin, not yet expired
    fake.script(TOKEN_PATH, { status: 503, body: 'busy' });
    expect(await cache.get(APP)).toEqual({ ok: true, token: 'tok-1' });
  });

  it('reports bad credentials as permanent without echoing the secret', async () => {
    fake.script(TOKEN_PATH, { status: 400, json: { code: 'invalidClientIdOrSecret', message: `bad secret ${APP.appSecret}` } });
    const result = await newCache().get(APP);
    expect(result).toMatchObject({ ok: false, retryable: false, code: 'invalidClientIdOrSecret' });
    expect(JSON.stringify(result)).not.toContain(APP.appSecret);
  });
});

describe('sendDingtalkGroupMessage', () => {
  it('sends msgKey + msgParam (a JSON string) with the token header', async () => {
    const cache = newCache();
    expect(await sendGroup(cache, { type: 'markdown', title: '提醒', text: '**方案**\n\n完成后回复' })).toEqual({ ok: true });
    const req = fake.requestsTo(GROUP_PATH)[0];
    expect(req.headers['x-acs-dingtalk-access-token']).toBe('tok-1');
    const body = req.json as Record<string, string>;
    expect(body).toMatchObject({ robotCode: 'dingrobot', openConversationId: 'cidABC==', msgKey: 'sampleMarkdown' });
    expect(typeof body.msgParam).toBe('string');
    expect(JSON.parse(body.msgParam)).toEqual({ title: '提醒', text: '**方案**\n\n完成后回复' });

    await sendGroup(cache, { type: 'text', content: '你好' });
    await sendGroup(cache, { type: 'image', photoURL: 'https://example.com/a.png' });
    const [, text, image] = fake.requestsTo(GROUP_PATH).map((r) => r.json as Record<string, string>);
    expect([text.msgKey, JSON.parse(text.msgParam)]).toEqual(['sampleText', { content: '你好' }]);
    expect([image.msgKey, JSON.parse(image.msgParam)]).toEqual(['sampleImageMsg', { photoURL: 'https://example.com/a.png' }]);
    expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(1); // cached across sends
  });

  it('keeps msgParam within 15000 bytes even when JSON escaping grows the text', async () => {
    const text = '"引号"\n'.repeat(3000); // escapes to far more than 15 000 B
    await sendGroup(newCache(), { type: 'markdown', title: 't', text });
    const msgParam = (fake.requestsTo(GROUP_PATH)[0].json as { msgParam: string }).msgParam;
    expect(utf8Bytes(msgParam)).toBeLessThanOrEqual(DINGTALK_MSG_PARAM_MAX_BYTES);
    expect(utf8Bytes(msgParam)).toBeGreaterThan(DINGTALK_MSG_PARAM_MAX_BYTES - 50);
    expect(JSON.parse(msgParam).text).toMatch(/已截断）$/);
  });

  it('drops a rejected token, refetches once and retries', async () => {
    fake.script(GROUP_PATH, { status: 401, json: { code: 'InvalidAuthentication', message: '不合法的access_token' } });
    const cache = newCache();
    expect(await sendGroup(cache)).toEqual({ ok: true });
    const sends = fake.requestsTo(GROUP_PATH);
    expect(sends.map((r) => r.headers['x-acs-dingtalk-access-token'])).toEqual(['tok-1', 'tok-2']);
    expect(await cache.get(APP)).toEqual({ ok: true, token: 'tok-2' });
  });

  it('gives up after the second auth failure (permanent)', async () => {
    fake.fallback(GROUP_PATH, { status: 401, json: { code: 'InvalidAuthentication', message: 'x' } });
    expect(await sendGroup(newCache())).toMatchObject({ ok: false, retryable: false, code: 'InvalidAuthentication' });
    expect(fake.requestsTo(GROUP_PATH)).toHaveLength(2);
  });

  it.each([
    [400, 'invalidParameter.robotCode.notExsit', false],
    [400, 'bot.stopped', false],
    [403, 'Forbidden.AccessDenied.AccessTokenPermissionDenied', false],
    [403, 'Forbidden.AccessDenied.QpsLimitForApi', true],
    [429, 'Throttling.Api', true],
    [500, 'ServiceUnavailable', true],
    [400, '-1', true],
  ])('HTTP %i %s → retryable %s', async (status, code, retryable) => {
    fake.script(GROUP_PATH, { status, json: { code, message: '...', requestid: 'r1' } });
    expect(await sendGroup(newCache())).toMatchObject({ ok: false, code, retryable });
  });

  it('never puts the access token into a failure message', async () => {
    fake.script(GROUP_PATH, { status: 400, json: { code: 'invalidParameter.x', message: 'token tok-1 lacks permission' } });
    expect(JSON.stringify(await sendGroup(newCache()))).not.toContain('tok-1');
  });
});

describe('sendDingtalkCustomRobot', () => {
  it('signs every request with the current timestamp (加签) and sends text with at', async () => {
    clockMs = 1577262236757;
    const result = await sendDingtalkCustomRobot({
      oapiBase: fake.baseUrl, accessToken: 'ROBOT-TOKEN', secret: 'this is secret', clock,
      message: { type: 'text', content: '请 @13800001111 处理', atMobiles: ['13800001111'], atUserIds: ['user123'] },
    });
    expect(result).toEqual({ ok: true });
    const req = fake.requests[0];
    expect(req.path).toBe('/robot/send');
    expect(req.query.get('access_token')).toBe('ROBOT-TOKEN');
    expect(req.query.get('timestamp')).toBe('1577262236757');
    // vector A of dingtalk.md §5, percent-encoded on the wire
    expect(req.rawQuery).toContain('sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D');
    expect(req.json).toEqual({
      msgtype: 'text',
      text: { content: '请 @13800001111 处理 @user123' },
      at: { atMobiles: ['13800001111'], atUserIds: ['user123'], isAtAll: false },
    });

    clockMs += 61 * 60_000;
    await sendDingtalkCustomRobot({ oapiBase: fake.baseUrl, accessToken: 'ROBOT-TOKEN', secret: 'this is secret', clock, message: { type: 'markdown', title: 't', text: 'x' } });
    expect(fake.requests[1].query.get('timestamp')).toBe(String(clockMs));
    expect(fake.requests[1].query.get('sign')).not.toBe(req.query.get('sign'));
    expect(fake.requests[1].json).toMatchObject({ msgtype: 'markdown', markdown: { title: 't', text: 'x' } });
  });

  it.each([
    [130101, 'send too fast, exceed 20 times per minute', true],
    [-1, '系统繁忙', true],
    [310000, 'sign not match', false],
    [300005, 'token is not exist', false],
  ])('errcode %i (%s) → retryable %s, with HTTP 200', async (errcode, errmsg, retryable) => {
    fake.script('/robot/send', { json: { errcode, errmsg } });
    const result = await sendDingtalkCustomRobot({ oapiBase: fake.baseUrl, accessToken: 'ROBOT-TOKEN', secret: 'SECabc', message: { type: 'text', content: 'x' } });
    expect(result).toMatchObject({ ok: false, code: String(errcode), retryable });
    expect(JSON.stringify(result)).not.toMatch(/ROBOT-TOKEN|SECabc/);
  });
});

describe('sendDingtalkSessionWebhook', () => {
  it('posts the robot body to the session URL; 300001 (expired) is permanent', async () => {
    const url = `${fake.baseUrl}/robot/sendBySession?session=SESSION-SECRET`;
    expect(await sendDingtalkSessionWebhook(url, { type: 'markdown', title: '已登记', text: '**YH-1**', atUserIds: ['u1'] })).toEqual({ ok: true });
    expect(fake.requests[0].json).toEqual({
      msgtype: 'markdown', markdown: { title: '已登记', text: '**YH-1** @u1' }, at: { atMobiles: [], atUserIds: ['u1'], isAtAll: false },
    });
    fake.script('/robot/sendBySession', { json: { errcode: 300001, errmsg: 'session 不存在' } });
    const expired = await sendDingtalkSessionWebhook(url, { type: 'text', content: 'x' });
    expect(expired).toMatchObject({ ok: false, retryable: false, code: '300001' });
    expect(JSON.stringify(expired)).not.toContain('SESSION-SECRET');
  });
});
