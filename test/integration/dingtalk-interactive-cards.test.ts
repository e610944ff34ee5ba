// DINGTALK_CARDS=interactive against the local Stream server and the fake DingTalk API: hazard and reminder cards go
// out as StandardCard interactive cards (POST /v1.0/im/v1.0/robot/interactiveCards/send, buttons = request actions
// carrying the tap key); a tap arrives as a CALLBACK frame on /v1.0/card/instances/callback, enters the same tap path
// as WeCom's (permission check, version guard, audit trail, dedupe) and its card answer updates the tapped card in place
// (PUT /v1.0/im/robots/interactiveCards) once. Wrong person, double tap, redelivery, forged outTrackId, another corp:
// nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { startBot, waitUntil, type TestBot } from '../helpers/bot';
import { FakePlatform, type Captured } from '../helpers/fake-platform';
import { FakeDingtalkStream } from '../helpers/fake-dingtalk-stream';
import { CREDS, uid } from '../helpers/platform-sim';
import { seedSocketSchool } from '../helpers/socket-world';
import type { Scheduler } from '../../src/scheduler/scheduler';
import { findReminderSlot } from '../reliability/helpers/world';

const targets = await dbTargets();
const CORP = 'dingcorp-test';
const TOPIC_CARD = '/v1.0/card/instances/callback';
const SEND = '/v1.0/im/v1.0/robot/interactiveCards/send';
const UPDATE = '/v1.0/im/robots/interactiveCards';

function env(fakeUrl: string): Record<string, string> {
  return {
    DINGTALK_MODE: 'stream', DINGTALK_CARDS: 'interactive', DINGTALK_CORP_ID: CORP,
    DINGTALK_APP_KEY: CREDS.dingtalk.appKey, DINGTALK_APP_SECRET: CREDS.dingtalk.appSecret, DINGTALK_ROBOT_CODE: CREDS.dingtalk.robotCode,
    DINGTALK_API_BASE: fakeUrl, DINGTALK_OAPI_BASE: fakeUrl, SOCKET_HEARTBEAT_MS: '300',
  };
}

/** The robot callback body DingTalk puts in a frame's `data`, with its own sessionWebhook. */
function robotBody(fakeUrl: string, chatId: string, user: string, text: string) {
  const msgId = uid('dtc');
  return {
    conversationId: chatId, conversationType: '2', conversationTitle: '安全群', msgId, senderNick: user, senderStaffId: user, isInAtList: true,
    chatbotCorpId: CORP, senderCorpId: CORP, robotCode: CREDS.dingtalk.robotCode, createAt: Date.now(),
    sessionWebhook: `${fakeUrl}/robot/sendBySession?session=${uid('s')}`, sessionWebhookExpiredTime: Date.now() + 90 * 60_000, msgtype: 'text', text: { content: ` ${text}` },
  };
}

/** A card callback as card_callback.py reads it: content is a JSON string with the tapped button's id. */
function tapBody(outTrackId: string, userId: string, actionId: string, corpId = CORP) {
  return { type: 'actionCallback', outTrackId, userId, corpId, extension: '{}', content: JSON.stringify({ cardPrivateData: { actionIds: [actionId], params: {} } }) };
}

/** A sent or updated card as the client shows it: its markdown and its buttons (label → request action id). */
function cardOf(r: Captured): { bizId: string; text: string; buttons: Record<string, string> } {
  const data = JSON.parse(r.body.cardData);
  const action = data.contents.find((c: any) => c.type === 'action');
  for (const a of action?.actions ?? []) expect(a.actionType).toBe('request');
  return {
    bizId: r.body.cardBizId,
    text: data.contents.filter((c: any) => c.type === 'markdown').map((c: any) => c.text).join('\n'),
    buttons: Object.fromEntries((action?.actions ?? []).map((a: any) => [a.label.text, a.id])),
  };
}

describe.each(targets)('DingTalk StandardCard interactive cards (DINGTALK_CARDS=interactive) on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let stream: FakeDingtalkStream;
  let t: TestBot;
  let groupId: number;
  const chat = 'cidCardsA';
  const other = 'cidCardsB';
  const q = (sql: string, params: unknown[] = []) => t.bot.ds.query(sql, params);
  const n = async (sql: string, params: unknown[] = []) => Number((await q(sql, params))[0].n);
  const settle = () => waitUntil(async () => (await n(`SELECT COUNT(*) AS n FROM inbound_message WHERE status <> 'done'`)) === 0
    && (await n(`SELECT COUNT(*) AS n FROM outbox_message WHERE status IN ('pending','sending') AND not_before <= ?`, [Date.now()])) === 0, 20_000);
  const hazard = async (code: string) => (await q(`SELECT status, version FROM hazard WHERE code = ?`, [code]))[0];
  const events = async (code: string) => (await q(`SELECT e.action FROM hazard_event e JOIN hazard h ON h.id = e.hazard_id WHERE h.code = ? ORDER BY e.id`, [code])).map((r: any) => r.action);
  const updates = (bizId: string) => fake.requests.filter((r) => r.path === UPDATE && r.method === 'PUT' && r.body.cardBizId === bizId);
  const groupTexts = (conversation: string) => fake.requests.filter((r) => r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId === conversation).map((r) => JSON.parse(r.body.msgParam).text ?? JSON.parse(r.body.msgParam).content);

  /** Reports a hazard in a chat; returns the card the report's answer sent. */
  async function report(conversation: string, user: string): Promise<{ code: string; card: ReturnType<typeof cardOf> }> {
    const mark = fake.requests.length;
    stream.push(robotBody(fake.url, conversation, user, '/隐患 三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半'));
    const sent = await fake.waitFor((r) => fake.requests.indexOf(r) >= mark && r.path === SEND && r.body.openConversationId === conversation, 20_000);
    const card = cardOf(sent);
    return { code: /YH-\d{4}-\d{6}/.exec(card.text)![0], card };
  }

  /** Pushes a tap frame, waits until it is acked and everything it caused is sent. */
  async function tap(body: Record<string, unknown>): Promise<string> {
    const id = stream.push(body, TOPIC_CARD);
    await waitUntil(() => stream.acks.includes(id), 10_000);
    await settle();
    return id;
  }

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    stream = await new FakeDingtalkStream(fake).start();
    t = await startBot(url, { ...env(fake.url), INSTANCE_ID: 'dtc-a' });
    ({ groupId } = await seedSocketSchool(t.bot.ds, { platform: 'dingtalk', chatId: chat, prefix: 'dca' }));
    await seedSocketSchool(t.bot.ds, { platform: 'dingtalk', chatId: other, prefix: 'dcb' });
    await t.bot.services.units.refresh();
    await waitUntil(() => stream.openCount === 1, 10_000);
  });
  afterAll(async () => {
    await t?.close();
    await stream?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('subscribes to the card callback topic beside the robot topic', () => {
    const subs = fake.find('/v1.0/gateway/connections/open')[0].body.subscriptions;
    expect(subs).toContainEqual({ type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' });
    expect(subs).toContainEqual({ type: 'CALLBACK', topic: TOPIC_CARD });
  });

  it('a report is answered with a StandardCard whose buttons are request actions; the wrong person is refused, the right one updates it in place once', async () => {
    const { code, card } = await report(chat, 'dca-t');
    const sent = fake.find(SEND).at(-1)!;
    expect(sent.body).toMatchObject({ cardTemplateId: 'StandardCard', robotCode: CREDS.dingtalk.robotCode, openConversationId: chat });
    expect(sent.headers['x-acs-dingtalk-access-token']).toBe('fake-dt-token');
    expect(card.text).toContain('已登记隐患');
    expect(Object.keys(card.buttons)).toEqual(['确认（王安全员）', '改派', '驳回', '改级']);
    // The card is no sessionWebhook ActionCard.
    expect(fake.find('/robot/sendBySession').filter((r) => r.body.msgtype === 'actionCard')).toHaveLength(0);

    // The teacher taps 确认: a short refusal in the chat, the card and the hazard unchanged.
    const before = await hazard(code);
    await tap(tapBody(card.bizId, 'dca-t', card.buttons['确认（王安全员）']));
    expect(groupTexts(chat).at(-1)).toContain('只有本校安全员或校长可以处理');
    expect(updates(card.bizId)).toHaveLength(0);
    expect(await hazard(code)).toEqual(before);

    // The safety officer taps it: the same card now shows 整改中 with its buttons; the trail is the typed command's.
    const frame = await tap(tapBody(card.bizId, 'dca-so', card.buttons['确认（王安全员）']));
    expect(updates(card.bizId)).toHaveLength(1);
    const updated = cardOf(updates(card.bizId)[0]);
    expect(updated.text).toContain('整改中');
    expect(Object.keys(updated.buttons)).toEqual(['已整改', '改派']);
    expect((await hazard(code)).status).toBe('rectifying');
    expect(await events(code)).toEqual(['report', 'confirm']);

    // The same frame again (DingTalk redelivers after a lost ack): one change, one update.
    const data = JSON.stringify(tapBody(card.bizId, 'dca-so', card.buttons['确认（王安全员）']));
    stream.pushAgain(frame, data, TOPIC_CARD);
    await waitUntil(() => stream.acks.filter((a) => a === frame).length === 2, 10_000);
    await settle();
    // A second tap on the button the card no longer shows: not one of its buttons, nothing happens.
    const inbound = await n(`SELECT COUNT(*) AS n FROM inbound_message`);
    await tap(tapBody(card.bizId, 'dca-so', card.buttons['确认（王安全员）']));
    expect(await n(`SELECT COUNT(*) AS n FROM inbound_message`)).toBe(inbound);
    expect(updates(card.bizId)).toHaveLength(1);
    expect(await events(code)).toEqual(['report', 'confirm']);
  });

  it('two taps at once: one change, one update; the other is told the current state', async () => {
    const { code, card } = await report(chat, 'dca-t');
    const id = card.buttons['确认（王安全员）'];
    const a = stream.push(tapBody(card.bizId, 'dca-so', id), TOPIC_CARD);
    const b = stream.push(tapBody(card.bizId, 'dca-so', id), TOPIC_CARD);
    await waitUntil(() => stream.acks.includes(a) && stream.acks.includes(b), 10_000);
    await settle();
    expect(await events(code)).toEqual(['report', 'confirm']);
    expect(updates(card.bizId)).toHaveLength(1);
    expect(groupTexts(chat).some((x) => x.includes(`${code} 刚刚已被他人处理`) || x.includes('整改中'))).toBe(true);
  });

  it('a button that asks (驳回): the question goes into the chat, the card stays; the typed answer completes it', async () => {
    const { code, card } = await report(chat, 'dca-t');
    await tap(tapBody(card.bizId, 'dca-so', card.buttons['驳回']));
    expect(groupTexts(chat).at(-1)).toContain('请回复驳回原因');
    expect(updates(card.bizId)).toHaveLength(0);
    expect((await hazard(code)).status).toBe('pending');
    const mark = fake.requests.length;
    stream.push(robotBody(fake.url, chat, 'dca-so', '不是隐患，桌椅今天下午就搬走'));
    await waitUntil(async () => (await hazard(code)).status === 'rejected', 20_000);
    await settle();
    expect(await events(code)).toEqual(['report', 'reject']);
    expect(fake.requests.slice(mark).some((r) => r.path === SEND || r.path === '/robot/sendBySession' || r.path === '/v1.0/robot/groupMessages/send')).toBe(true);
  });

  it('forged callbacks change nothing: an unknown card, another chat\'s card, another corp, a button the card does not show', async () => {
    const { code, card } = await report(chat, 'dca-t');
    const theirs = await report(other, 'dcb-t');
    const before = { inbound: await n(`SELECT COUNT(*) AS n FROM inbound_message`), requests: fake.requests.length };
    const confirm = card.buttons['确认（王安全员）'];
    await tap(tapBody('no-such-card', 'dca-so', confirm));
    // School A's officer with school B's card (and its own button ids): the card's chat is B's, and they are not of it.
    await tap(tapBody(theirs.card.bizId, 'dca-so', theirs.card.buttons['确认（王安全员）']));
    // The right card and person, but from another corp.
    await tap(tapBody(card.bizId, 'dca-so', confirm, 'othercorp'));
    // A key the card never showed (a forged version, an invented action).
    await tap(tapBody(card.bizId, 'dca-so', `k_${Buffer.from(`c1|confirm|${code}|99`).toString('base64url')}`));
    await tap(tapBody(card.bizId, 'dca-so', 'button_1646816888257'));
    // An unknown person.
    await tap(tapBody(card.bizId, 'stranger', confirm));
    expect(await n(`SELECT COUNT(*) AS n FROM inbound_message`)).toBe(before.inbound);
    expect(fake.requests.length).toBe(before.requests);
    expect((await hazard(code)).status).toBe('pending');
    expect((await hazard(theirs.code)).status).toBe('pending');
  });

  it('a reminder goes out as a StandardCard; 已报送 by the teacher is refused, by the safety officer files once', async () => {
    // The earlier tests' answers used the robot's 20-a-minute slots (the bucket is outbox-routes' subject): a fresh window.
    await q(`UPDATE robot_rate SET sends = '[]'`);
    const at = await findReminderSlot(t.bot.ds, t.bot.config, 1);
    const mark = fake.requests.length;
    expect(await (t.bot.services.scheduler as Scheduler).tickReminders(at)).toBeGreaterThan(0);
    await q(`UPDATE outbox_message SET not_before = ? WHERE dedupe_key LIKE 'rem:%'`, [Date.now() - 1000]);
    await t.bot.sender.kick();
    await settle();
    const sent = fake.requests.slice(mark).filter((r) => r.path === SEND && r.body.openConversationId === chat).map(cardOf);
    const reminder = sent.find((c) => '已报送' in c.buttons)!;
    expect(reminder).toBeDefined();
    expect(Object.keys(reminder.buttons)).toEqual(['已报送', '查看要求']);
    const rows = await q(`SELECT status FROM outbox_message WHERE dedupe_key LIKE 'rem:%' AND group_id = ?`, [groupId]);
    expect(rows.every((r: any) => r.status === 'sent')).toBe(true);

    const filings = () => n(`SELECT COUNT(*) AS n FROM filing`);
    const before = await filings();
    await tap(tapBody(reminder.bizId, 'dca-t', reminder.buttons['已报送']));
    expect(groupTexts(chat).at(-1)).toContain('你是：教师');
    expect(await filings()).toBe(before);
    await tap(tapBody(reminder.bizId, 'dca-so', reminder.buttons['已报送']));
    expect(groupTexts(chat).at(-1)).toContain('已记录');
    expect(await filings()).toBe(before + 1);
    await tap(tapBody(reminder.bizId, 'dca-so', reminder.buttons['已报送']));
    expect(groupTexts(chat).at(-1)).toContain('无需重复');
    expect(await filings()).toBe(before + 1);
  });
});
