import 'dotenv/config';
import { readConfig } from '../src/config';
import { BackupError, restoreSqlite, sqlitePath } from '../src/ops/backup';

/**
 * `npm run restore -- <file>` (bot stopped): checks the file is an intact bot database of a known schema version,
 * keeps the current database beside it as `<name>.before-restore-<time>`, and puts the backup in its place. Pending
 * migrations run at the next start.
 */
const file = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!file) {
  console.error('用法：npm run restore -- <备份文件>（先停止机器人）');
  process.exit(2);
}
try {
  const target = sqlitePath(readConfig(process.env).DATABASE_URL);
  const { info, previous } = restoreSqlite(file, target);
  console.log(`已恢复 ${info.file} → ${target}（${info.hazards} 条隐患，${info.events} 条处理记录，迁移 ${info.migrations.at(-1)}）`);
  if (previous) console.log(`原数据库已保留为 ${previous}`);
  console.log('现在可以启动机器人（npm start 或 systemctl start campus-safety-bot），启动时会补齐新版本的迁移。');
} catch (err) {
  if (!(err instanceof BackupError)) throw err;
  console.error(`恢复失败：${err.message}`);
  process.exit(1);
}
