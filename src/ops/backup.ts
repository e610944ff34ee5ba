import { copyFileSync, existsSync, mkdirSync, openSync, readSync, closeSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { dialectOf } from '../db/data-source';
import { MIGRATIONS } from '../db/migrations';
import { SqliteFile } from '../db/sqlite-file';

/**
 * Online backup and offline restore of the embedded SQLite database. The copy is `VACUUM INTO` on its own
 * connection: one read transaction, so the file is a consistent snapshot of one instant, and in WAL mode the bot's
 * writers are never blocked while it runs. MySQL/MariaDB are backed up with `mysqldump --single-transaction`.
 */

/** Tables a bot database always has; a file without them is not one. */
const CORE_TABLES = ['migrations', 'unit', 'hazard', 'hazard_event', 'inbound_message', 'outbox_message'];

export class BackupError extends Error {}

export function sqlitePath(databaseUrl: string): string {
  if (dialectOf(databaseUrl) !== 'sqlite') {
    throw new BackupError('DATABASE_URL 是 MySQL：请用 mysqldump --single-transaction --routines <库名> > 备份.sql 备份（见 README「备份」）');
  }
  const file = databaseUrl.slice('sqlite:'.length);
  if (file === ':memory:') throw new BackupError('内存数据库无法备份');
  return resolve(file);
}

export interface BackupInfo {
  file: string;
  bytes: number;
  migrations: string[];
  hazards: number;
  events: number;
}

/** Copies the live database to `dest` (written beside it, then renamed, so `dest` is never a half file). */
export function backupSqlite(source: string, dest: string): BackupInfo {
  if (!existsSync(source)) throw new BackupError(`找不到数据库文件 ${source}`);
  const target = resolve(dest);
  if (existsSync(target)) throw new BackupError(`${target} 已存在：请换一个文件名`);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.partial`);
  rmSync(tmp, { force: true });
  const db = new SqliteFile(source);
  try {
    db.pragma('busy_timeout = 10000');
    db.vacuumInto(tmp);
  } finally {
    db.close();
  }
  const info = inspectBotDatabase(tmp);
  renameSync(tmp, target);
  return { ...info, file: target };
}

function isSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    closeSync(fd);
  }
}

/** Checks that `file` is an intact bot database of a schema this version knows; throws BackupError saying why not. */
export function inspectBotDatabase(file: string): BackupInfo {
  if (!existsSync(file)) throw new BackupError(`找不到文件 ${file}`);
  if (!isSqliteFile(file)) throw new BackupError(`${file} 不是 SQLite 数据库文件`);
  const db = new SqliteFile(file, { readonly: true });
  try {
    const tables = db.tables();
    const missing = CORE_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new BackupError(`${file} 不是本机器人的数据库（缺少表 ${missing.join('、')}）`);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${file} 已损坏（quick_check: ${String(check).slice(0, 200)}）`);
    const migrations = db.migrations();
    const known = new Set(MIGRATIONS.map((m) => m.name));
    const unknown = migrations.filter((m) => !known.has(m));
    if (unknown.length) throw new BackupError(`${file} 来自更新的版本（未知迁移 ${unknown.join('、')}）：请先把程序升级到该版本再恢复`);
    if (!migrations.length) throw new BackupError(`${file} 没有任何迁移记录，不是有效的机器人数据库`);
    return { file, bytes: statSync(file).size, migrations, hazards: db.count('hazard'), events: db.count('hazard_event') };
  } finally {
    db.close();
  }
}

/**
 * True when another process has the database open. The bot keeps it in WAL mode; leaving WAL needs the only
 * connection, so a refusal (SQLITE_BUSY) means the bot is still running.
 */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new SqliteFile(file);
  try {
    db.pragma('busy_timeout = 0');
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    return mode !== 'delete';
  } catch (err: any) {
    if (String(err?.code).startsWith('SQLITE_BUSY') || String(err?.code).startsWith('SQLITE_LOCKED')) return true;
    throw err;
  } finally {
    db.close();
  }
}

/** Replaces the (stopped) bot's database with a checked backup; the previous file is kept beside it. */
export function restoreSqlite(backup: string, target: string, now = new Date()): { info: BackupInfo; previous: string | null } {
  const info = inspectBotDatabase(resolve(backup));
  if (databaseInUse(target)) throw new BackupError('机器人仍在使用该数据库：请先停止它（例如 systemctl stop campus-safety-bot），再恢复');
  mkdirSync(dirname(target), { recursive: true });
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, previous);
  }
  for (const side of ['-wal', '-shm', '-journal']) rmSync(target + side, { force: true });
  const tmp = `${target}.restoring`;
  copyFileSync(resolve(backup), tmp);
  renameSync(tmp, target);
  return { info, previous };
}

/** `bot-YYYY-MM-DD.sqlite` in `dir` for the day, and the older ones beyond `keep` removed. Returns null if today's exists. */
export function dailyBackup(source: string, dir: string, day: string, keep: number): BackupInfo | null {
  const file = join(resolve(dir), `bot-${day}.sqlite`);
  if (existsSync(file)) return null;
  const info = backupSqlite(source, file);
  const old = readdirSync(dir).filter((f) => /^bot-\d{4}-\d{2}-\d{2}\.sqlite$/.test(f)).sort().reverse().slice(keep);
  for (const f of old) rmSync(join(dir, f), { force: true });
  return info;
}
