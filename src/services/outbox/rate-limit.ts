import type { DataSource } from 'typeorm';
import { exec, insertIgnore } from '../../db/sql';

export const PER_MINUTE = 20;
const WINDOW_MS = 60_000;

/**
 * A sliding 60 s window per robot kept in the database, so several instances share it: the row holds the last
 * 20 send times and a version; a slot is taken with a compare-and-set on the version. A robot the platform has
 * locked out (see blockRobot) has no slot until the block ends.
 * Returns 0 when a slot was taken, otherwise the epoch ms when one frees up.
 */
export async function takeSlot(ds: DataSource, robotKey: string, now: number): Promise<number> {
  await insertIgnore(ds, 'robot_rate', { robot_key: robotKey, sends: '[]', version: 0 });
  for (let attempt = 0; attempt < 20; attempt++) {
    const rows = await ds.query(`SELECT sends, version, blocked_until FROM robot_rate WHERE robot_key = ?`, [robotKey]);
    const blocked = rows[0].blocked_until === null ? 0 : Number(rows[0].blocked_until);
    if (blocked > now) return blocked;
    const sends: number[] = JSON.parse(rows[0].sends).filter((t: number) => t > now - WINDOW_MS);
    const version = Number(rows[0].version);
    if (sends.length >= PER_MINUTE) return Math.min(...sends) + WINDOW_MS;
    sends.push(now);
    const { affected } = await exec(ds, `UPDATE robot_rate SET sends = ?, version = ? WHERE robot_key = ? AND version = ?`, [
      JSON.stringify(sends), version + 1, robotKey, version,
    ]);
    if (affected === 1) return 0;
  }
  return now + 1000;
}

/** The platform said "too fast" and blocks this robot until `until` (DingTalk: 10 minutes): nobody sends before. */
export async function blockRobot(ds: DataSource, robotKey: string, until: number): Promise<void> {
  await insertIgnore(ds, 'robot_rate', { robot_key: robotKey, sends: '[]', version: 0 });
  await exec(ds, `UPDATE robot_rate SET blocked_until = ?, version = version + 1 WHERE robot_key = ? AND (blocked_until IS NULL OR blocked_until < ?)`, [until, robotKey, until]);
}
