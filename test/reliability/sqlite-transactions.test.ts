// Issue 9 (found by the kill -9 burst): on SQLite every caller shares one connection, so overlapping
// transactions used to merge — a report was lost with "Transaction is not started yet" and the teacher got an
// apology. openDataSource now gives each transaction the connection to itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { dbTargets } from '../helpers/db';
import { openDataSource } from '../../src/db/data-source';
import { run } from '../../src/db/repositories/base';
import { AppSettingEntity } from '../../entities/app-setting.entity';

const targets = await dbTargets();
const tick = () => new Promise((r) => setTimeout(r, 1));

describe.each(targets)('overlapping transactions on $name', (target) => {
  let url: string;
  let ds: DataSource;
  beforeAll(async () => {
    url = await target.create();
    ds = await openDataSource(url);
  });
  afterAll(async () => {
    await ds?.destroy();
    await target.drop(url);
  });

  it('40 transactions that overlap in time all commit, each as a whole', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => ds.transaction(async (em) => {
      await run(em, `INSERT INTO app_setting (setting_key, value) VALUES (?, ?)`, [`tx-a-${i}`, '1']);
      await tick();
      await run(em, `INSERT INTO app_setting (setting_key, value) VALUES (?, ?)`, [`tx-b-${i}`, '2']);
    })));
    expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM app_setting WHERE setting_key LIKE 'tx-%'`))[0].n)).toBe(80);
  });

  it('a rollback takes back only its own writes, not a statement another caller issued meanwhile', async () => {
    let release!: () => void;
    const opened = new Promise<void>((r) => (release = r));
    const failing = ds.transaction(async (em) => {
      await run(em, `INSERT INTO app_setting (setting_key, value) VALUES ('rb-inside', 'x')`);
      release();
      await new Promise((r) => setTimeout(r, 30));
      throw new Error('boom');
    }).catch((e) => e);
    await opened;
    // An ack's insert and a sender's update arrive while that transaction is open.
    const outside = Promise.all([ds.createQueryBuilder().insert().into(AppSettingEntity).values({ key: 'rb-outside', value: 'y' }).orIgnore().execute(), ds.transaction((em) => run(em, `INSERT INTO app_setting (setting_key, value) VALUES ('rb-other-tx', 'z')`))]);
    expect(((await failing) as Error).message).toBe('boom');
    await outside;
    const keys = (await ds.query(`SELECT setting_key FROM app_setting WHERE setting_key LIKE 'rb-%' ORDER BY setting_key`)).map((r: any) => r.setting_key);
    expect(keys).toEqual(['rb-other-tx', 'rb-outside']);
  });
});
