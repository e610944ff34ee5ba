import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDataSource } from '../../src/db/data-source';
import { seed } from '../../src/db/repositories/seed.repository';
import { FakePlatform } from '../../test/helpers/fake-platform';
import { botEnv, dingtalkRequest, uid } from '../../test/helpers/platform-sim';
import { percentile } from './child';

/**
 * The footprint lines of `npm run bench`: cold start to a healthy /healthz, idle RSS of the whole process (every
 * thread: /proc/<pid>/status VmRSS), RSS after 10,000 processed reports and 100 charts, and report→card latency at
 * 20 and 100 reports/s (DingTalk report in, its card back at the fake platform). The built server (`node dist/main.js`)
 * is measured beside the development entry (`tsx src/main.ts`) in the same run; the load average is printed with them
 * because the machine is shared.
 */
/** A port the OS says is free (a fixed range collided with epmd's 4369 on this machine). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const REPORTS = ['三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半', '食堂冰箱里的菜没有标注日期', '操场篮球架底座松动', '宿舍走廊灭火器过期了', '实验室的酒精没有锁进柜子'];
const LOAD_REPORTS = Number(process.env.FOOTPRINT_REPORTS ?? 10_000);
const LOAD_CHARTS = Number(process.env.FOOTPRINT_CHARTS ?? 100);

/** FOOTPRINT_ENV="A=1 B=2": extra variables for the server, to compare settings. */
const extraEnv = (): Record<string, string> => Object.fromEntries((process.env.FOOTPRINT_ENV ?? '').split(/\s+/).filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
const load = () => `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function prepare(url: string): Promise<void> {
  const ds = await openDataSource(url);
  const id = await seed(ds).addSchool('压测中学', '丰泽区教育局');
  await seed(ds).addGroup({ platform: 'dingtalk', chatId: 'fp-dt', unitId: id, name: '压测群' });
  await seed(ds).addMember({ platform: 'dingtalk', userId: 'fp-officer', name: '压测安全员', role: 'safety_officer', unitId: id });
  await ds.destroy();
}

async function pending(url: string): Promise<number> {
  const ds = await openDataSource(url, { migrate: false });
  try {
    return await seed(ds).inboundBacklog();
  } finally {
    await ds.destroy();
  }
}

async function drain(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await pending(url)) > 0 && Date.now() < end) await sleep(500);
}

/** Heap per thread from /metrics (bot_thread_heap_bytes). */
async function heapsMb(base: string): Promise<string> {
  const text = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer footprint' } }).then((r) => r.text(), () => '');
  const found = [...text.matchAll(/^bot_thread_heap_bytes\{thread="(\w+)",kind="(\w+)"\} (\d+)/gm)].map((m) => `${m[1]} ${m[2]} ${Math.round(Number(m[3]) / 1048576)} MB`);
  return found.join(', ') || 'n/a';
}

interface Started {
  proc: ChildProcess;
  port: number;
  startMs: number;
  stop(): Promise<void>;
}

/** Spawns the server and times spawn → first 200 from /healthz. */
async function start(args: string[], env: Record<string, string>): Promise<Started> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => void (out += d));
  proc.stderr!.on('data', (d) => void (out += d));
  const port = Number(env.PORT);
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}:\n${out}`);
    if (performance.now() - t0 > 60_000) throw new Error(`no healthy /healthz after 60 s:\n${out}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await sleep(10);
  }
  const startMs = Math.round(performance.now() - t0);
  return {
    proc, port, startMs,
    stop: () => new Promise((r) => {
      if (proc.exitCode !== null) return r();
      proc.once('exit', () => r());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 15_000).unref();
    }),
  };
}

/** Report → card: DingTalk reports at `rate`/s for `seconds`, latency until the reply reaches the fake's session webhook. */
async function reportToCard(fake: FakePlatform, base: string, rate: number, seconds: number): Promise<{ p50: number; p99: number; missing: number }> {
  const sent = new Map<string, number>();
  const total = rate * seconds;
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const req = dingtalkRequest(base, fake.url, { userId: `c${i % 20}`, chatId: 'fp-dt', text: `/隐患 ${REPORTS[i % REPORTS.length]} ${uid()}` });
    const session = new URL(JSON.parse(String(req.init.body)).sessionWebhook).searchParams.get('session')!;
    sent.set(session, Date.now());
    void fetch(req.url, req.init).then((r) => r.arrayBuffer(), () => undefined);
  }
  const end = Date.now() + 60_000;
  const lat: number[] = [];
  for (;;) {
    lat.length = 0;
    for (const r of fake.requests) {
      const at = r.path === '/robot/sendBySession' ? sent.get(r.query.get('session') ?? '') : undefined;
      if (at !== undefined) lat.push(r.at - at);
    }
    if (lat.length >= total || Date.now() > end) break;
    await sleep(200);
  }
  lat.sort((a, b) => a - b);
  return { p50: percentile(lat, 50), p99: percentile(lat, 99), missing: total - lat.length };
}

/** Runs the footprint measurements and returns the lines to print. */
export async function footprint(): Promise<string[]> {
  const lines: string[] = [];
  // The built server is what is measured: build it first when the sources are newer (as `npm start` does).
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
  const fake = await new FakePlatform().start();
  const variants: { name: string; args: string[]; env: Record<string, string>; full: boolean }[] = [
    // Exactly what `npm start` and deploy/campus-safety-bot.service run (with MALLOC_ARENA_MAX=2, below).
    { name: 'built  node dist/main.js', args: ['--max-semi-space-size=4', 'dist/main.js'], env: { MALLOC_ARENA_MAX: '2' }, full: true },
    { name: 'dev    tsx src/main.ts', args: ['--import', 'tsx', 'src/main.ts'], env: {}, full: process.env.FOOTPRINT_DEV_LOAD === '1' },
  ];
  // FOOTPRINT_VARIANTS=built measures the built server only.
  if (process.env.FOOTPRINT_VARIANTS === 'built') variants.pop();
  for (const v of variants) {
    const dir = mkdtempSync(join(tmpdir(), 'footprint-'));
    const url = `sqlite:${join(dir, 'bot.sqlite')}`;
    await prepare(url);
    const env = { ...v.env, ...extraEnv(), ...botEnv(fake.url), DATABASE_URL: url, PORT: String(await freePort()), LOG_LEVEL: 'warn', SANDBOX: '0', SCHEDULER: '0', INSTANCE_ID: 'footprint', METRICS_TOKEN: 'footprint' };
    // FOOTPRINT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": extra node flags for the server (profiling).
    const s = await start([...(process.env.FOOTPRINT_NODE_ARGS ?? '').split(/\s+/).filter(Boolean), ...v.args], env);
    await sleep(5_000);
    const idle = rssMb(s.proc.pid!);
    lines.push(`${v.name.padEnd(26)} cold start → healthy /healthz ${String(s.startMs).padStart(5)} ms (target ≤ 2000)   idle RSS ${String(idle).padStart(4)} MB (target ≤ 200)   [${load()}]`);
    if (v.full) {
      const base = `http://127.0.0.1:${s.port}`;
      // The first report loads the classifier's dictionaries (lazily, see bootstrap.ts): timed on its own, then the
      // steady state is measured after a short warm-up, as the ack benches do.
      const first = await reportToCard(fake, base, 1, 1);
      lines.push(`${v.name.padEnd(26)} first report after start → card ${first.p50} ms; RSS then ${rssMb(s.proc.pid!)} MB   [${load()}]`);
      await reportToCard(fake, base, 20, 2);
      for (const rate of [20, 100]) {
        await drain(url, 120_000);
        const c = await reportToCard(fake, base, rate, 10);
        lines.push(`${v.name.padEnd(26)} report → card @${rate}/s: p50 ${c.p50} ms  p99 ${c.p99} ms${c.missing ? `  (${c.missing} cards missing)` : ''}   [${load()}]`);
      }
      const t0 = performance.now();
      // The latency runs sent 1,241 reports; the rest go in at 8 concurrent, then processing drains.
      let next = 1241;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < LOAD_REPORTS) {
          const i = next++;
          const req = dingtalkRequest(base, fake.url, { userId: `l${i % 50}`, chatId: 'fp-dt', text: `/隐患 ${REPORTS[i % REPORTS.length]} ${uid()}` });
          await fetch(req.url, req.init).then((r) => r.arrayBuffer(), () => undefined);
        }
      }));
      await drain(url, 900_000);
      const before = fake.requests.length;
      for (let i = 0; i < LOAD_CHARTS; i++) {
        const req = dingtalkRequest(base, fake.url, { userId: 'fp-officer', chatId: 'fp-dt', text: i % 2 ? '/进度 本周' : '/进度' });
        await fetch(req.url, req.init).then((r) => r.arrayBuffer());
        await drain(url, 60_000);
      }
      await sleep(2_000);
      const charts = fake.requests.slice(before).filter((r) => r.path.includes('media/upload') || JSON.stringify(r.body ?? '').includes('进度')).length;
      const heaps = await heapsMb(base);
      lines.push(`${v.name.padEnd(26)} RSS after ${LOAD_REPORTS} reports and ${LOAD_CHARTS} charts ${rssMb(s.proc.pid!)} MB (target ≤ 300; V8 heaps ${heaps}; ${charts} chart replies seen, ${Math.round((performance.now() - t0) / 1000)} s)   [${load()}]`);
    }
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  await fake.close();
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await footprint()) console.log(line);
}
