// Taps on the filing cards, as WeCom delivers them: the 已报送 button under a reminder and the /季报 status card's
// 采用建议 / 提交, each an encrypted 智能机器人 template_card_event whose key is read from the card the bot built (the
// outbox row). A tap by the right person files exactly once, with the typed command's audit trail; the wrong person,
// a double tap and a redelivery change nothing; a forged or foreign card gives a tap no more power than typing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv, CREDS, uid } from '../helpers/platform-sim';
import { startBot, waitUntil, type TestBot } from '../helpers/bot';
import { grant } from '../helpers/trust';
import { ManualClock, seedReminderWorld, type ReminderWorld } from '../helpers/reminder-world';
import { WecomChat } from '../helpers/quarterly-world';
import { shanghaiDate } from '../../src/services/time';
import { encodeKey } from '../../src/services/cards/card';
import type { Scheduler } from '../../src/scheduler/scheduler';

const targets = await dbTargets();

describe.each(targets)('filing cards tapped through the WeCom 智能机器人 callback on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let w: ReminderWorld;
  const clock = new ManualClock(shanghaiDate(2025, 2, 18, 10).getTime());
  const chat = 'wc-k-donghai';
  const n = async (sql: string, params: unknown[] = []) => Number((await t.bot.ds.query(sql, params))[0].n);
  const filings = (key: string) => n(`SELECT COUNT(*) AS n FROM filing f JOIN unit u ON u.id = f.unit_id WHERE u.name = '泉州市丰泽区东海中学' AND f.deadline_key = ? AND f.undone_at IS NULL`, [key]);
  const audits = (action: string) => n(`SELECT COUNT(*) AS n FROM audit_log WHERE action = ?`, [action]);

  /** A template_card_event as WeCom posts it (doc 101027), encrypted and signed; the reply: the callback's own, or response_url's. */
  async function tap(userId: string, key: string, opts: { msgid?: string; chatId?: string; taskId?: string } = {}): Promise<string> {
    const responseCode = uid('rc');
    const payload = {
      msgid: opts.msgid ?? uid('ev'), create_time: Math.floor(clock.t / 1000), aibotid: 'AIBOT', chatid: opts.chatId ?? chat, chattype: 'group', from: { userid: userId },
      response_url: `${fake.url}/cgi-bin/aibot/response?response_code=${responseCode}`, msgtype: 'event',
      event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: key, task_id: opts.taskId ?? 'task-filing-1' } },
    };
    const enc = encrypt(CREDS.wecomBot.aesKey, JSON.stringify(payload), '');
    const timestamp = String(Math.floor(clock.t / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const res = await fetch(`${t.base}/webhooks/wecom?msg_signature=${getSignature(CREDS.wecomBot.token, timestamp, nonce, enc)}&timestamp=${timestamp}&nonce=${nonce}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: enc }),
    });
    expect(res.status).toBe(200);
    const sealed = await res.text();
    if (sealed) {
      const c = JSON.parse(decrypt(CREDS.wecomBot.aesKey, JSON.parse(sealed).encrypt).message).template_card;
      return `[card] ${c.main_title.title} ${c.main_title.desc ?? ''} ${c.button_list.map((b: any) => b.text).join(' ')}`;
    }
    return textOf(await fake.waitFor((r) => r.path === '/cgi-bin/aibot/response' && r.query.get('response_code') === responseCode));
  }
  /** The card of the newest outbox row matching `where` (the bot's own buttons: label → key and command). */
  async function cardOf(where: string, params: unknown[]): Promise<Record<string, { key: string; command: string }>> {
    const [row] = await t.bot.ds.query(`SELECT body FROM outbox_message WHERE ${where} ORDER BY id DESC LIMIT 1`, params);
    const card = JSON.parse(row.body).card;
    return Object.fromEntries(card.buttons.map((b: any) => [b.label, { key: b.key, command: b.command }]));
  }

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url), { clock, background: false });
    w = await seedReminderWorld(t.bot.ds);
    await t.bot.services.units.refresh();
    await grant(t.bot.ds, [['wecom', 'wang', '安全员', '泉州市丰泽区东海中学', '王安全员'], ['wecom', 'xu', '安全员', '泉州市丰泽区实验小学', '许安全员']]);
    const donghai = new WecomChat(t.base, fake, chat, clock);
    expect(await donghai.say('li', '/我是谁')).toContain('教师');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('已报送 under a reminder: the teacher is refused, the safety officer files once; a double tap and a redelivery change nothing', async () => {
    await (t.bot.services.scheduler as Scheduler).tick(shanghaiDate(2025, 2, 18, 9).getTime());
    const card = await cardOf(`dedupe_key LIKE 'rem:%' AND group_id = ?`, [w.donghai.groupId]);
    expect(Object.keys(card)).toEqual(['已报送', '查看要求']);
    const key = card['已报送'].key;
    const deadlineKey = card['已报送'].command === '/已报送 承诺书' || card['已报送'].command === '/已报送 方案' ? 'plan' : '';
    expect(deadlineKey).toBe('plan');

    expect(await tap('li', key)).toContain('只有学校的安全员或校长、区教育局管理员可以登记报送（你是：教师）');
    expect(await filings('plan')).toBe(0);
    const msgid = uid('rem-tap');
    expect(await tap('wang', key, { msgid })).toContain('✅ 已记录：东海中学 已完成「报送 2025 年具体方案」');
    expect(await filings('plan')).toBe(1);
    expect(await audits('filing.mark')).toBe(1);
    // The same button again (a second tap), and WeCom posting the first tap again (same msgid).
    expect(await tap('wang', key)).toContain('无需重复');
    void tap('wang', key, { msgid }).catch(() => undefined);
    await waitUntil(async () => (await n(`SELECT COUNT(*) AS n FROM inbound_message WHERE status <> 'done'`)) === 0);
    expect(await n(`SELECT COUNT(*) AS n FROM inbound_message WHERE platform = 'wecom' AND msg_id = ?`, [msgid])).toBe(1);
    expect(await filings('plan')).toBe(1);
    expect(await audits('filing.mark')).toBe(1);
    // 查看要求 is the typed /提醒.
    expect(await tap('wang', card['查看要求'].key)).toContain('/已报送');
  });

  it('a filing card gives a tap no more power than typing: another school’s officer, an external user, a forged command', async () => {
    const key = encodeKey('say', '/已报送 方案', null);
    const marks = await audits('filing.mark');
    // 实验小学's officer tapping 东海中学's reminder (its chat, or hers): never files for 东海中学.
    // As typed: /已报送 records the tapping person's own unit, whichever chat the card was in.
    const inTheirs = await tap('xu', key);
    expect(inTheirs).toContain('实验小学 已完成');
    expect(inTheirs).not.toContain('东海中学');
    expect(await tap('xu', key, { chatId: 'wc-k-shiyan' })).toContain('实验小学 已于');
    expect(await filings('plan')).toBe(1);
    // An external contact (wo…/wm… ids) gets the refusal for outsiders; nothing is recorded for them.
    expect(await tap('wmEXTERNALcontact0123456789abcdef', key)).toContain('我只为本单位的教职工服务');
    expect(await n(`SELECT COUNT(*) AS n FROM member WHERE user_id = 'wmEXTERNALcontact0123456789abcdef'`)).toBe(0);
    // A forged key that smuggles a second line or a key separator is not one of our buttons.
    expect(await tap('wang', encodeKey('say', '/撤销报送 方案\n/已报送 方案', null))).toContain('卡片已过期');
    expect(await tap('wang', 'c1|say|/撤销报送 方案|x|')).toContain('卡片已过期');
    expect(await filings('plan')).toBe(1);
    expect(await audits('filing.mark')).toBe(marks + 1); // 实验小学's own, once
    expect(await audits('filing.undo')).toBe(0);
  });

  it('/季报 card: 提交 by the teacher is refused; by the officer it submits once (filing + history); tapped again it changes nothing', async () => {
    clock.t = shanghaiDate(2025, 3, 27, 10).getTime();
    const donghai = new WecomChat(t.base, fake, chat, clock);
    expect(await donghai.say('wang', '/季报')).toContain('季报');
    let card = await cardOf(`kind = 'reply' AND body LIKE ?`, ['%季报%采用建议%']);
    expect(Object.keys(card)).toEqual(['采用建议', '提交', '导出']);
    expect(await tap('li', card['提交'].key)).toContain('你是：教师');
    expect(await tap('wang', card['采用建议'].key)).not.toContain('你是');
    expect(await donghai.say('wang', '/季报 其余填0')).toMatch(/填 0/);
    card = await cardOf(`kind = 'reply' AND body LIKE ?`, ['%季报%采用建议%']);
    const submitted = await tap('wang', card['提交'].key);
    expect(submitted).toMatch(/已提交/);
    const subs = () => n(`SELECT COUNT(*) AS n FROM quarterly_submission s JOIN unit u ON u.id = s.unit_id WHERE u.name = '泉州市丰泽区东海中学' AND s.status = 'submitted'`);
    expect(await subs()).toBe(1);
    expect(await filings('q1-school')).toBe(1);
    const history = await n(`SELECT COUNT(*) AS n FROM quarterly_value_history`);
    const again = await tap('wang', card['提交'].key);
    expect(again).not.toMatch(/✅ 已提交 东海中学/);
    expect(await subs()).toBe(1);
    expect(await filings('q1-school')).toBe(1);
    expect(await n(`SELECT COUNT(*) AS n FROM quarterly_value_history`)).toBe(history);
  });
});
