import 'dotenv/config';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataSource } from '../src/db/data-source';
import { createScratchDatabase, dropScratchDatabase, seed } from '../src/db/repositories/seed.repository';
import { FakePlatform } from '../test/helpers/fake-platform';
import { botEnv, dingtalkRequest, uid, wecomBotRequest } from '../test/helpers/platform-sim';
import { startChild } from './bench/child';
import { closedLoop, openLoop, type AckResult } from './bench/ack';
import { footprint } from './bench/footprint';

/**
 * `npm run bench`: ack latency and throughput of both webhooks on SQLite and MariaDB beside a bare Koa endpoint,
 * then the reminder fan-out and the city-wide summary benches when present. Numbers, not pass/fail: the targets
 * (ack p99 < 50 ms at 200 reports/s) are printed next to them.
 */
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MYSQL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const REPORTS = ['三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半', '食堂冰箱里的菜没有标注日期', '操场篮球架底座松动', '宿舍走廊灭火器过期了', '实验室的酒精没有锁进柜子'];

async function databases(): Promise<{ name: string; url: string; drop(): Promise<void> }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const list = [{ name: 'sqlite', url: `sqlite:${join(dir, 'bench.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }];
  try {
    const url = await createScratchDatabase(MYSQL, 'bench');
    list.push({ name: 'mariadb', url, drop: () => dropScratchDatabase(url) });
  } catch (err: any) {
    console.log(`(MariaDB not reachable at ${MYSQL}: ${err?.code}; SQLite only)`);
  }
  return list;
}

async function prepare(url: string): Promise<void> {
  const ds = await openDataSource(url);
  const id = await seed(ds).addSchool('压测中学', '丰泽区教育局');
  for (const [platform, chatId] of [['wecom', 'bench-wc'], ['dingtalk', 'bench-dt']] as const) await seed(ds).addGroup({ platform, chatId, unitId: id, name: '压测群' });
  await ds.destroy();
}

/** Waits until every recorded message is processed, so one measurement does not pay for the previous one's backlog. */
async function drain(url: string, timeoutMs: number): Promise<void> {
  const ds = await openDataSource(url, { migrate: false });
  const end = performance.now() + timeoutMs;
  try {
    for (;;) {
      if ((await seed(ds).inboundBacklog()) === 0 || performance.now() > end) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await ds.destroy();
  }
}

function row(r: AckResult, target: string): string {
  return `${r.name.padEnd(34)} sent ${String(r.sent).padStart(5)}  ok ${String(r.ok).padStart(5)}  err ${String(r.errors).padStart(3)}  ${String(r.rate).padStart(5)}/s  p50 ${String(r.p50).padStart(6)} ms  p99 ${String(r.p99).padStart(6)} ms  max ${String(r.max).padStart(7)} ms  ${target}`;
}

/** BENCH_PARTS=ack,summary (footprint, ack, fanout, sockets, classify, ledger, summary): run only these parts; default all. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'footprint,ack,fanout,sockets,classify,ledger,summary').split(',').map((p) => p.trim()));
const part = (name: string) => PARTS.has(name);

// Footprint first, on a quiet machine: start time, idle RSS, report → card, RSS after load (built server beside tsx).
spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
const footprintLines = part('footprint') ? await footprint() : [];
console.log('\n== footprint (scripts/bench/footprint.ts) ==');
for (const l of footprintLines) console.log(l);

const fake = await new FakePlatform().start();
const results: string[] = [];
const bare = await startChild('scripts/bench/bare-koa.ts', { PORT: '0' });
const barePort = /listening on (\d+)/.exec(bare.output())![1];
const bareReq = () => ({ url: `http://127.0.0.1:${barePort}/bare`, init: { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: { content: REPORTS[0] } }) } });
results.push(row(await openLoop(`bare koa @${RATE}/s`, RATE, SECONDS, bareReq), '(floor)'));
results.push(row(await closedLoop('bare koa, 16 concurrent', 16, 5, bareReq), '(floor)'));
await bare.stop();

for (const db of part('ack') ? await databases() : []) {
  await prepare(db.url);
  const bot = await startChild('src/main.ts', { ...botEnv(fake.url), DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'info', SANDBOX: '0', SCHEDULER: '0', INSTANCE_ID: 'bench' }, /"port":\d+/);
  const port = /"port":(\d+)/.exec(bot.output())![1];
  const base = `http://127.0.0.1:${port}`;
  const wecom = (i: number) => wecomBotRequest(base, fake.url, { userId: `t${i % 50}`, chatId: 'bench-wc', text: `/隐患 ${REPORTS[i % REPORTS.length]} ${uid()}` });
  const ding = (i: number) => dingtalkRequest(base, fake.url, { userId: `d${i % 50}`, chatId: 'bench-dt', text: `/隐患 ${REPORTS[i % REPORTS.length]} ${uid()}` });
  // Warm up (JIT, connection pools, the processor thread's dictionaries), then let the backlog drain: steady state.
  await openLoop('warm-up', 50, 4, (i) => (i % 2 ? wecom(i) : ding(i)));
  await drain(db.url, 120_000);
  results.push(row(await openLoop(`${db.name} WeCom encrypted @${RATE}/s`, RATE, SECONDS, wecom), 'target p99 < 50 ms'));
  await drain(db.url, 120_000);
  results.push(row(await openLoop(`${db.name} DingTalk signed @${RATE}/s`, RATE, SECONDS, ding), 'target p99 < 50 ms'));
  await drain(db.url, 120_000);
  results.push(row(await closedLoop(`${db.name} WeCom, 16 concurrent`, 16, 5, wecom), '(max acks/s)'));
  results.push(row(await closedLoop(`${db.name} DingTalk, 16 concurrent`, 16, 5, ding), '(max acks/s)'));
  // How long the recorded backlog takes to become hazards (processing runs off the ack path).
  const t0 = performance.now();
  const ds = await openDataSource(db.url, { migrate: false });
  for (;;) {
    if ((await seed(ds).inboundBacklog()) === 0 || performance.now() - t0 > 300_000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const hazards = await seed(ds).hazardCount();
  const inbound = await seed(ds).inboundCount();
  results.push(`${db.name}: ${inbound} reports recorded, ${hazards} hazards after processing; backlog drained ${((performance.now() - t0) / 1000).toFixed(1)} s after the load stopped`);
  await ds.destroy();
  await bot.stop();
  await db.drop();
}
await fake.close();
console.log('\n== webhook ack path ==');
for (const r of results) console.log(r);
console.log('\n== footprint (repeated from the start of the run) ==');
for (const l of footprintLines) console.log(l);

if (part('fanout') && existsSync('scripts/bench-fanout.ts')) {
  console.log('\n== reminder fan-out (scripts/bench-fanout.ts) ==');
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-fanout.ts'], { stdio: 'inherit' });
}

if (part('sockets') && existsSync('scripts/bench-sockets.ts')) {
  console.log('\n== socket modes: WeCom long connection and DingTalk Stream (scripts/bench-sockets.ts) ==');
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-sockets.ts'], { stdio: 'inherit' });
}
if (part('classify') && existsSync('scripts/bench-classify.ts')) {
  console.log('\n== local classifier per report (scripts/bench-classify.ts) ==');
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-classify.ts'], { stdio: 'inherit' });
}
if (part('ledger') && existsSync('scripts/bench-ledger.ts')) spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-ledger.ts'], { stdio: 'inherit' });

// The city-wide /进度 needs a city-sized database: seed one per engine (or use BENCH_SUMMARY_URL), then time it.
const summaryTargets = process.env.BENCH_SUMMARY_URL
  ? [{ name: 'given', url: process.env.BENCH_SUMMARY_URL, drop: async () => undefined }]
  : part('summary') ? await databases() : [];
for (const db of summaryTargets) {
  console.log(`\n== city-wide /进度 on ${db.name} (seed:scale, then scripts/bench-summary.ts) ==`);
  const env = { ...process.env, DATABASE_URL: db.url };
  if (!process.env.BENCH_SUMMARY_URL) spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed-scale.ts'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-summary.ts', '--n', '30'], { stdio: 'inherit', env });
  console.log(`\n== plain-word questions on ${db.name} (scripts/bench-ask.ts, same world) ==`);
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-ask.ts', '--n', '3'], { stdio: 'inherit', env });
  await db.drop();
}
