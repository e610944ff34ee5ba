// npm run bench (or: node --import tsx scripts/bench-ledger.ts): the city ledger at 300k hazards (BENCH_LEDGER_N).
// Seeds an SQLite file, then times the plain read of every hazard row (the reference: the floor any export pays) and
// the streamed 隐患台账 xlsx of the whole city, with peak RSS and file size. Same run, same machine, side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataSource } from '../src/db/data-source';
import { buildLedgerXlsx } from '../src/services/hazards/ledger';

const N = Number(process.env.BENCH_LEDGER_N ?? 300_000);
const SCHOOLS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'bench-ledger-'));
const ds = await openDataSource(`sqlite:${join(dir, 'bot.sqlite')}`);
try {
  const districts: number[] = (await ds.query(`SELECT id FROM unit WHERE kind = 'district' ORDER BY id`)).map((r: any) => Number(r.id));
  await ds.transaction(async (em) => {
    for (let i = 0; i < SCHOOLS; i++) {
      await em.query(`INSERT INTO unit (name, kind, parent_id, created_at) VALUES (?, 'school', ?, 0)`, [`学校${i}`, districts[i % districts.length]]);
    }
  });
  const schools: number[] = (await ds.query(`SELECT id FROM unit WHERE kind = 'school' ORDER BY id`)).map((r: any) => Number(r.id));
  const t0 = Date.now() - N * 60_000;
  const risks = ['red', 'orange', 'yellow', 'blue'];
  const statuses = ['pending', 'rectifying', 'verifying', 'closed'];
  const BATCH = 400;
  await ds.transaction(async (em) => {
    for (let i = 0; i < N; i += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => i + k);
      const values = rows.map(() => `(?, ?, '李老师', '三楼楼梯口堆放旧课桌椅，疏散通道被堵', 'fire', 'fire.exit', ?, 0, 0, 'local', ?, ?, 0, ?, ?)`).join(', ');
      const params = rows.flatMap((n) => [`YH-B-${n}`, schools[n % schools.length], risks[n % 4], statuses[n % 4], t0 + n * 60_000 + 72 * 3600_000, t0 + n * 60_000, t0 + n * 60_000]);
      await em.query(`INSERT INTO hazard (code, unit_id, reporter_name, description, area, item_code, risk, major, major_suspected, classifier_source, status, deadline_at, version, created_at, updated_at) VALUES ${values}`, params);
    }
  });
  const all = [...districts, ...schools];
  const rss = () => Math.round(process.memoryUsage().rss / 1e6);
  let t = performance.now();
  const read = await ds.query(`SELECT h.*, u.name AS school FROM hazard h JOIN unit u ON u.id = h.unit_id ORDER BY h.created_at, h.id`);
  const readMs = performance.now() - t;
  const readRss = rss();
  (read as unknown[]).length = 0;
  global.gc?.();
  let peak = rss();
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 50);
  t = performance.now();
  const buf = await buildLedgerXlsx(ds, all, 0, Date.now() + 86_400_000, '泉州市 隐患台账', Date.now());
  const xlsxMs = performance.now() - t;
  clearInterval(timer);
  console.log(`ledger ${N} hazards / ${SCHOOLS} schools (sqlite)`);
  console.log(`  reference: SELECT of every row     ${(readMs / 1000).toFixed(1)} s  (rss ${readRss} MB)`);
  console.log(`  city 隐患台账 xlsx (streamed)       ${(xlsxMs / 1000).toFixed(1)} s  ${Math.round(N / (xlsxMs / 1000))} rows/s  peak rss ${peak} MB  ${(buf.length / 1e6).toFixed(1)} MB file`);
} finally {
  await ds.destroy();
  rmSync(dir, { recursive: true, force: true });
}
