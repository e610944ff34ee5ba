import 'dotenv/config';
import { readConfig } from '../src/config';
import { migrate, openDataSource } from '../src/db/data-source';

const config = readConfig(process.env);
const ds = await openDataSource(config.DATABASE_URL, { migrate: false });
try {
  const done = await migrate(ds);
  console.log(done.length ? `applied: ${done.join(', ')}` : 'database is up to date');
} finally {
  await ds.destroy();
}
