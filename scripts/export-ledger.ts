import 'dotenv/config';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { withUnit } from './lib-cli-unit';
import { writeLedgerXlsx } from '../src/services/hazards/ledger';
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
await withUnit(values.unit, async ({ ds, units, unit }) => {
  const ids = unit.kind === 'school' ? [unit.id] : units.schoolsUnder(unit).map((u) => u.id);
  const { rows } = await writeLedgerXlsx(ds, createWriteStream(values.out!), { unitIds: ids, from, to, title: `${unit.name} 隐患台账（${values.from} 至 ${values.to}）`, now: Date.now() });
  console.log(`已导出 ${values.out}（${rows} 条）`);
});
