import 'dotenv/config';
import { readConfig } from '../src/config';
import { buildBot } from '../src/bootstrap';
import { seed } from '../src/db/repositories/seed.repository';
import { seedDemoWorld } from '../src/services/demo/seed-demo';
import { seedDemoHazards } from '../src/services/demo/demo-hazards';
import { realUnitsIn } from '../src/services/demo/real-units';

/** `npm run seed:demo`: the sandbox's demo world (safe to run twice: every row is keyed). */
const config = readConfig({ ...process.env, SANDBOX: '0', SCHEDULER: '0' });
const bot = await buildBot(config, { background: false });
try {
  const real = await realUnitsIn(bot.ds);
  if (real) {
    console.error(`这个数据库里已有真实单位（${real}），不写入演示数据。请换一个空数据库（DATABASE_URL）再运行。`);
    process.exitCode = 1;
  } else {
  const now = Date.now();
  await seedDemoWorld(bot.ds, now);
  const hazards = await seedDemoHazards(bot.services, now);
  const n = await seed(bot.ds).hazardCount();
  console.log(`演示数据已就绪：1 个区、3 所学校、5 个群；本次新增隐患 ${hazards} 条（共 ${n} 条）。npm start 后打开 http://localhost:${config.PORT}/sandbox`);
  }
} finally {
  await bot.close();
}
