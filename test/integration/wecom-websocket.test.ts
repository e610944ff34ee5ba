// WECOM_BOT_MODE=websocket against a local server that speaks the 智能机器人长连接 protocol (doc 101463):
// subscribe, a group message answered through its frame, heartbeats, the chart uploaded through the channel, a
// reminder pushed with aibot_send_msg, the server dropping the socket mid-burst, the replaced-connection event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { startBot, waitUntil, type TestBot } from '../helpers/bot';
import { FakeWecomWs, textOfWs } from '../helpers/fake-wecom-ws';
import { isPng, seedSocketSchool } from '../helpers/socket-world';
import { uid } from '../helpers/platform-sim';
import type { Scheduler } from '../../src/scheduler/scheduler';
import { findReminderSlot } from '../reliability/helpers/world';
import { TcpProxy } from '../reliability/helpers/tcp-proxy';

const targets = await dbTargets();

describe.each(targets)('WeCom 智能机器人 long connection on $name', (target) => {
  let url: string;
  let fake: FakeWecomWs;
  let t: TestBot;
  let groupId: number;
  const chat = 'wrGroupDonghai';
  const n = async (sql: string, params: unknown[] = []) => Number((await t.bot.ds.query(sql, params))[0].n);
  const say = (text: string, user = 'ws-t', msgid = uid('wsm')) => ({ msgid, reqId: fake.message({ msgid, chatid: chat, userid: user, text }) });
  const settle = async () => {
    await waitUntil(async () => (await n(`SELECT COUNT(*) AS n FROM inbound_message WHERE status <> 'done'`)) === 0 && (await n(`SELECT COUNT(*) AS n FROM outbox_message WHERE status IN ('pending','sending') AND not_before <= ?`, [Date.now()])) === 0, 20_000);
  };

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakeWecomWs().start();
    t = await startBot(url, { WECOM_BOT_MODE: 'websocket', WECOM_BOT_ID: fake.botId, WECOM_BOT_SECRET: fake.secret, WECOM_WS_URL: fake.url, SOCKET_HEARTBEAT_MS: '200', INSTANCE_ID: 'ws-a' });
    ({ groupId } = await seedSocketSchool(t.bot.ds, { platform: 'wecom', chatId: chat, prefix: 'ws' }));
    await t.bot.services.units.refresh();
    await fake.waitFor(() => fake.subscribedCount === 1);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('subscribes with BotID and Secret, holds the lease, and /healthz shows the connection', async () => {
    expect(fake.subscribes).toBe(1);
    expect(fake.refusedSubscribes).toBe(0);
    const health = await (await fetch(`${t.base}/healthz`)).json();
    expect(health.status).toBe('ok');
    expect(health.connections[0]).toMatchObject({ name: 'wecom', state: 'connected', leaseHeld: true });
    expect(health.connections[0].since).toBeGreaterThan(0);
    expect(await n(`SELECT COUNT(*) AS n FROM connection_lease WHERE holder = 'ws-a'`)).toBe(1);
  });

  it('heartbeats with ping and the last frame time moves', async () => {
    const before = fake.pings;
    const h1 = (await (await fetch(`${t.base}/healthz`)).json()).connections[0].lastFrameAt;
    await new Promise((r) => setTimeout(r, 700));
    expect(fake.pings - before).toBeGreaterThanOrEqual(2);
    const h2 = (await (await fetch(`${t.base}/healthz`)).json()).connections[0].lastFrameAt;
    expect(h2).toBeGreaterThan(h1);
  });

  it('/帮助 in a group is answered through the frame (aibot_respond_msg with its req_id)', async () => {
    const { reqId, msgid } = say('/帮助');
    const reply = await fake.waitFor(() => fake.out.find((o) => o.reqId === reqId));
    expect(reply.cmd).toBe('aibot_respond_msg');
    expect(reply.body.msgtype).toBe('stream');
    expect(reply.body.stream.finish).toBe(true);
    expect(textOfWs(reply)).toContain('/隐患');
    expect(await n(`SELECT COUNT(*) AS n FROM inbound_message WHERE platform = 'wecom' AND msg_id = ?`, [msgid])).toBe(1);
  });

  it('a report files a hazard and the card comes back through the frame', async () => {
    const { reqId, msgid } = say('三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半');
    const reply = await fake.waitFor(() => fake.out.find((o) => o.reqId === reqId), 20_000);
    expect(textOfWs(reply)).toContain('已登记隐患');
    expect(await n(`SELECT COUNT(*) AS n FROM hazard WHERE source_msg LIKE ?`, [`%${msgid}%`])).toBe(1);
  });

  it('/进度: the text through the frame, the chart uploaded through the channel and sent as an image', async () => {
    const { reqId } = say('/进度', 'ws-so');
    const text = await fake.waitFor(() => fake.out.find((o) => o.reqId === reqId), 20_000);
    expect(textOfWs(text)).toContain('ws中学');
    const image = await fake.waitFor(() => fake.out.find((o) => o.cmd === 'aibot_send_msg' && o.body.msgtype === 'image' && o.at >= text.at), 20_000);
    expect(image.body.chatid).toBe(chat);
    const png = fake.uploads.get(image.body.image.media_id);
    expect(png && isPng(png)).toBe(true);
    expect(png!.length).toBeGreaterThan(5_000);
  });

  it('/导出 台账: the signed link in the text, and the xlsx itself uploaded through the channel as a file message', async () => {
    const { reqId } = say('/导出 台账 本月', 'ws-so');
    expect(textOfWs(await fake.waitFor(() => fake.out.find((o) => o.reqId === reqId), 20_000))).toContain('/files/ledger/');
    const file = await fake.waitFor(() => fake.out.find((o) => o.cmd === 'aibot_send_msg' && o.body.msgtype === 'file'), 20_000);
    expect(file.body.chatid).toBe(chat);
    const xlsx = fake.uploads.get(file.body.file.media_id)!;
    expect(xlsx.subarray(0, 2).toString()).toBe('PK'); // a zip container: a real xlsx
  });

  it('a reminder reaches the group with aibot_send_msg, without any group-robot webhook key', async () => {
    const [g] = await t.bot.ds.query(`SELECT push_kind, push_target FROM chat_group WHERE id = ?`, [groupId]);
    expect(g.push_target).toBeNull();
    const at = await findReminderSlot(t.bot.ds, t.bot.config, 1);
    expect(at).toBeGreaterThan(0);
    const created = await (t.bot.services.scheduler as Scheduler).tickReminders(at);
    expect(created).toBeGreaterThan(0);
    await t.bot.ds.query(`UPDATE outbox_message SET not_before = ? WHERE dedupe_key LIKE 'rem:%'`, [Date.now() - 1000]);
    await t.bot.sender.kick();
    await settle();
    const rows = await t.bot.ds.query(`SELECT status FROM outbox_message WHERE dedupe_key LIKE 'rem:%' AND group_id = ?`, [groupId]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: any) => r.status === 'sent')).toBe(true);
    // A reminder goes as its text, then a template_card with its buttons (已报送 / 查看要求).
    const pushes = fake.out.filter((o) => o.cmd === 'aibot_send_msg' && o.body.chatid === chat && o.body.msgtype === 'markdown');
    expect(pushes.length).toBe(rows.length);
    const cards = fake.out.filter((o) => o.cmd === 'aibot_send_msg' && o.body.chatid === chat && o.body.msgtype === 'template_card');
    expect(cards.length).toBe(rows.length);
    expect(cards[0].body.template_card.button_list.map((b: any) => b.text)).toContain('查看要求');
  });

  it('the server drops the socket mid-burst: reconnects, every message handled once, nothing twice', async () => {
    await settle();
    const outBefore = fake.out.length;
    const sent: { msgid: string; reqId: string }[] = [];
    for (let i = 0; i < 10; i++) sent.push(say(`/查询 YH-0000-${String(i).padStart(6, '0')}`));
    const subs = fake.subscribes;
    fake.dropAll();
    await fake.waitFor(() => fake.subscribes === subs + 1, 15_000);
    // After the reconnect WeCom delivers the rest, and again the ones it is not sure reached us.
    for (let i = 10; i < 20; i++) sent.push(say(`/查询 YH-0000-${String(i).padStart(6, '0')}`));
    for (const s of sent.slice(0, 10)) fake.message({ msgid: s.msgid, chatid: chat, userid: 'ws-t', text: '/查询 again' });
    await waitUntil(async () => (await n(`SELECT COUNT(*) AS n FROM inbound_message WHERE msg_id IN (${sent.map(() => '?').join(',')})`, sent.map((s) => s.msgid))) >= 20, 15_000).catch(() => undefined);
    await settle();
    await new Promise((r) => setTimeout(r, 300)); // a late duplicate would show now
    const stored = await n(`SELECT COUNT(*) AS n FROM inbound_message WHERE msg_id IN (${sent.map(() => '?').join(',')})`, sent.map((s) => s.msgid));
    // The first ten may have been lost with the socket before we read them; then their redelivery brought them.
    expect(stored).toBe(20);
    const answers = fake.out.slice(outBefore).filter((o) => o.body.msgtype === 'stream' || o.body.msgtype === 'markdown');
    expect(answers).toHaveLength(20);
    expect(await n(`SELECT COUNT(*) AS n FROM outbox_message WHERE kind = 'reply' AND status <> 'sent'`)).toBe(0);
  });

  it('a silent socket (no acks, no frames) is noticed by the watchdog, terminated and reopened', async () => {
    const subs = fake.subscribes;
    fake.silent = true;
    // heartbeat 200 ms → dead after 2 unanswered pings; the fake answers nothing, not even a new subscribe, until it wakes
    await waitUntil(() => fake.openCount >= 1 && t.logs.some((l) => l.includes('long connection silent')), 5_000);
    fake.silent = false;
    fake.dropAll(); // the half-open socket the watchdog gave up on
    await fake.waitFor(() => fake.subscribes > subs, 10_000);
    expect((await (await fetch(`${t.base}/healthz`)).json()).connections[0].state).toBe('connected');
  });

  it('/推送 shows the long connection as the group\'s push channel, and /推送 测试 goes through it', async () => {
    const show = say('/推送', 'ws-so');
    expect(textOfWs(await fake.waitFor(() => fake.out.find((o) => o.reqId === show.reqId), 10_000))).toContain('长连接');
    const test = say('/推送 测试', 'ws-so');
    await fake.waitFor(() => fake.out.find((o) => o.reqId === test.reqId), 10_000);
    expect(fake.out.some((o) => o.cmd === 'aibot_send_msg' && o.body.chatid === chat && textOfWs(o).length > 0)).toBe(true);
  });

  it('disconnected_event (a newer connection took the robot): holds off instead of a reconnect storm', async () => {
    const subs = fake.subscribes;
    fake.replaceFromElsewhere();
    await waitUntil(async () => (await (await fetch(`${t.base}/healthz`)).json()).connections[0].state === 'replaced', 5_000).catch(async (e) => {
      throw new Error(`${e.message}: ${JSON.stringify((await (await fetch(`${t.base}/healthz`)).json()).connections)}`);
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(fake.subscribes).toBe(subs); // no attempt within the hold (5 min by default)
    expect(fake.openCount).toBe(0);
  });
});

const mysql = targets.find((x) => x.name === 'mysql');
if (!mysql) console.warn('[skip] the database-down WeCom test needs MariaDB behind a TCP proxy; SQLite is a file in-process and cannot be cut');

describe.skipIf(!mysql)('WeCom long connection with the database down (MariaDB behind a proxy)', () => {
  let url: string;
  let proxy: TcpProxy;
  let fake: FakeWecomWs;
  let t: TestBot;

  beforeAll(async () => {
    url = await mysql!.create();
    const u = new URL(url);
    proxy = await new TcpProxy({ host: u.hostname, port: Number(u.port || 3306) }).start();
    const viaProxy = new URL(url);
    viaProxy.port = String(proxy.port);
    fake = await new FakeWecomWs().start();
    t = await startBot(viaProxy.toString(), { WECOM_BOT_MODE: 'websocket', WECOM_BOT_ID: fake.botId, WECOM_BOT_SECRET: fake.secret, WECOM_WS_URL: fake.url, INSTANCE_ID: 'ws-down' });
    await seedSocketSchool(t.bot.ds, { platform: 'wecom', chatId: 'wrDown', prefix: 'wsd' });
    await fake.waitFor(() => fake.subscribedCount === 1);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await proxy?.close();
    await mysql!.drop(url);
  });

  it('a frame that cannot be stored: nothing half-written, the sender is told through the frame to send again; the resend is handled once', async () => {
    proxy.cut();
    const msgid = uid('wsd');
    const reqId = fake.message({ msgid, chatid: 'wrDown', userid: 'wsd-t', text: '/隐患 操场围墙有裂缝' });
    const told = await fake.waitFor(() => fake.out.find((o) => o.reqId === reqId), 10_000);
    expect(textOfWs(told)).toContain('未保存');
    proxy.restore();
    await waitUntil(async () => (await fetch(`${t.base}/healthz`)).status === 200, 15_000);
    await new Promise((r) => setTimeout(r, 5_500)); // the lease may have lapsed meanwhile: let it be retaken
    await fake.waitFor(() => fake.subscribedCount === 1, 15_000);
    const again = fake.message({ msgid, chatid: 'wrDown', userid: 'wsd-t', text: '/隐患 操场围墙有裂缝' });
    const reply = await fake.waitFor(() => fake.out.find((o) => o.reqId === again), 20_000);
    expect(textOfWs(reply)).toContain('已登记隐患');
    expect(Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM hazard WHERE source_msg LIKE ?`, [`%${msgid}%`]))[0].n)).toBe(1);
  });
});
