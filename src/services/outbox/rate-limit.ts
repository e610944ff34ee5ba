import type { DataSource } from 'typeorm';
import { robotRates } from '../../db/repositories/rate.repository';

export const PER_MINUTE = 20;
const WINDOW_MS = 60_000;

/**
 * A sliding 60 s window per robot kept in the database, so several instances share it: the row holds the last
 * 20 send times and a version; a slot is taken with a compare-and-set on the version. A robot the platform has
 * locked out (see blockRobot) has no slot until the block ends.
 * Returns 0 when a slot was taken, otherwise the epoch ms when one frees up.
 */
export async function takeSlot(ds: DataSource, robotKey: string, now: number): Promise<number> {
  const rates = robotRates(ds);
  await rates.ensure(robotKey);
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = (await rates.find(robotKey))!;
    const blocked = row.blockedUntil ?? 0;
    if (blocked > now) return blocked;
    const sends: number[] = JSON.parse(row.sends).filter((t: number) => t > now - WINDOW_MS);
    if (sends.length >= PER_MINUTE) return Math.min(...sends) + WINDOW_MS;
    sends.push(now);
    if (await rates.compareAndSet(robotKey, row.version, JSON.stringify(sends))) return 0;
  }
  return now + 1000;
}

/** The platform said "too fast" and blocks this robot until `until` (DingTalk: 10 minutes): nobody sends before. */
export async function blockRobot(ds: DataSource, robotKey: string, until: number): Promise<void> {
  const rates = robotRates(ds);
  await rates.ensure(robotKey);
  await rates.blockUntil(robotKey, until);
}
