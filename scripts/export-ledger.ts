import 'dotenv/config';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config';
import { openDataSource } from '../src/db/data-source';
import { UnitDirectory } from '../src/services/org/units';
import { buildLedgerXlsx } from '../src/services/hazards/ledger';
import { shanghaiDate } from '../src/services/time';

const { values } = parseArgs({ options: { unit: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } });
const usage = '用法：npm run export:ledger -- --unit <单位名称> --from 2025-01-01 --to 2025-12-31 --out 台账.xlsx';
const day = (s: string | undefined, name: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '');
  if (!m) {
    console.error(`--${name} 应为 YYYY-MM-DD。${usage}`);
    process.exit(2);
  }
  return shanghaiDate(Number(m[1]), Number(m[2]), Number(m[3])).getTime();
};
if (!values.unit || !values.out) {
  console.error(usage);
  process.exit(2);
}
const from = day(values.from, 'from');
const to = day(values.to, 'to') + 24 * 3600_000; // inclusive end date
const config = readConfig(process.env);
const ds = await openDataSource(config.DATABASE_URL);
try {
  const units = new UnitDirectory(ds);
  await units.refresh();
  const { unit, candidates } = units.find(values.unit);
  if (!unit) {
    console.error(`没有找到单位「${values.unit}」${candidates.length ? `，你是不是要找：${candidates.map((u) => u.name).join('、')}` : ''}`);
    process.exitCode = 1;
  } else {
    const ids = unit.kind === 'school' ? [unit.id] : units.schoolsUnder(unit).map((u) => u.id);
    writeFileSync(values.out, await buildLedgerXlsx(ds, ids, from, to, `${unit.name} 隐患台账（${values.from} 至 ${values.to}）`, Date.now()));
    console.log(`已导出 ${values.out}`);
  }
} finally {
  await ds.destroy();
}
