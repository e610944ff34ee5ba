// Issue 9: the platform's push API is down, then back. The outbox retries with back-off (5 s, 10 s, 20 s …),
// sends each message once it succeeds, and never again; permanent errors stop at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { backoffMs } from '../../src/services/outbox/sender';
import type { OutboxRoute } from '../../src/services/outbox/outbox.types';

const targets = await dbTargets();

describe.each(targets)('push API faults on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  // A clock that only moves when told: back-off times are compared to the millisecond.
  const clock = { at: 0, now() { return this.at; }, set(at: number) { this.at = at; } };
  let wecomGroup: number;
  let dingGroup: number;
  const T0 = Date.UTC(2025, 10, 3, 2, 0, 0); // 10:00 in Shanghai, outside quiet hours

  const row = async (key: string) => (await t.bot.ds.query(`SELECT status, attempts, not_before, last_error FROM outbox_message WHERE dedupe_key = ?`, [key]))[0];
  const enqueue = (key: string, route: OutboxRoute, text: string) =>
    t.bot.services.outbox.enqueue(t.bot.ds, { dedupeKey: key, kind: 'reminder', route, body: { markdown: text, title: '提醒' } });

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    clock.set(T0);
    t = await startBot(url, botEnv(fake.url), { clock, background: false });
    const now = clock.now();
    await t.bot.ds.query(`INSERT INTO chat_group (platform, chat_id, unit_id, name, push_kind, push_target, digest, created_at) SELECT 'wecom', 'wc-push-down', id, '东海群', 'wecom_webhook', 'wecom-webhook-key-0123456789abcdef', 0, ? FROM unit WHERE name = '丰泽区教育局'`, [now]);
    await t.bot.ds.query(`INSERT INTO chat_group (platform, chat_id, unit_id, name, push_kind, push_target, digest, created_at) SELECT 'dingtalk', 'cid-push-down', id, '钉钉群', 'dingtalk_group', 'cid-push-down', 0, ? FROM unit WHERE name = '丰泽区教育局'`, [now]);
    [{ id: wecomGroup }] = await t.bot.ds.query(`SELECT id FROM chat_group WHERE chat_id = 'wc-push-down'`);
    [{ id: dingGroup }] = await t.bot.ds.query(`SELECT id FROM chat_group WHERE chat_id = 'cid-push-down'`);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('503 three times, then ok: retried at 5, 10 and 20 s, delivered once', async () => {
    let answered = 0;
    fake.respond((r) => (r.path === '/cgi-bin/webhook/send' && textOf(r).includes('停电检修') && answered++ < 3 ? { status: 503, body: { error: 'unavailable' } } : undefined));
    const start = T0 + 60_000;
    clock.set(start);
    expect(await enqueue('rem:push-down:1', { kind: 'group', groupId: Number(wecomGroup) }, '明天停电检修，请提前备份')).toBe(true);

    const schedule: number[] = [];
    let now = start;
    for (let step = 0; step < 200 && (await row('rem:push-down:1')).status !== 'sent'; step++) {
      clock.set(now);
      const claimed = await t.bot.sender.runOnce();
      if (claimed) schedule.push(now - start);
      now += 1_000;
    }
    const sent = fake.find('/cgi-bin/webhook/send', '停电检修');
    expect(sent).toHaveLength(4);
    expect(sent.every((r) => r.query.get('key') === 'wecom-webhook-key-0123456789abcdef')).toBe(true);
    // Attempt n+1 waits backoffMs(n) after attempt n fails: 0, +5 s, +10 s, +20 s.
    expect(schedule).toEqual([0, backoffMs(1, 'HTTP_503'), backoffMs(1, 'HTTP_503') + backoffMs(2, 'HTTP_503'), backoffMs(1, 'HTTP_503') + backoffMs(2, 'HTTP_503') + backoffMs(3, 'HTTP_503')]);
    expect(schedule).toEqual([0, 5_000, 15_000, 35_000]);
    const r = await row('rem:push-down:1');
    expect(r.status).toBe('sent');
    expect(Number(r.attempts)).toBe(4);
    // Nothing more goes out for it, however often the sender runs.
    for (let i = 0; i < 5; i++) {
      clock.set((now += 60_000));
      await t.bot.sender.runOnce();
    }
    expect(fake.find('/cgi-bin/webhook/send', '停电检修')).toHaveLength(4);
  });

  it('DingTalk group API down (HTTP 503 with a code), then ok; and a rate-limit errcode waits a minute', async () => {
    let dt = 0;
    fake.respond((r) => (r.path === '/v1.0/robot/groupMessages/send' && textOf(r).includes('防汛') && dt++ < 2 ? { status: 503, body: { code: 'ServiceUnavailable', message: 'busy' } } : undefined));
    let wc = 0;
    fake.respond((r) => (r.path === '/cgi-bin/webhook/send' && textOf(r).includes('消防演练') && wc++ < 1 ? { body: { errcode: 45009, errmsg: 'api freq out of limit' } } : undefined));
    let now = T0 + 3600_000;
    clock.set(now);
    await enqueue('rem:push-down:2', { kind: 'group', groupId: Number(dingGroup) }, '防汛值班安排');
    await enqueue('rem:push-down:3', { kind: 'group', groupId: Number(wecomGroup) }, '消防演练通知');
    await t.bot.sender.runOnce();
    // WeCom's minute plus a 5 s margin past the block; the lockout spends no attempt.
    expect(Number((await row('rem:push-down:3')).not_before) - now).toBe(65_000);
    expect(Number((await row('rem:push-down:3')).attempts)).toBe(0);
    expect((await row('rem:push-down:3')).last_error).toMatch(/^45009/);
    for (let step = 0; step < 120; step++) {
      clock.set((now += 1_000));
      await t.bot.sender.runOnce();
    }
    expect((await row('rem:push-down:2')).status).toBe('sent');
    expect((await row('rem:push-down:3')).status).toBe('sent');
    expect(fake.find('/v1.0/robot/groupMessages/send', '防汛')).toHaveLength(3);
    expect(fake.find('/cgi-bin/webhook/send', '消防演练')).toHaveLength(2);
  });

  it('a permanent error (93000 invalid webhook key) is not retried', async () => {
    fake.respond((r) => (r.path === '/cgi-bin/webhook/send' && textOf(r).includes('无效密钥') ? { body: { errcode: 93000, errmsg: 'invalid webhook url' } } : undefined));
    let now = T0 + 2 * 3600_000;
    clock.set(now);
    await enqueue('rem:push-down:4', { kind: 'group', groupId: Number(wecomGroup) }, '无效密钥测试');
    for (let step = 0; step < 30; step++) {
      clock.set((now += 60_000));
      await t.bot.sender.runOnce();
    }
    const r = await row('rem:push-down:4');
    expect(r.status).toBe('failed');
    expect(Number(r.attempts)).toBe(1);
    expect(fake.find('/cgi-bin/webhook/send', '无效密钥')).toHaveLength(1);
  });

  it('gives up after the tenth attempt when the platform never comes back', async () => {
    fake.respond((r) => (r.path === '/cgi-bin/webhook/send' && textOf(r).includes('永远失败') ? { status: 502, body: {} } : undefined));
    let now = T0 + 3 * 3600_000;
    clock.set(now);
    await enqueue('rem:push-down:5', { kind: 'group', groupId: Number(wecomGroup) }, '永远失败');
    for (let step = 0; step < 200 && (await row('rem:push-down:5')).status === 'pending'; step++) {
      clock.set((now += 60_000));
      await t.bot.sender.runOnce();
    }
    const r = await row('rem:push-down:5');
    expect(r.status).toBe('failed');
    expect(Number(r.attempts)).toBe(10);
    expect(fake.find('/cgi-bin/webhook/send', '永远失败')).toHaveLength(10);
    // Ten attempts with back-off capped at 10 minutes span about 40 minutes of outage.
    expect(now - (T0 + 3 * 3600_000)).toBeGreaterThan(30 * 60_000);
  });
});
