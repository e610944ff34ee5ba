// Issue 9: tokens, keys and secrets never reach the logs — with logging at debug, while everything runs, including
// push failures whose error answers echo the key or token back (as some gateways do).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv, CREDS, dingtalkRequest, uid, wecomBotRequest } from '../helpers/platform-sim';
import { startBot, waitUntil, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { FakeModel } from './helpers/fake-model';

const [sqlite] = (await dbTargets()).filter((t) => t.name === 'sqlite');

const S = {
  linkSecret: 'link-secret-7f3a9c1e5b2d4f60a8e1c3b5d7f9a2c4',
  openaiKey: 'sk-live-OPENAIKEY-0123456789abcdefXYZ',
  webhookKey1: 'wk1a6c0f0e3a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  webhookKey2: 'wk2b9d8c7b6a-5f4e-3d2c-1b0a-f9e8d7c6b5a4',
  customToken: 'dtcustomtoken0123456789abcdefABCDEF',
  customSecret: 'SEC0123456789abcdef0123456789abcdefSECRET',
  dtAccessToken: 'dt-access-token-9f8e7d6c5b4a3210',
};

describe('secrets never reach the logs (SQLite, LOG_LEVEL=debug)', () => {
  let url: string;
  let fake: FakePlatform;
  let model: FakeModel;
  let t: TestBot;

  beforeAll(async () => {
    url = await sqlite.create();
    fake = await new FakePlatform().start();
    model = await new FakeModel().start();
    model.mode = 'fail';
    fake.respond((r) => (r.path === '/v1.0/oauth2/accessToken' ? { body: { accessToken: S.dtAccessToken, expireIn: 7200 } } : undefined));
    // Error answers that echo the credential back: the bot must not pass them on to its logs.
    fake.respond((r) => {
      if (r.path !== '/cgi-bin/webhook/send') return undefined;
      const key = r.query.get('key');
      if (key === S.webhookKey1) return { body: { errcode: 93000, errmsg: `invalid webhook url, hint: key=${key} https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}` } };
      return { status: 503, body: { error: `upstream failed for key ${key}` } };
    });
    fake.respond((r) => (r.path === '/robot/send' ? { body: { errcode: 310000, errmsg: `sign not match, access_token=${r.query.get('access_token')}&sign=${r.query.get('sign')}` } } : undefined));
    fake.respond((r) => (r.path === '/v1.0/robot/groupMessages/send' ? { status: 400, body: { code: 'invalidParameter.robotCode.notExsit', message: `robot not in group, token ${r.headers['x-acs-dingtalk-access-token']}` } } : undefined));

    t = await startBot(url, {
      ...botEnv(fake.url), LINK_SECRET: S.linkSecret, OPENAI_API_KEY: S.openaiKey, OPENAI_BASE_URL: model.url, OPENAI_TIMEOUT_MS: '300',
      PUBLIC_BASE_URL: 'https://safety.example.edu.cn',
    });
    const q = (sql: string, p: unknown[] = []) => t.bot.ds.query(sql, p);
    const now = Date.now();
    await q(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '东海中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    const [{ id: school }] = await q(`SELECT id FROM unit WHERE name = '东海中学'`);
    const [{ id: city }] = await q(`SELECT id FROM unit WHERE name = '泉州市教育局'`);
    for (const [platform, chat, unit] of [['dingtalk', 'cid-sec', school], ['wecom', 'wc-sec', school], ['dingtalk', 'cid-sec-city', city]] as const) {
      await q(`INSERT INTO chat_group (platform, chat_id, unit_id, name, digest, created_at) VALUES (?, ?, ?, ?, 0, ?)`, [platform, chat, unit, chat, now]);
    }
    await q(`INSERT INTO chat_group (platform, chat_id, unit_id, name, push_kind, push_target, digest, created_at) VALUES ('wecom', 'wc-sec-2', ?, 'wc-sec-2', 'wecom_webhook', ?, 0, ?)`, [school, S.webhookKey2, now]);
    for (const [platform, user, name, role, unit] of [['dingtalk', 'sec-so', '王安全员', 'safety_officer', school], ['wecom', 'sec-wso', '钱安全员', 'safety_officer', school], ['dingtalk', 'sec-t', '李老师', 'teacher', school]] as const) {
      await q(`INSERT INTO member (platform, user_id, name, role, unit_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [platform, user, name, role, unit, now, now]);
    }
    await t.bot.services.units.refresh();
  });
  afterAll(async () => {
    await t?.close();
    await model?.close();
    await fake?.close();
    await sqlite.drop(url);
  });

  it('runs every path that handles a credential, then finds none of them in the logs', async () => {
    const dt = new DingtalkChat(t.base, fake, 'cid-sec');
    const wecom = async (text: string, chatId = 'wc-sec') => {
      const req = wecomBotRequest(t.base, fake.url, { userId: 'sec-wso', chatId, text });
      expect((await fetch(req.url, req.init)).status).toBe(200);
      return req;
    };
    // Push settings with the key inside a whole webhook URL, then a test push that fails and echoes it.
    await wecom(`/推送 设置 企业微信 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${S.webhookKey1}`);
    await fake.waitFor((r) => r.path === '/cgi-bin/aibot/response' && JSON.stringify(r.body).includes('已设置本群推送'));
    await wecom('/推送 测试');
    await fake.waitFor((r) => r.path === '/cgi-bin/aibot/response' && JSON.stringify(r.body).includes('测试消息没有送达'));
    // A DingTalk custom robot with 加签, whose failure answer echoes token and sign.
    expect(await dt.say('sec-so', '王安全员', `/推送 设置 钉钉自定义 ${S.customToken} ${S.customSecret}`)).toContain('已设置本群推送');
    expect(await dt.say('sec-so', '王安全员', '/推送 测试')).toContain('测试消息没有送达');
    // Reports while the model fails (the API key travels in a header), photos, an export link.
    expect(await dt.say('sec-t', '李老师', '/隐患 三楼配电箱门没锁，电线裸露')).toMatch(/已登记隐患/);
    model.mode = 'hang';
    expect(await dt.say('sec-t', '李老师', '/隐患 实验室酒精灯未熄灭')).toMatch(/已登记隐患/);
    expect(await dt.say('sec-so', '王安全员', '/导出 台账 本年')).toContain('https://safety.example.edu.cn/files/ledger/');
    // Scheduled pushes that fail: a WeCom webhook answering 503, the DingTalk group API (token fetched, then refused).
    const [{ id: wc2 }] = await t.bot.ds.query(`SELECT id FROM chat_group WHERE chat_id = 'wc-sec-2'`);
    const [{ id: cityGroup }] = await t.bot.ds.query(`SELECT id FROM chat_group WHERE chat_id = 'cid-sec-city'`);
    await t.bot.services.outbox.enqueue(t.bot.ds, { dedupeKey: `rem:sec:${uid()}`, kind: 'reminder', route: { kind: 'group', groupId: Number(wc2) }, body: { markdown: '提醒一' } });
    await t.bot.services.outbox.enqueue(t.bot.ds, { dedupeKey: `rem:sec:${uid()}`, kind: 'reminder', route: { kind: 'group', groupId: Number(cityGroup) }, body: { markdown: '提醒二' } });
    await t.bot.sender.kick();
    // Forged and broken requests, and a genuine URL verification.
    const forged = dingtalkRequest(t.base, fake.url, { userId: 'x', chatId: 'cid-sec', text: 'x', secret: 'not-the-secret' });
    expect((await fetch(forged.url, forged.init)).status).toBe(403);
    const bad = wecomBotRequest(t.base, fake.url, { userId: 'x', chatId: 'wc-sec', text: 'x', token: 'wrong-token' });
    expect((await fetch(bad.url, bad.init)).status).toBe(401);

    await waitUntil(() => t.logs.some((l) => l.includes('"code":"503"') || l.includes('HTTP_503')) && t.logs.some((l) => l.includes('invalidParameter')), 10_000);
    await t.bot.worker.idle();

    const logs = t.logs.join('');
    // The failure paths really ran (so a clean scan means something).
    for (const seen of ['push test failed', 'push failed', 'classifier LLM attempt failed', 'request refused', '93000', '310000']) expect(logs, seen).toContain(seen);
    const secrets: Record<string, string> = {
      ...S, wecomAppToken: CREDS.wecomApp.token, wecomAppAesKey: CREDS.wecomApp.aesKey, wecomBotToken: CREDS.wecomBot.token, wecomBotAesKey: CREDS.wecomBot.aesKey,
      dingtalkAppSecret: CREDS.dingtalk.appSecret,
    };
    const leaks = Object.entries(secrets).filter(([, v]) => logs.includes(v)).map(([k]) => k);
    expect(leaks).toEqual([]);
    // Nor in what the bot keeps: stored errors, the audit log, the stored copy of the /推送 message.
    const stored = JSON.stringify([
      await t.bot.ds.query(`SELECT last_error FROM outbox_message`),
      await t.bot.ds.query(`SELECT detail FROM audit_log`),
      await t.bot.ds.query(`SELECT payload FROM inbound_message`),
    ]);
    expect(Object.entries({ webhookKey1: S.webhookKey1, webhookKey2: S.webhookKey2, customToken: S.customToken, customSecret: S.customSecret, dtAccessToken: S.dtAccessToken, openaiKey: S.openaiKey }).filter(([, v]) => stored.includes(v)).map(([k]) => k)).toEqual([]);
    if (process.env.SHOW_LOGS) console.log(logs);
    console.log(`[secrets] ${t.logs.length} debug log lines scanned for ${Object.keys(secrets).length} secrets: none found`);
  });
});
