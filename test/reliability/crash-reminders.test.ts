// Issue 9: kill -9 in the middle of a reminder fan-out to many groups. The scheduler's tick puts one outbox row per
// (slot, group) under a unique key; `npx tsx src/main.ts` sends them and is killed half-way; after a restart every
// group gets its reminder exactly once — except a push the platform accepted in the instant before the kill,
// before the bot could record it: that row is still "sending" and is sent again after the lease (the window).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { waitUntil } from '../helpers/bot';
import { openDataSource } from '../../src/db/data-source';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/log/logger';
import { UnitDirectory } from '../../src/services/org/units';
import { Scheduler } from '../../src/scheduler/scheduler';
import { alive, reapAll, spawnMain } from './helpers/processes';
import { findReminderSlot, seedSchools } from './helpers/world';

const targets = await dbTargets();
const SCHOOLS = 150;

describe.each(targets)('kill -9 during a reminder fan-out on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let ds: DataSource;
  let env: Record<string, string>;

  const scheduler = () => {
    const config = readConfig({ DATABASE_URL: url, SCHEDULER: '0', ...env });
    return { config, scheduler: new Scheduler({ ds, config, clock: { now: () => Date.now() }, log: createLogger('silent'), units: new UnitDirectory(ds) }) };
  };

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    env = { DATABASE_URL: url, ...botEnv(fake.url) };
    // Each push takes a moment to be accepted, so the kill lands while many are in flight.
    fake.respond((r) => (r.path === '/v1.0/robot/groupMessages/send' ? { body: { processQueryKey: 'q' }, delayMs: 60 } : undefined));
    ds = await openDataSource(url);
    await seedSchools(ds, { prefix: `rem${target.name}`, schools: SCHOOLS });
  });
  afterAll(async () => {
    await reapAll();
    await ds?.destroy();
    await fake?.close();
    await target.drop(url);
  });

  it('delivers each group its reminder once across a crash and restart (≤ the in-flight window twice)', async () => {
    // The first 09:00 slot of the calendar that reaches at least 100 of the schools' groups.
    const { config, scheduler: s1 } = scheduler();
    const at = await findReminderSlot(ds, config, 100);
    expect(at).toBeGreaterThan(0);
    const created = await s1.tickReminders(at);
    expect(created).toBeGreaterThanOrEqual(100);
    // Due now whatever the hour in Shanghai (reminders otherwise wait out 22:00–07:00).
    await ds.query(`UPDATE outbox_message SET not_before = ? WHERE dedupe_key LIKE 'rem:%'`, [Date.now() - 1000]);
    const groups = new Map<number, string>((await ds.query(`SELECT id, chat_id FROM chat_group`)).map((g: any) => [Number(g.id), g.chat_id]));
    const chatOf = (route: string) => groups.get(JSON.parse(route).groupId)!;
    const rows: any[] = await ds.query(`SELECT route FROM outbox_message WHERE dedupe_key LIKE 'rem:%'`);
    const targetsChats = new Set(rows.map((r) => chatOf(r.route)));
    expect(targetsChats.size).toBe(created);

    const first = await spawnMain(env);
    const received = () => new Set(fake.find('/v1.0/robot/groupMessages/send').map((r) => r.body.openConversationId)).size;
    await waitUntil(() => received() >= created * 0.35, 30_000);
    first.kill9();
    await first.exited;
    await waitUntil(() => !alive(first.serverPid), 5_000);

    const before = received();
    const sending: any[] = await ds.query(`SELECT route FROM outbox_message WHERE dedupe_key LIKE 'rem:%' AND status = 'sending'`);
    const accepted = new Set(fake.find('/v1.0/robot/groupMessages/send').map((r) => r.body.openConversationId));
    const window = new Set(sending.map((r) => chatOf(r.route)).filter((c) => accepted.has(c)));
    const states = await ds.query(`SELECT status, COUNT(*) AS n FROM outbox_message WHERE dedupe_key LIKE 'rem:%' GROUP BY status`);
    // A dead sender's claims are taken over after the 60 s lease; age them instead of waiting.
    await ds.query(`UPDATE outbox_message SET claimed_at = claimed_at - 600000 WHERE status = 'sending'`);

    const second = await spawnMain(env);
    // The restarted scheduler ticks the same slot again (catch-up, or a second instance): nothing new is created.
    expect(await scheduler().scheduler.tickReminders(at)).toBe(0);
    await waitUntil(async () => Number((await ds.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE dedupe_key LIKE 'rem:%' AND status IN ('pending','sending')`))[0].n) === 0, 40_000);
    await new Promise((r) => setTimeout(r, 300));

    const perChat = new Map<string, number>();
    for (const r of fake.find('/v1.0/robot/groupMessages/send')) perChat.set(r.body.openConversationId, (perChat.get(r.body.openConversationId) ?? 0) + 1);
    const twice = [...perChat].filter(([, n]) => n > 1).map(([c]) => c);
    console.log(
      `[kill -9 reminders ${target.name}] ${created} reminders; killed after ${before} accepted (${states.map((s: any) => `${s.status}:${s.n}`).join(' ')}); ` +
        `${sending.length} in flight at the kill, ${window.size} of them already accepted by the platform; ${twice.length} delivered twice`,
    );
    expect(new Set(perChat.keys())).toEqual(targetsChats);
    expect(twice.filter((c) => !window.has(c))).toEqual([]);
    expect([...perChat.values()].every((n) => n <= 2)).toBe(true);
    expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE dedupe_key LIKE 'rem:%' AND status = 'sent'`))[0].n)).toBe(created);

    second.term();
    expect(await second.exited).toBe(0);
  }, 120_000);
});
