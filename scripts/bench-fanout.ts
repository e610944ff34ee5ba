// npm run bench (or: npx tsx scripts/bench-fanout.ts [--groups 3000] [--latency 50] [--concurrency 64])
// One reminder fanned out to N groups, each with its own WeCom webhook key (so its own 20/min robot window), on a
// temporary SQLite database, against a local fake WeCom answering every push after `latency` ms. Target: all
// delivered within 60 s, none twice. Exit code 1 when the target is missed.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config';
import { openDataSource } from '../src/db/data-source';
import { seed } from '../src/db/repositories/seed.repository';
import { createLogger } from '../src/log/logger';
import { fixedClock } from '../src/services/clock';
import { LinkSigner } from '../src/services/links';
import { OutboxSender } from '../src/services/outbox/sender';
import { PlatformDeliverer } from '../src/platforms/deliver';
import { fanOut } from '../src/services/deadlines/reminders';
import { pushGroupsByUnit } from '../src/services/outbox/push-groups';
import { shanghaiDate } from '../src/services/time';

const { values } = parseArgs({
  options: { groups: { type: 'string', default: '3000' }, latency: { type: 'string', default: '50' }, concurrency: { type: 'string', default: '64' } },
  strict: false,
});
const GROUPS = Number(values.groups);
const LATENCY_MS = Number(values.latency);
const CONCURRENCY = Number(values.concurrency);
const LIMIT_MS = 60_000;

// The fake WeCom: counts pushes per key, so a duplicate is a key seen twice.
const perKey = new Map<string, number>();
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"errcode":0,"errmsg":"ok"}');
    }, LATENCY_MS);
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const fakeUrl = `http://127.0.0.1:${(server.address() as any).port}`;

const dir = mkdtempSync(join(tmpdir(), 'bench-fanout-'));
const config = readConfig({ DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`, WECOM_API_BASE: fakeUrl, SANDBOX: '0', LOG_LEVEL: 'silent', INSTANCE_ID: 'bench' });
const ds = await openDataSource(config.DATABASE_URL);
try {
  // 09:00 on a school day: outside quiet hours, so nothing waits for the morning.
  const clock = fixedClock(shanghaiDate(2025, 2, 14, 9).getTime());
  const [{ id: cityId }] = await seed(ds).unitsOfKind('city');
  await seed(ds).addGroups(Array.from({ length: GROUPS }, (_, i) => ({
    platform: 'wecom' as const, chatId: `bench-${i}`, unitId: cityId, name: `群 ${i}`, pushKind: 'wecom_webhook' as const, pushTarget: `bench-${String(i).padStart(6, '0')}-0000-1111-2222`,
  })));
  const groups = (await pushGroupsByUnit(ds, config)).get(Number(cityId)) ?? [];
  const body = { markdown: '**📅 距 2 月 21 日还有 7 天：报送 2025 年具体方案**\n完成后回复 /已报送 方案', title: '报送 2025 年具体方案' };

  const t0 = performance.now();
  const created = await fanOut(ds, 'plan:2025-02-21:before:-7', groups.map((group) => ({ group, body })), { now: clock.now() });
  const tEnqueued = performance.now();
  const links = await LinkSigner.create(ds, '', '');
  const sender = new OutboxSender(ds, new PlatformDeliverer(ds, config, clock, links, null), clock, createLogger('silent'), {
    instanceId: 'bench', concurrency: CONCURRENCY, batch: CONCURRENCY * 4,
  });
  while ((await sender.runOnce()) > 0 && performance.now() - t0 < 2 * LIMIT_MS);
  const elapsed = performance.now() - t0;

  const sent = await seed(ds).outboxSent();
  const duplicates = [...perKey.values()].filter((n) => n > 1).length;
  const delivered = perKey.size;
  const ok = Number(sent) === GROUPS && delivered === GROUPS && duplicates === 0 && elapsed <= LIMIT_MS;
  console.log(`${GROUPS} groups, fake answers in ${LATENCY_MS} ms, sender concurrency ${CONCURRENCY}`);
  console.log(`enqueued ${created} in ${((tEnqueued - t0) / 1000).toFixed(2)} s; all done in ${(elapsed / 1000).toFixed(2)} s (target ≤ ${LIMIT_MS / 1000} s)`);
  console.log(`sent ${sent}, distinct groups reached ${delivered}, duplicates ${duplicates} → ${ok ? 'OK' : 'MISSED'}`);
  console.log(JSON.stringify({ bench: 'fanout', groups: GROUPS, created, sent: Number(sent), delivered, duplicates, enqueueMs: Math.round(tEnqueued - t0), elapsedMs: Math.round(elapsed), ok }));
  process.exitCode = ok ? 0 : 1;
} finally {
  await ds.destroy();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
