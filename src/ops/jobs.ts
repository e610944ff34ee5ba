import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../log/logger';
import type { SchedulerJob } from '../scheduler/scheduler';
import { dialectOf } from '../db/data-source';
import { shanghaiParts } from '../services/time';
import { dailyBackup, sqlitePath } from './backup';
import { pruneOld } from './retention';

const pad = (n: number) => String(n).padStart(2, '0');

/** Retention once an hour (minute 23), in small batches with pauses; idempotent, so every instance may run it. */
export function retentionJob(ds: DataSource, config: Config, log: Logger): SchedulerJob {
  return {
    name: 'retention',
    run: async (now) => {
      if (shanghaiParts(new Date(now)).minute !== 23) return 0;
      const pruned = await pruneOld(ds, now, config.RETENTION_DAYS, { batch: 500, pauseMs: 20 });
      if (pruned.inbound || pruned.outbox) log.info({ ...pruned, days: config.RETENTION_DAYS }, 'retention: cleared old payloads');
      return 0;
    },
  };
}

/**
 * With BACKUP_DIR set, the SQLite database is copied to BACKUP_DIR/bot-<date>.sqlite once a day in the BACKUP_HOUR
 * (Asia/Shanghai), keeping BACKUP_KEEP files. The file's existence is the once-a-day claim (one host holds SQLite).
 */
export function backupJob(config: Config, log: Logger): SchedulerJob | null {
  if (!config.BACKUP_DIR) return null;
  if (dialectOf(config.DATABASE_URL) !== 'sqlite') {
    log.warn('BACKUP_DIR is set but DATABASE_URL is MySQL: back it up with mysqldump --single-transaction (README)');
    return null;
  }
  const source = sqlitePath(config.DATABASE_URL);
  return {
    name: 'backup',
    run: async (now) => {
      const p = shanghaiParts(new Date(now));
      if (p.hour !== config.BACKUP_HOUR) return 0;
      const info = dailyBackup(source, config.BACKUP_DIR!, `${p.year}-${pad(p.month)}-${pad(p.day)}`, config.BACKUP_KEEP);
      if (info) log.info({ file: info.file, bytes: info.bytes, hazards: info.hazards }, 'daily backup written');
      return 0;
    },
  };
}
