import 'dotenv/config';
import { ConfigError, readConfig } from '../src/config';
import { runDoctor } from '../src/ops/doctor';
import { DOCTOR } from '../src/ops/doctor-texts';

/** `npm run doctor`: one line per check (✓ passed, ✗ what to fix, – skipped); exit 1 when any check fails, 2 on bad configuration. */
let config;
try {
  config = readConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`✗ 配置错误 ${err.message}（见 .env.example）`);
  process.exit(2);
}
const checks = await runDoctor(config);
console.log(DOCTOR.header(checks.length));
for (const c of checks) console.log(`${c.skipped ? '–' : c.ok ? '✓' : '✗'} ${c.line}`);
const failed = checks.filter((c) => !c.ok).length;
console.log(failed ? DOCTOR.failed(failed) : DOCTOR.allGood);
process.exit(failed ? 1 : 0);
