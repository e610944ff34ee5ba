import 'dotenv/config';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config';
import { openDataSource } from '../src/db/data-source';
import { UnitDirectory } from '../src/services/org/units';
import { quarterlyFilename, quarterlyWorkbook } from '../src/services/quarterly/export';
import { parseQuarter, quarterName } from '../src/services/quarterly/period';

const USAGE = '用法：npm run export:quarterly -- --quarter 2025Q1 --unit <单位名称> [--out 文件.xlsx]';

const { values } = parseArgs({ options: { quarter: { type: 'string' }, unit: { type: 'string' }, out: { type: 'string' } } });
const quarter = parseQuarter(values.quarter ?? '');
if (!quarter || !values.unit) {
  console.error(values.quarter && !quarter ? `看不懂季度「${values.quarter}」，请写成 2025Q1。\n${USAGE}` : USAGE);
  process.exit(2);
}
const config = readConfig(process.env);
const ds = await openDataSource(config.DATABASE_URL);
try {
  const units = new UnitDirectory(ds);
  await units.refresh();
  const { unit, candidates } = units.find(values.unit);
  if (!unit) {
    console.error(`没有找到单位「${values.unit}」。${candidates.length ? `你是不是要找：${candidates.map((u) => u.name).join('、')}？` : ''}`);
    process.exitCode = 1;
  } else {
    const out = values.out ?? quarterlyFilename(unit, quarter);
    writeFileSync(out, await quarterlyWorkbook(ds, units, unit, quarter, Date.now()));
    console.log(`已导出 ${unit.name} ${quarterName(quarter)}季报表（附件3-6）→ ${out}`);
  }
} finally {
  await ds.destroy();
}
