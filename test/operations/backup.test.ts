import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { botEnv } from '../helpers/platform-sim';
import { spawnMain } from '../reliability/helpers/processes';
import { dingtalkReport, signedDingtalkHeaders, useChildWorld } from '../reliability/helpers/world';
import { openDataSource } from '../../src/db/data-source';
import { dailyBackup } from '../../src/ops/backup';

const ROOT = resolve(__dirname, '../..');
const Sqlite = createRequire(import.meta.url)('better-sqlite3');
const dir = mkdtempSync(join(tmpdir(), 'csb-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npx tsx scripts/<name>.ts <args>` as `npm run <name> -- <args>` does; resolves with exit code and output. */
function cli(name: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((res) => {
    const p = spawn('npx', ['tsx', `scripts/${name}.ts`, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.once('exit', (code) => res({ code, out }));
  });
}

const rowsOf = (file: string, sql: string) => {
  const db = new Sqlite(file, { readonly: true });
  try {
    return db.prepare(sql).all() as any[];
  } finally {
    db.close();
  }
};

const targets = await dbTargets();
const sqlite = targets.find((t) => t.name === 'sqlite')!;
const mysql = targets.find((t) => t.name === 'mysql');

describe('SQLite backup under write load, then restore (npm run backup / restore)', () => {
  const world = useChildWorld(sqlite, { prefix: 'bk', schools: 2, teachersPerSchool: 2, replyDelayMs: 0 });

  it('copies a consistent snapshot while reports keep arriving; the restore has every hazard and event', async () => {
    const dbFile = world.url.slice('sqlite:'.length);
    const env = { ...botEnv(world.fake.url), DATABASE_URL: world.url };
    const bot = await spawnMain(env);
    let stop = false;
    let accepted = 0;
    const load = Promise.all(world.chatIds.map(async (chat, i) => {
      for (let n = 0; !stop; n++) {
        const r = dingtalkReport(world.fake.url, chat, `bk-t-${i + 1}-1`, `/隐患 ${n}号教室的插座外壳破损了`);
        const res = await fetch(`${bot.base}/webhooks/dingtalk`, { method: 'POST', headers: signedDingtalkHeaders(), body: r.body });
        if (res.status === 200) accepted++;
      }
    }));
    const until = async (pred: () => Promise<boolean>) => { while (!(await pred())) await new Promise((r) => setTimeout(r, 100)); };
    await until(async () => Number((await world.ds.query(`SELECT COUNT(*) AS n FROM hazard`))[0].n) >= 10);

    const hazardsBefore: any[] = await world.ds.query(`SELECT * FROM hazard ORDER BY id`);
    const eventsBefore: any[] = await world.ds.query(`SELECT * FROM hazard_event ORDER BY id`);
    const file = join(dir, 'under-load.sqlite');
    const backup = await cli('backup', [file], env);
    expect(backup.out).toContain('已备份到');
    expect(backup.code).toBe(0);
    await until(async () => Number((await world.ds.query(`SELECT COUNT(*) AS n FROM hazard`))[0].n) > hazardsBefore.length + 3);

    // Every hazard and event that existed when the backup began is in it, unchanged apart from later transitions,
    // and the copy is consistent in itself: every hazard it holds has its events.
    const copied = rowsOf(file, `SELECT * FROM hazard ORDER BY id`);
    const copiedEvents = rowsOf(file, `SELECT * FROM hazard_event ORDER BY id`);
    const byId = new Map(copied.map((h) => [Number(h.id), h]));
    for (const h of hazardsBefore) expect(byId.get(Number(h.id))?.code).toBe(h.code);
    const eventIds = new Set(copiedEvents.map((e) => Number(e.id)));
    for (const e of eventsBefore) expect(eventIds.has(Number(e.id))).toBe(true);
    for (const h of copied) expect(copiedEvents.some((e) => Number(e.hazard_id) === Number(h.id))).toBe(true);
    expect(rowsOf(file, `PRAGMA integrity_check`)[0].integrity_check).toBe('ok');

    // Restore refuses while the bot has the database open.
    const busy = await cli('restore', [file], env);
    expect(busy.code).toBe(1);
    expect(busy.out).toContain('请先停止');

    stop = true;
    await load;
    expect(accepted).toBeGreaterThan(hazardsBefore.length);
    bot.term();
    expect(await bot.exited).toBe(0);
    await world.ds.destroy();

    const restored = await cli('restore', [file], env);
    expect(restored.out).toContain('已恢复');
    expect(restored.code).toBe(0);
    expect(readdirSync(resolve(dbFile, '..')).some((f) => f.includes('.before-restore-'))).toBe(true);
    expect(rowsOf(dbFile, `SELECT * FROM hazard ORDER BY id`)).toEqual(copied);
    expect(rowsOf(dbFile, `SELECT * FROM hazard_event ORDER BY id`)).toEqual(copiedEvents);

    // The bot starts on the restored database.
    const again = await spawnMain(env);
    expect(await (await fetch(`${again.base}/healthz`)).json()).toEqual({ status: 'ok', db: 'ok' });
    again.term();
    await again.exited;
    world.ds = await openDataSource(world.url, { migrate: false });
  }, 180_000);

  it('refuses a file that is not a bot database, or one from a newer version, and changes nothing', async () => {
    const env = { DATABASE_URL: world.url };
    const other = join(dir, 'other.sqlite');
    const db = new Sqlite(other);
    db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)`);
    db.close();
    if (world.ds.isInitialized) await world.ds.destroy();
    const before = rowsOf(world.url.slice('sqlite:'.length), `SELECT COUNT(*) AS n FROM hazard`)[0].n;
    const notOurs = await cli('restore', [other], env);
    expect(notOurs.code).toBe(1);
    expect(notOurs.out).toContain('不是本机器人的数据库');

    const newer = join(dir, 'newer.sqlite');
    copyFileSync(world.url.slice('sqlite:'.length), newer);
    const n = new Sqlite(newer);
    n.prepare(`INSERT INTO migrations (timestamp, name) VALUES (1999999999999, 'FromTheFuture1999999999999')`).run();
    n.close();
    const future = await cli('restore', [newer], env);
    expect(future.code).toBe(1);
    expect(future.out).toContain('来自更新的版本');
    expect((await cli('restore', [join(dir, 'missing.sqlite')], env)).out).toContain('找不到文件');
    expect(rowsOf(world.url.slice('sqlite:'.length), `SELECT COUNT(*) AS n FROM hazard`)[0].n).toBe(before);
    world.ds = await openDataSource(world.url, { migrate: false });
  });

  it('the daily backup writes one file a day and keeps BACKUP_KEEP of them', () => {
    const daily = join(dir, 'daily');
    const source = world.url.slice('sqlite:'.length);
    for (const day of ['2025-11-01', '2025-11-02', '2025-11-03', '2025-11-04']) expect(dailyBackup(source, daily, day, 3)?.hazards).toBeGreaterThan(0);
    expect(dailyBackup(source, daily, '2025-11-04', 3)).toBeNull();
    expect(readdirSync(daily).sort()).toEqual(['bot-2025-11-02.sqlite', 'bot-2025-11-03.sqlite', 'bot-2025-11-04.sqlite']);
    expect(existsSync(join(daily, '.bot-2025-11-04.sqlite.partial'))).toBe(false);
  });
});

/** What README tells MySQL users to run: mysqldump --single-transaction while the bot writes, restore with mysql. */
describe.skipIf(!mysql)('MariaDB: mysqldump --single-transaction under write load, restored into a new database', () => {
  const world = useChildWorld(mysql!, { prefix: 'md', schools: 2, teachersPerSchool: 1, replyDelayMs: 0 });
  const shell = (cmd: string) => new Promise<{ code: number | null; out: string }>((res) => {
    const p = spawn('sh', ['-c', cmd], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.once('exit', (code) => res({ code, out }));
  });

  it('has every hazard and event that existed when the dump began, and the bot starts on it', async () => {
    const env = { ...botEnv(world.fake.url), DATABASE_URL: world.url };
    const bot = await spawnMain(env);
    let stop = false;
    const load = Promise.all(world.chatIds.map(async (chat, i) => {
      for (let n = 0; !stop; n++) {
        const r = dingtalkReport(world.fake.url, chat, `md-t-${i + 1}-1`, `/隐患 ${n}号教室的插座外壳破损了`);
        await fetch(`${bot.base}/webhooks/dingtalk`, { method: 'POST', headers: signedDingtalkHeaders(), body: r.body });
      }
    }));
    while (Number((await world.ds.query(`SELECT COUNT(*) AS n FROM hazard`))[0].n) < 10) await new Promise((r) => setTimeout(r, 100));
    const hazardsBefore: any[] = await world.ds.query(`SELECT id, code FROM hazard ORDER BY id`);
    const eventsBefore: any[] = await world.ds.query(`SELECT id FROM hazard_event ORDER BY id`);
    const u = new URL(world.url);
    const db = u.pathname.slice(1);
    const file = join(dir, 'dump.sql');
    const dump = await shell(`mysqldump --single-transaction --routines -h${u.hostname} -P${u.port || 3306} -u${u.username} ${db} > ${file}`);
    expect(dump.out).toBe('');
    expect(dump.code).toBe(0);
    stop = true;
    await load;
    bot.term();
    await bot.exited;

    const restoredUrl = await mysql!.create();
    const restoredDb = new URL(restoredUrl).pathname.slice(1);
    expect((await shell(`mysql -h${u.hostname} -P${u.port || 3306} -u${u.username} ${restoredDb} < ${file}`)).code).toBe(0);
    const ds = await openDataSource(restoredUrl, { migrate: false });
    try {
      const hazards = new Map((await ds.query(`SELECT id, code FROM hazard`)).map((h: any) => [Number(h.id), h.code]));
      for (const h of hazardsBefore) expect(hazards.get(Number(h.id))).toBe(h.code);
      const events = new Set((await ds.query(`SELECT id FROM hazard_event`)).map((e: any) => Number(e.id)));
      for (const e of eventsBefore) expect(events.has(Number(e.id))).toBe(true);
      const [{ n: orphans }] = await ds.query(`SELECT COUNT(*) AS n FROM hazard h WHERE NOT EXISTS (SELECT 1 FROM hazard_event e WHERE e.hazard_id = h.id)`);
      expect(Number(orphans)).toBe(0);
    } finally {
      await ds.destroy();
    }
    const again = await spawnMain({ ...env, DATABASE_URL: restoredUrl });
    expect(await (await fetch(`${again.base}/healthz`)).json()).toEqual({ status: 'ok', db: 'ok' });
    again.term();
    await again.exited;
    await mysql!.drop(restoredUrl);
  }, 180_000);
});
