import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { readConfig } from '../src/config';
import { openDataSource } from '../src/db/data-source';
import { importOrgCsv } from '../src/services/org/import-org';

const file = process.argv[2];
if (!file) {
  console.error('用法：npm run import-org -- <file.csv>   （列：单位,上级单位,类型,姓名,平台,用户ID,角色,手机）');
  process.exit(2);
}
const config = readConfig(process.env);
const ds = await openDataSource(config.DATABASE_URL);
try {
  const res = await importOrgCsv(ds, readFileSync(file, 'utf8'), Date.now());
  if (!res.ok) {
    for (const e of res.errors) console.error(`第 ${e.line} 行：${e.message}`);
    console.error(`未导入任何数据：${res.errors.length} 处错误。改正后重新运行。`);
    process.exitCode = 1;
  } else {
    console.log(`已导入：新建单位 ${res.unitsCreated} 个，成员 ${res.membersUpserted} 人。`);
  }
} finally {
  await ds.destroy();
}
