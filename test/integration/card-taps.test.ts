// Taps as the platforms deliver them: WeCom template_card_event (encrypted HTTP callback, and over the long
// connection with the card updated in place), DingTalk's dtmd sendMessage text as a signed callback. Each tap runs
// the typed command: same permission check, same version guard, same audit trail; duplicates change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { FakeWecomWs } from '../helpers/fake-wecom-ws';
import { botEnv, CREDS, uid } from '../helpers/platform-sim';
import { startBot, waitUntil, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { encodeKey } from '../../src/services/cards/card';
import type { DataSource } from 'typeorm';

const targets = await dbTargets();

async function seedSchool(ds: DataSource, platform: string, chatId: string, prefix: string): Promise<void> {
  const now = Date.now();
  const [{ id: district }] = await ds.query(`SELECT id FROM unit WHERE name = '丰泽区教育局'`);
  for (const [school, chat, p] of [[`${prefix}中学`, chatId, prefix], [`${prefix}外校`, `${chatId}-other`, `${prefix}x`]]) {
    await ds.query(`INSERT INTO unit (name, kind, parent_id, settings, created_at) VALUES (?, 'school', ?, NULL, ?)`, [school, district, now]);
    const [{ id: unitId }] = await ds.query(`SELECT id FROM unit WHERE name = ?`, [school]);
    await ds.query(`INSERT INTO chat_group (platform, chat_id, unit_id, name, digest, created_at) VALUES (?, ?, ?, ?, 0, ?)`, [platform, chat, unitId, `${school}安全群`, now]);
    const people: [string, string, string][] = [[`${p}-wang`, '王安全员', 'safety_officer'], [`${p}-lin`, '林校长', 'principal'], [`${p}-li`, '李老师', 'teacher'], [`${p}-zhao`, '赵师傅', 'teacher'], [`${p}-zhou`, '周副校长', 'principal']];
    for (const [user, name, role] of people) {
      await ds.query(`INSERT INTO member (platform, user_id, name, role, unit_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [platform, user, name, role, unitId, now, now]);
    }
  }
}

const hazardOf = async (ds: DataSource, code: string) => (await ds.query(`SELECT status, version, responsible_name, measures FROM hazard WHERE code = ?`, [code]))[0];
const eventsOf = async (ds: DataSource, code: string) =>
  (await ds.query(`SELECT e.action FROM hazard_event e JOIN hazard h ON h.id = e.hazard_id WHERE h.code = ? ORDER BY e.id`, [code])).map((r: any) => r.action);

describe.each(targets)('WeCom template_card_event over the encrypted HTTP callback on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let code = '';
  const chat = 'wr-chat-http';

  /** A decrypted callback (doc 101027 event, or a text message), encrypted and signed as WeCom posts it; returns the reply. */
  async function post(userId: string, body: Record<string, unknown>, msgid = uid('ev'), chattype = 'group'): Promise<string> {
    const a = await answer(userId, body, msgid, chattype);
    // A card updated in place reads as its visible text (title, state, facts, buttons), marked as such.
    return a.update ? `[card] ${cardText(a.update.template_card)}` : textOf(a.hit);
  }
  async function postRaw(userId: string, body: Record<string, unknown>, msgid = uid('ev'), chattype = 'group') {
    const a = await answer(userId, body, msgid, chattype);
    expect(a.update).toBeUndefined();
    return a.hit;
  }
  /**
   * The callback's own response (an encrypted update_template_card, doc 101031, checked as WeCom checks it: signature
   * over our timestamp and the callback's nonce, receiveid "") or, when it is empty, what came through response_url.
   */
  async function answer(userId: string, body: Record<string, unknown>, msgid: string, chattype: string, chatId = chat): Promise<{ update?: any; hit?: any }> {
    const responseCode = uid('rc');
    const payload = {
      msgid, create_time: Math.floor(Date.now() / 1000), aibotid: 'AIBOT', ...(chattype === 'group' ? { chatid: chatId } : {}), chattype, from: { userid: userId },
      response_url: `${fake.url}/cgi-bin/aibot/response?response_code=${responseCode}`, ...body,
    };
    const enc = encrypt(CREDS.wecomBot.aesKey, JSON.stringify(payload), '');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const sig = getSignature(CREDS.wecomBot.token, timestamp, nonce, enc);
    const started = Date.now();
    const res = await fetch(`${t.base}/webhooks/wecom?msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: enc }) });
    expect(res.status).toBe(200);
    const text = await res.text();
    // WeCom drops a template_card_event not answered within 5 s.
    expect(Date.now() - started).toBeLessThan(5_000);
    if (text) {
      const sealed = JSON.parse(text);
      expect(sealed.nonce).toBe(nonce);
      expect(sealed.msgsignature).toBe(getSignature(CREDS.wecomBot.token, String(sealed.timestamp), sealed.nonce, sealed.encrypt));
      const opened = decrypt(CREDS.wecomBot.aesKey, sealed.encrypt);
      expect(opened.id).toBe('');
      return { update: JSON.parse(opened.message) };
    }
    return { hit: await fake.waitFor((r) => r.path === '/cgi-bin/aibot/response' && r.query.get('response_code') === responseCode) };
  }
  const cardText = (c: any) => [c.main_title?.title, c.main_title?.desc, c.sub_title_text, ...(c.horizontal_content_list ?? []).map((f: any) => `${f.keyname} ${f.value}`), ...(c.button_list ?? []).map((b: any) => b.text)].filter(Boolean).join(' | ');
  const event = (key: string) => ({ msgtype: 'event', event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: key, task_id: `${code}-task1` } } });
  async function tap(userId: string, action: string, version?: number, msgid?: string): Promise<string> {
    const v = version ?? Number((await hazardOf(t.bot.ds, code)).version);
    return post(userId, event(encodeKey(action, code, v)), msgid);
  }
  const say = (userId: string, text: string) => post(userId, { msgtype: 'text', text: { content: `@安全助手 ${text}` } });

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    await seedSchool(t.bot.ds, 'wecom', chat, 'wr');
    await t.bot.services.units.refresh();
    const card = await say('wr-li', '/隐患 三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半');
    code = /YH-\d{4}-\d{6}/.exec(card)![0];
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('permission matrix: every button refused to a teacher and to another school, nothing changes', async () => {
    const before = await hazardOf(t.bot.ds, code);
    for (const action of ['confirm', 'assign', 'reject', 'regrade']) {
      expect(await tap('wr-li', action)).toContain('只有本校安全员或校长可以处理');
      expect(await tap('wrx-wang', action)).toContain('不属于你的单位');
    }
    expect(await hazardOf(t.bot.ds, code)).toEqual(before);
    expect(await eventsOf(t.bot.ds, code)).toEqual(['report']);
  });

  it('确认 by the safety officer, delivered twice: confirmed once, one audit event, same as /确认', async () => {
    const v = Number((await hazardOf(t.bot.ds, code)).version);
    const msgid = uid('dup');
    const first = await answer('wr-wang', event(encodeKey('confirm', code, v)), msgid, 'group');
    // The tapped card is replaced in place by the callback's own encrypted response (doc 101031), same task_id.
    expect(first.update).toMatchObject({ response_type: 'update_template_card', template_card: { card_type: 'button_interaction', task_id: `${code}-task1`, main_title: { desc: '整改中' } } });
    expect(first.update.template_card.button_list.map((b: any) => b.text)).toEqual(['已整改', '改派']);
    // Answered once: the row was taken by the response, and nothing went to response_url for it.
    const [{ id: inboundId }] = await t.bot.ds.query(`SELECT id FROM inbound_message WHERE platform = 'wecom' AND msg_id = ?`, [msgid]);
    const [row] = await t.bot.ds.query(`SELECT status, claimed_by FROM outbox_message WHERE dedupe_key = ?`, [`reply:${inboundId}:0`]);
    expect(row).toMatchObject({ status: 'sent', claimed_by: 'passive-reply' });
    // WeCom retries with the same msgid: stored once, processed once.
    const again = post('wr-wang', event(encodeKey('confirm', code, v)), msgid);
    await waitUntil(async () => Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM inbound_message WHERE status <> 'done'`))[0].n) === 0);
    expect(Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM inbound_message WHERE platform = 'wecom' AND msg_id = ?`, [msgid]))[0].n)).toBe(1);
    expect(await eventsOf(t.bot.ds, code)).toEqual(['report', 'confirm']);
    expect(await hazardOf(t.bot.ds, code)).toMatchObject({ status: 'rectifying', responsible_name: '王安全员' });
    void again.catch(() => undefined); // a duplicate gets no second answer
  });

  it('a tap on the stale card (the 待确认 version) is told the current state and changes nothing', async () => {
    const v = Number((await hazardOf(t.bot.ds, code)).version);
    expect(await tap('wr-lin', 'reject', v - 1)).toContain('卡片已过期，当前状态：整改中');
    expect(await eventsOf(t.bot.ds, code)).toEqual(['report', 'confirm']);
  });

  it('已整改 asks for the measure; the teacher cannot, the responsible person answers in words', async () => {
    expect(await tap('wr-li', 'rectify')).toContain('只有责任人、本校安全员或校长可以提交整改');
    expect(await tap('wr-wang', 'rectify')).toContain('请回复整改措施');
    expect((await hazardOf(t.bot.ds, code)).status).toBe('rectifying');
    expect(await say('wr-wang', '桌椅已搬到一楼仓库')).toContain('待验收');
    expect(await hazardOf(t.bot.ds, code)).toMatchObject({ status: 'verifying', measures: '桌椅已搬到一楼仓库' });
  });

  it('通过 / 不通过: the rectifier and a teacher are refused; two principals tapping at once (processed in parallel): one wins', async () => {
    expect(await tap('wr-wang', 'pass')).toContain('验收人不能是整改人');
    expect(await tap('wr-li', 'pass')).toContain('你是：教师');
    expect(await tap('wr-li', 'fail')).toContain('你是：教师');
    const v = Number((await hazardOf(t.bot.ds, code)).version);
    const answers = await Promise.all([tap('wr-lin', 'pass', v), tap('wr-zhou', 'pass', v)]);
    expect(answers.filter((a) => a.startsWith('[card]') && a.includes('已销号'))).toHaveLength(1);
    expect(answers.filter((a) => /已被他人处理|卡片已过期/.test(a))).toHaveLength(1);
    expect(await eventsOf(t.bot.ds, code)).toEqual(['report', 'confirm', 'rectify', 'verify_pass']);
    expect((await hazardOf(t.bot.ds, code)).status).toBe('closed');
  });

  it('over response_url (single chat too) the answer is the whole text with the commands to type, not a short card', async () => {
    const hit = await postRaw('wr-wang', { msgtype: 'text', text: { content: '/隐患 二楼实验室灭火器过期了' } }, uid('s'), 'single');
    expect(hit.body.msgtype).toBe('markdown');
    expect(hit.body.markdown.content).toMatch(/已登记隐患 YH-\d{4}-\d{6}/);
    expect(hit.body.markdown.content).toContain('/确认');
  });

  it('forged taps change nothing: another unit’s hazard, a future version, another chat, an external user', async () => {
    const before = await hazardOf(t.bot.ds, code);
    const trail = await eventsOf(t.bot.ds, code);
    const v = Number(before.version);
    // The other school's officer tapping a card of this school's hazard, in this chat and forged into their own chat.
    expect(await tap('wrx-lin', 'reject', v)).toContain('不属于你的单位');
    const foreign = await answer('wrx-wang', event(encodeKey('confirm', code, v)), uid('ev'), 'group', `${chat}-other`);
    expect(foreign.update).toBeUndefined();
    expect(textOf(foreign.hit)).toContain('不属于你的单位');
    // A version the card never showed (forged ahead), and a hazard code that does not exist.
    expect(await tap('wr-lin', 'reject', v + 5)).toContain('卡片已过期');
    expect(await post('wr-lin', event(encodeKey('reject', 'YH-2026-99999999', 1)))).not.toContain('[card]');
    // An external contact (wm… id): the outsiders' refusal, no account created.
    expect(await post('wmEXTERNALcontact0123456789abcdef', event(encodeKey('pass', code, v)))).toContain('我只为本单位的教职工服务');
    expect(Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM member WHERE user_id = 'wmEXTERNALcontact0123456789abcdef'`))[0].n)).toBe(0);
    // A key smuggling a second command is not one of ours.
    expect(await post('wr-lin', event(`c1|pass|${code} 通过\n/驳回 ${code}|${v}`))).toContain('卡片已过期');
    expect(await hazardOf(t.bot.ds, code)).toEqual(before);
    expect(await eventsOf(t.bot.ds, code)).toEqual(trail);
  });

  it('a key that is not ours is refused with a hint, nothing stored but the inbound row', async () => {
    expect(await post('wr-wang', event('BUTTONKEYONE'))).toContain('卡片已过期');
  });
});

describe.each(targets)('WeCom long connection: taps update the card in place on $name', (target) => {
  let url: string;
  let fake: FakeWecomWs;
  let t: TestBot;
  const chat = 'ws-card-chat';
  const cardOf = (o: { body: any }) => o.body.template_card;

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakeWecomWs().start();
    t = await startBot(url, { WECOM_BOT_MODE: 'websocket', WECOM_BOT_ID: fake.botId, WECOM_BOT_SECRET: fake.secret, WECOM_WS_URL: fake.url, INSTANCE_ID: 'ws-cards' });
    await seedSchool(t.bot.ds, 'wecom', chat, 'wc');
    await t.bot.services.units.refresh();
    await fake.waitFor(() => fake.subscribedCount === 1);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('report → 确认 → 已整改 (typed measure) → 通过, each tap answered with aibot_respond_update_msg on its req_id', async () => {
    const seen = () => fake.out.length;
    let mark = seen();
    fake.message({ msgid: uid('m'), chatid: chat, userid: 'wc-li', text: '/隐患 三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半' });
    const reportOut = await fake.waitFor(() => fake.out.slice(mark).find((o) => o.body?.template_card));
    // The report's answer: its text and the card in one reply through the frame.
    expect(reportOut).toMatchObject({ cmd: 'aibot_respond_msg', body: { msgtype: 'stream_with_template_card' } });
    expect(reportOut.body.stream.content).toContain('已登记隐患');
    const card = cardOf(reportOut);
    expect(card).toMatchObject({ card_type: 'button_interaction', main_title: { desc: '待确认' } });
    const code = /YH-\d{4}-\d{6}/.exec(card.main_title.title)![0];
    const key = (label: string, c = card) => c.button_list.find((b: any) => b.text.startsWith(label)).key;

    mark = seen();
    const r1 = fake.cardEvent({ msgid: uid('e'), chatid: chat, userid: 'wc-wang', eventKey: key('确认'), taskId: card.task_id });
    const up1 = await fake.waitFor(() => fake.out.slice(mark).find((o) => o.reqId === r1));
    expect(up1.cmd).toBe('aibot_respond_update_msg');
    expect(up1.body.response_type).toBe('update_template_card');
    expect(up1.body.template_card).toMatchObject({ task_id: card.task_id, main_title: { desc: '整改中' } });
    expect(up1.body.template_card.button_list.map((b: any) => b.text)).toEqual(['已整改', '改派']);

    // A teacher's tap: a short follow-up in the chat, the card is not touched.
    mark = seen();
    fake.cardEvent({ msgid: uid('e'), chatid: chat, userid: 'wc-li', eventKey: key('已整改', up1.body.template_card), taskId: card.task_id });
    const refusal = await fake.waitFor(() => fake.out.slice(mark).find((o) => o.cmd === 'aibot_send_msg'));
    expect(refusal.body.markdown.content).toContain('只有责任人、本校安全员或校长可以提交整改');
    expect(fake.out.slice(mark).some((o) => o.cmd === 'aibot_respond_update_msg')).toBe(false);

    mark = seen();
    fake.cardEvent({ msgid: uid('e'), chatid: chat, userid: 'wc-wang', eventKey: key('已整改', up1.body.template_card), taskId: card.task_id });
    const ask = await fake.waitFor(() => fake.out.slice(mark).find((o) => o.cmd === 'aibot_send_msg'));
    expect(ask.body.markdown.content).toContain('请回复整改措施');

    mark = seen();
    fake.message({ msgid: uid('m'), chatid: chat, userid: 'wc-wang', text: '桌椅已搬到一楼仓库' });
    const verifying = await fake.waitFor(() => fake.out.slice(mark).find((o) => o.body?.template_card));
    const vcard = cardOf(verifying);
    expect(vcard.main_title.desc).toBe('待验收');

    mark = seen();
    const r3 = fake.cardEvent({ msgid: uid('e'), chatid: chat, userid: 'wc-lin', eventKey: key('通过', vcard), taskId: vcard.task_id });
    const up3 = await fake.waitFor(() => fake.out.slice(mark).find((o) => o.reqId === r3));
    expect(up3.cmd).toBe('aibot_respond_update_msg');
    expect(up3.body.template_card).toMatchObject({ task_id: vcard.task_id, main_title: { desc: '已销号' } });
    expect(up3.body.template_card.button_list[0].text).toContain('已销号');
    expect(await eventsOf(t.bot.ds, code)).toEqual(['report', 'confirm', 'rectify', 'verify_pass']);
  });
  it('/进度 answers with period switches; a tap on 本周 updates that card in place and the chart still follows', async () => {
    let mark = fake.out.length;
    fake.message({ msgid: uid('m'), chatid: chat, userid: 'wc-wang', text: '/进度' });
    const first = await fake.waitFor(() => fake.out.slice(mark).find((o) => o.body?.template_card), 20_000);
    const card = first.body.template_card;
    expect(card.button_list.map((b: any) => b.text)).toEqual(['本周', '本季度', '导出台账']);
    mark = fake.out.length;
    const r = fake.cardEvent({ msgid: uid('e'), chatid: chat, userid: 'wc-wang', eventKey: card.button_list[0].key, taskId: card.task_id });
    const up = await fake.waitFor(() => fake.out.slice(mark).find((o) => o.reqId === r), 20_000);
    expect(up.cmd).toBe('aibot_respond_update_msg');
    expect(up.body.template_card).toMatchObject({ task_id: card.task_id, main_title: { desc: '本周' } });
    expect(up.body.template_card.button_list.map((b: any) => b.text)).toEqual(['本月', '本季度', '导出台账']);
    await fake.waitFor(() => fake.out.slice(mark).find((o) => o.cmd === 'aibot_send_msg' && o.body.msgtype === 'image'), 20_000);
  });
});

describe.each(targets)('DingTalk ActionCard buttons (dtmd sendMessage → signed callback) on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let school: DingtalkChat;

  /** What the tapping person's client sends: the button's content, as their own signed message. */
  const commandsOf = (body: any): Record<string, string> =>
    Object.fromEntries((body.actionCard?.btns ?? []).map((b: any) => [b.title, new URL(b.actionURL).searchParams.get('content')!]));
  async function sayRaw(userId: string, nick: string, text: string): Promise<any> {
    const { session } = await school.send(userId, nick, text);
    return (await fake.waitFor((r) => r.path === '/robot/sendBySession' && r.query.get('session') === session)).body;
  }

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    await seedSchool(t.bot.ds, 'dingtalk', 'cid-cards', 'dt');
    await t.bot.services.units.refresh();
    school = new DingtalkChat(t.base, fake, 'cid-cards');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('the whole loop by buttons, with the typed measure; refusals change nothing; the trail is the typed one', async () => {
    const report = await sayRaw('dt-li', '李老师', '/隐患 三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半');
    expect(report.msgtype).toBe('actionCard');
    expect(report.actionCard.text).toContain('已登记隐患');
    const code = /YH-\d{4}-\d{6}/.exec(report.actionCard.text)![0];
    const b1 = commandsOf(report);
    expect(Object.keys(b1)).toEqual(['确认（王安全员）', '改派', '驳回', '改级']);
    expect(b1['确认（王安全员）']).toBe(`/确认 ${code}`);

    expect(textOf({ body: await sayRaw('dt-li', '李老师', b1['驳回']) } as any)).toContain('只有本校安全员或校长可以处理');
    const confirmed = await sayRaw('dt-wang', '王安全员', b1['确认（王安全员）']);
    expect(confirmed.actionCard.text).toContain('整改中');
    const b2 = commandsOf(confirmed);
    expect(Object.keys(b2)).toEqual(['已整改', '改派']);
    // The typed form of 已整改 without the measure explains the usage, as before.
    expect(textOf({ body: await sayRaw('dt-wang', '王安全员', b2['已整改']) } as any)).toContain('请写上整改措施');
    const verifying = await sayRaw('dt-wang', '王安全员', `${b2['已整改']} 桌椅已搬到一楼仓库`);
    const b3 = commandsOf(verifying);
    expect(Object.keys(b3)).toEqual(['通过', '不通过']);
    expect(textOf({ body: await sayRaw('dt-wang', '王安全员', b3['通过']) } as any)).toContain('验收人不能是整改人');
    const closed = await sayRaw('dt-lin', '林校长', b3['通过']);
    expect(textOf({ body: closed } as any)).toContain(`${code} 已销号`);
    expect(await eventsOf(t.bot.ds, code)).toEqual(['report', 'confirm', 'rectify', 'verify_pass']);
  });
});
