import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf, type Captured } from '../helpers/fake-platform';
import { botEnv, dingtalkRequest, wecomBotRequest } from '../helpers/platform-sim';
import { startBot, waitUntil, type TestBot } from '../helpers/bot';
import { AdjustableClock } from '../../src/services/clock';
import { saveMedia } from '../../src/services/media';

const targets = await dbTargets();
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const WEBHOOK = '/cgi-bin/webhook/send';

async function addGroup(t: TestBot, g: { platform: string; chatId: string; pushKind?: string; pushTarget?: string }): Promise<number> {
  await t.bot.ds.query(`INSERT INTO chat_group (platform, chat_id, push_kind, push_target, digest, created_at) VALUES (?, ?, ?, ?, 0, 0)`, [
    g.platform, g.chatId, g.pushKind ?? null, g.pushTarget ?? null,
  ]);
  return Number((await t.bot.ds.query(`SELECT id FROM chat_group WHERE platform = ? AND chat_id = ?`, [g.platform, g.chatId]))[0].id);
}

describe.each(targets)('one outbox row, one platform message, on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  const clock = new AdjustableClock();
  const T0 = Date.UTC(2025, 11, 1, 2, 0, 0);

  beforeAll(async () => {
    clock.set(T0);
    url = await target.create();
    fake = await new FakePlatform().start();
    // Driven by hand: each runOnce is one pass of the sender at the clock's time.
    t = await startBot(url, botEnv(fake.url), { clock, background: false });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });
  type Row = { key: string; status: string; attempts: number; notBefore: number; after: string | null };
  const rows = async (prefix: string): Promise<Row[]> =>
    (await t.bot.ds.query(`SELECT dedupe_key, status, attempts, not_before, after_key FROM outbox_message WHERE dedupe_key LIKE ? ORDER BY id`, [`${prefix}%`]))
    .map((r: any) => ({
      key: r.dedupe_key, status: r.status, attempts: Number(r.attempts), notBefore: Number(r.not_before), after: r.after_key,
    }));

  it('a chart push whose picture fails once sends the text exactly once and the picture after the retry', async () => {
    const groupId = await addGroup(t, { platform: 'wecom', chatId: 'wc-chart', pushKind: 'wecom_webhook', pushTarget: 'key-chart-0001' });
    const mediaId = await saveMedia(t.bot.ds, PNG, 'image/png', null, T0);
    let imageTries = 0;
    fake.respond((r) => (r.path === WEBHOOK && r.body?.msgtype === 'image' && ++imageTries === 1 ? { body: { errcode: 45009, errmsg: 'api freq out of limit' } } : undefined));
    await t.bot.services.outbox.enqueue(t.bot.ds, {
      dedupeKey: 'digest:chart:1', kind: 'digest', route: { kind: 'group', groupId }, body: { markdown: '**本周安全周报**\n新增 3 · 销号 2', imageMediaIds: [mediaId] },
    });
    expect((await rows('digest:chart:1')).map((r) => [r.key, r.after])).toEqual([['digest:chart:1', null], ['digest:chart:1#img0', 'digest:chart:1']]);

    await t.bot.sender.runOnce(); // the text; the picture waits for it
    expect(fake.find(WEBHOOK).map((r: Captured) => r.body.msgtype)).toEqual(['markdown']);
    await t.bot.sender.runOnce(); // the picture: 45009
    expect(imageTries).toBe(1);
    const [, img] = await rows('digest:chart:1');
    expect(img).toMatchObject({ status: 'pending', attempts: 0 }); // a lockout does not spend an attempt
    expect(img.notBefore).toBeGreaterThanOrEqual(T0 + 60_000);

    await t.bot.sender.runOnce(); // still inside WeCom's minute: nothing
    expect(imageTries).toBe(1);
    clock.set(img.notBefore + 1);
    await t.bot.sender.runOnce();
    expect(imageTries).toBe(2);
    const sent = fake.find(WEBHOOK);
    expect(sent.map((r: Captured) => r.body.msgtype)).toEqual(['markdown', 'image', 'image']);
    expect(sent.filter((r: Captured) => textOf(r).includes('本周安全周报'))).toHaveLength(1);
    expect((await rows('digest:chart:1')).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('a DingTalk lockout (130101) moves every push of that robot past the 10-minute block', async () => {
    fake.reset();
    const groupId = await addGroup(t, { platform: 'dingtalk', chatId: 'cid-custom', pushKind: 'dingtalk_custom', pushTarget: 'custom-token-0001' });
    let tries = 0;
    fake.respond((r) => (r.path === '/robot/send' && ++tries === 1 ? { body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } } : undefined));
    const now = clock.now();
    await t.bot.services.outbox.enqueue(t.bot.ds, { dedupeKey: 'lock:1', kind: 'reminder', route: { kind: 'group', groupId }, body: { markdown: '提醒一' } });
    await t.bot.sender.runOnce();
    const [first] = await rows('lock:1');
    expect(first).toMatchObject({ status: 'pending', attempts: 0 });
    expect(first.notBefore).toBeGreaterThanOrEqual(now + 10 * 60_000);

    // Another push for the same robot, a minute later: it waits for the block too, instead of being refused inside it.
    clock.set(now + 60_000);
    await t.bot.services.outbox.enqueue(t.bot.ds, { dedupeKey: 'lock:2', kind: 'reminder', route: { kind: 'group', groupId }, body: { markdown: '提醒二' } });
    for (let i = 0; i < 3; i++) await t.bot.sender.runOnce();
    expect(tries).toBe(1);

    clock.set(first.notBefore + 1);
    await t.bot.sender.runOnce();
    await t.bot.sender.runOnce();
    expect(tries).toBe(3);
    expect((await rows('lock:')).map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 1]]);
    expect(t.bot.sender.counters.failed).toBe(0);
  });
});

describe.each(targets)('reply fallbacks on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('a reply whose response_url fails is delivered, intact, through the group robot', async () => {
    const groupId = await addGroup(t, { platform: 'wecom', chatId: 'wc-fallback', pushKind: 'wecom_webhook', pushTarget: 'key-fallback-0001' });
    fake.respond((r) => (r.path === '/cgi-bin/aibot/response' ? { body: { errcode: 40008, errmsg: 'response_code expired' } } : undefined));
    const req = wecomBotRequest(t.base, fake.url, { userId: 'zhou', chatId: 'wc-fallback', text: '/帮助' });
    expect((await fetch(req.url, req.init)).status).toBe(200);
    const pushed = await fake.waitFor((r) => r.path === WEBHOOK && r.query.get('key') === 'key-fallback-0001');
    expect(pushed.body.msgtype).toBe('markdown');
    expect(textOf(pushed)).toContain('你可以做的（还没有登记）');
    expect(fake.find('/cgi-bin/aibot/response')).toHaveLength(1);
    await waitUntil(async () => (await t.bot.ds.query(`SELECT status FROM outbox_message WHERE group_id = ? AND kind = 'reply'`, [groupId]))[0]?.status === 'sent');
    const [row] = await t.bot.ds.query(`SELECT route FROM outbox_message WHERE group_id = ? AND kind = 'reply'`, [groupId]);
    expect(JSON.parse(row.route)).toEqual({ kind: 'group', groupId });
    expect(t.logs.some((l) => l.includes('push rerouted') && l.includes('"code":"40008"'))).toBe(true);
    expect(t.bot.sender.counters.rerouted).toBeGreaterThanOrEqual(1);
  });

  it('a DingTalk 单聊 reply after the session expired goes to oToMessages/batchSend with the userId', async () => {
    const req = dingtalkRequest(t.base, fake.url, { userId: 'staff-li', chatId: 'cid-single-li', text: '/帮助', single: true, sessionExpiresAt: Date.now() - 60_000 });
    expect((await fetch(req.url, req.init)).status).toBe(200);
    const sent = await fake.waitFor((r) => r.path === '/v1.0/robot/oToMessages/batchSend');
    expect(sent.body).toMatchObject({ robotCode: 'dingrobot', userIds: ['staff-li'], msgKey: 'sampleMarkdown' });
    expect(JSON.parse(sent.body.msgParam).text).toContain('你可以做的（还没有登记）');
    expect(sent.headers['x-acs-dingtalk-access-token']).toBe('fake-dt-token');
    expect(fake.find('/v1.0/robot/groupMessages/send').filter((r) => String(r.body.openConversationId).startsWith('single:'))).toHaveLength(0);
    // The expired session itself is not tried.
    const session = new URL(JSON.parse(String(req.init.body)).sessionWebhook).searchParams.get('session');
    expect(fake.find('/robot/sendBySession').filter((r) => r.query.get('session') === session)).toHaveLength(0);
  });

  it('a group reply whose sessionWebhook answers 300001 falls back to the group API', async () => {
    fake.respond((r) => (r.path === '/robot/sendBySession' && textOf(r).includes('我还不认识你') ? { body: { errcode: 300001, errmsg: 'session 不存在' } } : undefined));
    const req = dingtalkRequest(t.base, fake.url, { userId: 'wu', chatId: 'cid-group-expired', text: '/我是谁' });
    await fetch(req.url, req.init);
    const sent = await fake.waitFor((r) => r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId === 'cid-group-expired');
    expect(JSON.parse(sent.body.msgParam).text).toContain('我还不认识你');
  });
});
