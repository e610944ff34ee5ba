import 'dotenv/config';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { withUnit } from './lib-cli-unit';
import { quarterlyFilename, quarterlyWorkbook } from '../src/services/quarterly/export';
import { parseQuarter, quarterName } from '../src/services/quarterly/period';

const USAGE = '用法：npm run export:quarterly -- --quarter 2025Q1 --unit <单位名称> [--out 文件.xlsx]';

const { values } = parseArgs({ options: { quarter: { type: 'string' }, unit: { type: 'string' }, out: { type: 'string' } } });
const quarter = parseQuarter(values.quarter ?? '');
if (!quarter || !values.unit) {
  console.error(values.quarter && !quarter ? `看不懂季度「${values.quarter}」，请写成 2025Q1。\n${USAGE}` : USAGE);
  process.exit(2);
}
await withUnit(values.unit!, async ({ ds, units, unit }) => {
  const out = values.out ?? quarterlyFilename(unit, quarter!);
  writeFileSync(out, await quarterlyWorkbook(ds, units, unit, quarter!, Date.now()));
  console.log(`已导出 ${unit.name} ${quarterName(quarter!)}季报表（附件3-6）→ ${out}`);
});
