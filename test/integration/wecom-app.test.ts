import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encrypt, getSignature } from '@wecom/crypto';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv, CREDS, wecomAppRequest, wecomBotRequest, wecomVerifyUrl } from '../helpers/platform-sim';
import { startBot, waitUntil, type TestBot } from '../helpers/bot';
import { utf8Bytes } from '../../src/platforms/markdown';

const targets = await dbTargets();
/** Tests whose subject is not the database run on SQLite only. */
const sqlite = targets.find((x) => x.name === 'sqlite')!;
const SECRET = 'app-secret-for-tests-0123456789';
const APP_ENV = { WECOM_CORP_SECRET: SECRET, WECOM_AGENT_ID: '1000002' };

describe.each(targets)('WeCom self-built app replies on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let tokens = 0;

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    fake.respond((r) => (r.path === '/cgi-bin/gettoken' ? { body: { errcode: 0, errmsg: 'ok', access_token: `tok-${++tokens}`, expires_in: 7200 } } : undefined));
    // The first token "expires" early (WeCom may invalidate one before expires_in): 42001 once.
    fake.respond((r) => (r.path === '/cgi-bin/message/send' && r.query.get('access_token') === 'tok-1' ? { body: { errcode: 42001, errmsg: 'access_token expired' } } : undefined));
    t = await startBot(url, { ...botEnv(fake.url), ...APP_ENV });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('answers /帮助 sent to the app through gettoken + message/send, refetching an expired token once', async () => {
    const req = wecomAppRequest(t.base, { userId: 'zhangsan', text: '/帮助' });
    const res = await fetch(req.url, req.init);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const sent = await fake.waitFor((r) => r.path === '/cgi-bin/message/send' && r.query.get('access_token') === 'tok-2');
    expect(sent.body).toMatchObject({ touser: 'zhangsan', agentid: 1000002, msgtype: 'markdown' });
    expect(textOf(sent)).toContain('你可以做的');
    expect(utf8Bytes(sent.body.markdown.content)).toBeLessThanOrEqual(2048);
    expect(fake.find('/cgi-bin/gettoken')).toHaveLength(2);
    expect(fake.find('/cgi-bin/gettoken')[0].query.get('corpsecret')).toBe(SECRET);
    expect(fake.find('/cgi-bin/gettoken')[0].query.get('corpid')).toBe(CREDS.wecomApp.corpId);
    expect(fake.find('/cgi-bin/message/send')).toHaveLength(2);
    await waitUntil(async () => (await t.bot.ds.query(`SELECT status FROM outbox_message WHERE kind = 'reply' ORDER BY id DESC LIMIT 1`))[0]?.status === 'sent');
    expect(t.logs.join('')).not.toContain(SECRET);
    expect(t.logs.join('')).not.toContain('tok-2');
  });

  it('keeps the token for the next reply, and answers plain text as text', async () => {
    const req = wecomAppRequest(t.base, { userId: 'zhangsan', text: '/我是谁' });
    await fetch(req.url, req.init);
    const sent = await fake.waitFor((r) => r.path === '/cgi-bin/message/send' && textOf(r).includes('我还不认识你'));
    expect(sent.body.msgtype).toBe('text');
    expect(sent.query.get('access_token')).toBe('tok-2');
    expect(fake.find('/cgi-bin/gettoken')).toHaveLength(2);
  });

  it('asks for text when a voice message comes without recognition', async () => {
    const req = wecomAppRequest(t.base, { userId: 'lisi', voice: {} });
    expect((await fetch(req.url, req.init)).status).toBe(200);
    const sent = await fake.waitFor((r) => r.path === '/cgi-bin/message/send' && r.body.touser === 'lisi');
    expect(textOf(sent)).toContain('请用文字描述');
  });
});

describe('WeCom app without WECOM_CORP_SECRET / WECOM_AGENT_ID', () => {
  let fake: FakePlatform;
  let t: TestBot;
  beforeAll(async () => {
    fake = await new FakePlatform().start();
    t = await startBot(await sqlite.create(), botEnv(fake.url));
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await sqlite.drop(t.bot.config.DATABASE_URL);
  });

  it('says once at start that app messages cannot be answered, and logs and counts the reply it cannot send', async () => {
    expect(t.logs.filter((l) => l.includes('app messages are received but cannot be answered'))).toHaveLength(1);
    const req = wecomAppRequest(t.base, { userId: 'wangwu', text: '/帮助' });
    expect((await fetch(req.url, req.init)).status).toBe(200);
    await waitUntil(() => t.logs.some((l) => l.includes('reply undeliverable: no route left')));
    expect(t.bot.sender.counters.undeliverable).toBe(1);
    expect(fake.find('/cgi-bin/message/send')).toHaveLength(0);
  });
});

/** Receivers by request shape: the app and the 智能机器人 on one URL, with shared or distinct credentials. */
const SHARED_KEY = 'sharedKeyABCDEFGHIJKLMNOPQRSTUVWXYZ01234567';
const SETUPS = [
  { name: 'distinct credentials', app: CREDS.wecomApp, bot: CREDS.wecomBot },
  { name: 'a shared Token', app: { ...CREDS.wecomApp, token: 'sharedTok' }, bot: { ...CREDS.wecomBot, token: 'sharedTok' } },
  { name: 'a shared Token and key', app: { ...CREDS.wecomApp, token: 'sharedTok', aesKey: SHARED_KEY }, bot: { token: 'sharedTok', aesKey: SHARED_KEY } },
];

describe.each(SETUPS)('WeCom receivers with $name', ({ app, bot }) => {
  let fake: FakePlatform;
  let t: TestBot;
  beforeAll(async () => {
    fake = await new FakePlatform().start();
    t = await startBot(await sqlite.create(), {
      ...botEnv(fake.url), WECOM_TOKEN: app.token, WECOM_ENCODING_AES_KEY: app.aesKey, WECOM_BOT_TOKEN: bot.token, WECOM_BOT_ENCODING_AES_KEY: bot.aesKey,
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await sqlite.drop(t.bot.config.DATABASE_URL);
  });
  const stored = async (msgId: string) => Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM inbound_message WHERE msg_id = ?`, [msgId]))[0].n);

  it('verifies the URL for the robot and for the app', async () => {
    const botCheck = await fetch(wecomVerifyUrl(t.base, { token: bot.token, aesKey: bot.aesKey, receiveId: '', echo: 'bot-echo-123' }));
    expect(botCheck.status).toBe(200);
    expect(await botCheck.text()).toBe('bot-echo-123');
    const appCheck = await fetch(wecomVerifyUrl(t.base, { token: app.token, aesKey: app.aesKey, receiveId: app.corpId, echo: 'app-echo-456' }));
    expect(appCheck.status).toBe(200);
    expect(await appCheck.text()).toBe('app-echo-456');
  });

  it('answers the robot (JSON: robot tried first)', async () => {
    const req = wecomBotRequest(t.base, fake.url, { userId: 'zhao', chatId: 'wc-recv', text: '/帮助', token: bot.token, key: bot.aesKey });
    expect((await fetch(req.url, req.init)).status).toBe(200);
    expect(await stored(req.msgId)).toBe(1);
    await fake.waitFor((r) => r.path === '/cgi-bin/aibot/response' && textOf(r).includes('你可以做的'));
  });

  it('accepts the app (XML: app tried first)', async () => {
    const req = wecomAppRequest(t.base, { userId: 'qian', text: '/帮助', token: app.token, aesKey: app.aesKey });
    expect((await fetch(req.url, req.init)).status).toBe(200);
    expect(await stored(req.msgId)).toBe(1);
  });

  it('accepts the app in the JSON flavour (robot tried first, then the app)', async () => {
    const msgId = String(Date.now());
    const plain = `{"ToUserName":"${app.corpId}","FromUserName":"sun","CreateTime":1700000000,"MsgType":"text","Content":"/帮助","MsgId":${msgId},"AgentID":1000002}`;
    const enc = encrypt(app.aesKey, plain, app.corpId);
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${t.base}/webhooks/wecom?msg_signature=${getSignature(app.token, ts, '7', enc)}&timestamp=${ts}&nonce=7`, { method: 'POST', body: JSON.stringify({ encrypt: enc }) });
    expect(res.status).toBe(200);
    expect(await stored(msgId)).toBe(1);
  });

  it('refuses what no receiver opens: 401 without a matching signature, 403 when one matched but nothing decrypts', async () => {
    const forged = wecomBotRequest(t.base, fake.url, { userId: 'x', chatId: 'g', text: '/帮助', token: 'someone-else' });
    expect((await fetch(forged.url, forged.init)).status).toBe(401);
    const wrongKey = wecomBotRequest(t.base, fake.url, { userId: 'x', chatId: 'g', text: '/帮助', token: bot.token, key: 'Z'.repeat(43) });
    expect((await fetch(wrongKey.url, wrongKey.init)).status).toBe(403);
    expect(await stored(forged.msgId)).toBe(0);
    expect(await stored(wrongKey.msgId)).toBe(0);
  });
});
