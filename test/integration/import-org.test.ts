import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { openDataSource } from '../../src/db/data-source';

const run = promisify(execFile);
const targets = await dbTargets();

describe.each(targets)('npm run import-org on $name', (target) => {
  let url: string;
  beforeAll(async () => {
    url = await target.create();
  });
  afterAll(async () => target.drop(url));

  const cli = (file: string) =>
    run('npx', ['tsx', 'scripts/import-org.ts', file], { env: { ...process.env, DATABASE_URL: url } }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e) => ({ code: e.code as number, out: String(e.stdout) + String(e.stderr) }),
    );

  it('reports every bad row by line and imports nothing', async () => {
    const res = await cli('test/fixtures/org/bad.csv');
    expect(res.code).toBe(1);
    expect(res.out).toContain('第 3 行');
    expect(res.out).toContain('第 4 行');
    expect(res.out).toContain('第 5 行');
    expect(res.out).toContain('未导入任何数据');
    const ds = await openDataSource(url);
    expect(await ds.query(`SELECT * FROM unit WHERE name = '泉州市丰泽区实验小学'`)).toHaveLength(0);
    await ds.destroy();
  });

  it('imports units and members', async () => {
    const res = await cli('test/fixtures/org/good.csv');
    expect(res.out).toContain('新建单位 2 个，成员 3 人');
    const ds = await openDataSource(url);
    const [school] = await ds.query(`SELECT u.id, p.name AS parent FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.name = '泉州市丰泽区东海中学'`);
    expect(school.parent).toBe('丰泽区教育局');
    const members = await ds.query(`SELECT name, role FROM member ORDER BY name`);
    expect(members).toEqual([{ name: '林校长', role: 'principal' }, { name: '王安全', role: 'safety_officer' }, { name: '黄科长', role: 'district_admin' }]);
    await ds.destroy();
  });
});
