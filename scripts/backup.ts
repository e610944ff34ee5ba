import 'dotenv/config';
import { readConfig } from '../src/config';
import { BackupError, backupSqlite, sqlitePath } from '../src/ops/backup';

/**
 * `npm run backup -- <file>`: a consistent copy of the SQLite database, safe while the bot runs.
 * Exit 0 with a one-line summary, 1 with a Chinese reason.
 */
const dest = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!dest) {
  console.error('用法：npm run backup -- <备份文件>，例如 npm run backup -- /var/backups/campus-safety-bot/bot-2025-11-30.sqlite');
  process.exit(2);
}
try {
  const info = backupSqlite(sqlitePath(readConfig(process.env).DATABASE_URL), dest);
  console.log(`已备份到 ${info.file}（${(info.bytes / 1048576).toFixed(1)} MB，${info.hazards} 条隐患，${info.events} 条处理记录，迁移 ${info.migrations.at(-1)}）`);
} catch (err) {
  if (!(err instanceof BackupError)) throw err;
  console.error(`备份失败：${err.message}`);
  process.exit(1);
}
