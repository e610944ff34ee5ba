// Taps as the platforms deliver them: WeCom template_card_event (encrypted HTTP callback, and over the long
// connection with the card updated in place), DingTalk's dtmd sendMessage text as a signed callback. Each tap runs
// the typed command: same permission check, same version guard, same audit trail; duplicates change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encrypt, getSignature } from '@wecom/crypto';
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
  async function post(userId: string, body: Record<string, unknown>, msgid = uid('ev')): Promise<string> {
    const responseCode = uid('rc');
    const payload = {
      msgid, create_time: Math.floor(Date.now() / 1000), aibotid: 'AIBOT', chatid: chat, chattype: 'group', from: { userid: userId },
      response_url: `${fake.url}/cgi-bin/aibot/response?response_code=${responseCode}`, ...body,
    };
    const enc = encrypt(CREDS.wecomBot.aesKey, JSON.stringify(payload), '');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const sig = getSignature(CREDS.wecomBot.token, timestamp, nonce, enc);
    const res = await fetch(`${t.base}/webhooks/wecom?msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: enc }) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(''); // acked at once; the work happens off the receive path
    return textOf(await fake.waitFor((r) => r.path === '/cgi-bin/aibot/response' && r.query.get('response_code') === responseCode));
  }
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
    const first = await tap('wr-wang', 'confirm', v, msgid);
    expect(first).toContain('整改中');
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
    expect(answers.filter((a) => a.includes(`${code} 已销号 · 用时`))).toHaveLength(1);
    expect(answers.filter((a) => /已被他人处理|卡片已过期/.test(a))).toHaveLength(1);
    expect(await eventsOf(t.bot.ds, code)).toEqual(['report', 'confirm', 'rectify', 'verify_pass']);
    expect((await hazardOf(t.bot.ds, code)).status).toBe('closed');
  });

  it('a key that is not ours is refused with a hint, nothing stored but the inbound row', async () => {
    expect(await post('wr-wang', event('BUTTONKEYONE'))).toContain('卡片已过期');
  });
});
