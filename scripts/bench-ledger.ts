// npm run bench (or: node --expose-gc --import tsx scripts/bench-ledger.ts): the city ledger at 300k hazards (BENCH_LEDGER_N).
// Seeds an SQLite file (or the empty database BENCH_LEDGER_URL names), then times, in the same run: the plain read of every hazard row with its
// school (the reference: the floor any export pays), and the streamed 隐患台账 xlsx of the whole city and of one
// district written into a sink as an HTTP response would take it, with peak RSS above the start and file size, and
// (with --expose-gc) the live heap, which is what the export holds apart from garbage V8 has not collected yet.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { HazardEntity, type Hazard } from '../entities/hazard.entity';
import { UnitEntity } from '../entities/unit.entity';
import { openDataSource } from '../src/db/data-source';
import { writeLedgerXlsx } from '../src/services/hazards/ledger';

const N = Number(process.env.BENCH_LEDGER_N ?? 300_000);
const SCHOOLS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'bench-ledger-'));
const url = process.env.BENCH_LEDGER_URL ?? `sqlite:${join(dir, 'bot.sqlite')}`;
const ds = await openDataSource(url);
const mb = (n: number) => Math.round(n / 1e6);
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
try {
  const units = ds.getRepository(UnitEntity);
  const districts = (await units.find({ where: { kind: 'district' }, order: { id: 'ASC' } })).map((u) => u.id);
  const seedStart = performance.now();
  for (let i = 0; i < SCHOOLS; i += 200) {
    await units.insert(Array.from({ length: Math.min(200, SCHOOLS - i) }, (_, k) => ({ name: `学校${i + k}`, kind: 'school' as const, parentId: districts[(i + k) % districts.length], createdAt: 0 })));
  }
  const schools = (await units.find({ where: { kind: 'school' }, order: { id: 'ASC' } })).map((u) => u.id);
  const t0 = Date.now() - N * 60_000;
  const risks = ['red', 'orange', 'yellow', 'blue'] as const;
  const statuses = ['pending', 'rectifying', 'verifying', 'closed'] as const;
  const BATCH = 400;
  // Committed every 20k rows: one transaction of 300k rows spills SQLite's page cache and the WAL grows without end.
  for (let chunk = 0; chunk < N; chunk += 20_000) await ds.transaction(async (em) => {
    for (let i = chunk; i < Math.min(N, chunk + 20_000); i += BATCH) {
      const rows: Partial<Hazard>[] = Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => {
        const n = i + k;
        return {
          code: `YH-B-${n}`, unitId: schools[n % schools.length], reporterName: '李老师', description: '三楼楼梯口堆放旧课桌椅，疏散通道被堵', area: 'fire', itemCode: 'fire.exit',
          risk: risks[n % 4], major: false, majorSuspected: false, classifierSource: 'local', status: statuses[n % 4], deadlineAt: t0 + n * 60_000 + 72 * 3600_000,
          origin: '自查', version: 0, createdAt: t0 + n * 60_000, updatedAt: t0 + n * 60_000,
        };
      });
      await em.createQueryBuilder().insert().into(HazardEntity).values(rows).updateEntity(false).execute();
    }
  });
  console.log(`ledger ${N} hazards / ${SCHOOLS} schools (${url.split(':')[0]}), seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const all = [...districts, ...schools];
  const to = Date.now() + 86_400_000;
  const measure = async (label: string, unitIds: number[]) => {
    global.gc?.();
    const start = process.memoryUsage();
    let peak = start.rss;
    let heap = start.heapUsed;
    const sample = () => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      heap = Math.max(heap, m.heapUsed);
    };
    const timer = setInterval(sample, 50);
    // What the export holds (the heap after a collection, twice a second), apart from garbage not yet collected.
    let live = 0;
    const liveTimer = setInterval(() => {
      global.gc?.();
      live = Math.max(live, process.memoryUsage().heapUsed - start.heapUsed);
    }, 500);
    let bytes = 0;
    const sink = new Writable({ write: (chunk: Buffer, _enc, cb) => ((bytes += chunk.length), cb()) });
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    const { rows } = await writeLedgerXlsx(ds, sink, { unitIds, from: 0, to, title: `${label} 隐患台账`, now: Date.now() });
    const ms = performance.now() - t1;
    const cpu = cpuMs(process.cpuUsage(c1));
    clearInterval(timer);
    clearInterval(liveTimer);
    sample();
    return { rows, ms, cpu, line: `${(ms / 1000).toFixed(1)} s (cpu ${(cpu / 1000).toFixed(1)} s)  ${rows} rows  ${Math.round(rows / (ms / 1000))} rows/s  peak rss +${mb(peak - start.rss)} MB (${mb(peak)} MB), heap +${mb(heap - start.heapUsed)} MB${global.gc ? ` (live +${mb(live)} MB)` : ''}  ${(bytes / 1e6).toFixed(1)} MB file  load ${load()}` };
  };
  // The exports first, on the heap the seeding left, so their peak is theirs; then the reference read.
  const city = await measure('泉州市', all);
  const district = await measure('丰泽区', [districts[1], ...schools.filter((_, i) => i % districts.length === 1)]);
  global.gc?.();
  const base = process.memoryUsage().rss;
  let c = process.cpuUsage();
  let t = performance.now();
  const read = await ds.getRepository(HazardEntity).createQueryBuilder('h').innerJoin('Unit', 'u', 'u.id = h.unitId').addSelect('u.name', 'school').orderBy('h.id').getRawMany();
  const readMs = performance.now() - t;
  const readCpu = cpuMs(process.cpuUsage(c));
  const readRss = process.memoryUsage().rss - base;
  console.log(`  reference: plain SELECT of every row with its school  ${(readMs / 1000).toFixed(1)} s (cpu ${(readCpu / 1000).toFixed(1)} s)  ${read.length} rows  (+${mb(readRss)} MB rss holding them)  load ${load()}`);
  read.length = 0;

  console.log(`  city 隐患台账 xlsx (streamed)                         ${city.line}  = ${(city.ms / readMs).toFixed(2)}× the plain read (cpu ${(city.cpu / readCpu).toFixed(2)}×)`);
  console.log(`  one district's 隐患台账 xlsx                           ${district.line}`);
} finally {
  await ds.destroy();
  rmSync(dir, { recursive: true, force: true });
}
