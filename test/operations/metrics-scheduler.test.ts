import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { ManualClock, seedReminderWorld, type ReminderWorld } from '../helpers/reminder-world';
import type { Scheduler } from '../../src/scheduler/scheduler';
import { registry } from '../../src/metrics/metrics';
import { shanghaiDate } from '../../src/services/time';

const sh = (y: number, m: number, d: number, h = 9, mi = 0) => shanghaiDate(y, m, d, h, mi).getTime();

/** The counter values of this process's registry, as `name{labels}` → value. */
async function values(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const metric of await registry.getMetricsAsJSON()) {
    for (const v of metric.values) {
      const labels = Object.entries(v.labels).map(([k, x]) => `${k}="${x}"`).join(',');
      out.set(`${(v as any).metricName ?? metric.name}{${labels}}`, v.value);
    }
  }
  return out;
}

// The registry lives for the whole test file, so the engines run one after the other and each checks the increase.
describe.each(await dbTargets())('scheduler and sender metrics on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let w: ReminderWorld;
  const clock = new ManualClock(sh(2025, 2, 14, 8, 59));
  const scheduler = () => t.bot.services.scheduler as Scheduler;
  const drain = async () => {
    await t.bot.sender.kick();
    while ((await t.bot.sender.runOnce()) > 0);
  };

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url), { clock, background: false });
    w = await seedReminderWorld(t.bot.ds);
    await t.bot.services.units.refresh();
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('counts reminders fired and skipped, pushes by result and rate-limit waits exactly', async () => {
    const before = await values();
    const delta = async (key: string) => ((await values()).get(key) ?? 0) - (before.get(key) ?? 0);
    // One group's robot answers "api freq out of limit" once.
    let limited = false;
    fake.respond((r) => (r.path === '/cgi-bin/webhook/send' && r.query.get('key') === w.donghai.key && !limited ? ((limited = true), { body: { errcode: 45009, errmsg: 'api freq out of limit' } }) : undefined));

    clock.t = sh(2025, 2, 14, 9, 0);
    expect(await scheduler().tick(clock.t)).toBe(4);
    await drain();
    expect(await delta('bot_reminders_total{result="fired"}')).toBe(4);
    expect(await delta('bot_pushes_total{route="group",result="sent"}')).toBe(3);
    expect(await delta('bot_pushes_total{route="group",result="retry"}')).toBe(1);
    expect(await delta('bot_rate_limit_waits_total{reason="platform"}')).toBe(1);

    // Down from 3/12 to 3/17 15:00: the 3/13 slot is recorded as skipped, the 3/17 one is sent.
    await t.bot.ds.query(`DELETE FROM app_setting WHERE setting_key = 'scheduler.last_tick'`);
    await t.bot.ds.query(`INSERT INTO app_setting (setting_key, value) VALUES ('scheduler.last_tick', ?)`, [String(sh(2025, 3, 12, 8))]);
    clock.t = sh(2025, 3, 17, 15);
    // 3/20 is the bureaus' 自评 (schools report theirs to their own staff by 3/31, #18): the two districts' slots.
    expect(await scheduler().catchUp(clock.t)).toEqual({ sent: 2, skipped: 2 });
    expect(await delta('bot_reminders_total{result="fired"}')).toBe(6);
    expect(await delta('bot_reminders_total{result="skipped"}')).toBe(2);
  });
});
