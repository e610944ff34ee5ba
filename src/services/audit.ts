import type { Db } from '../db/sql';
import { exec } from '../db/sql';

/** Appends one line to the audit log; the product never updates or deletes these rows. */
export async function audit(
  db: Db,
  e: { at: number; actor: string; unitId?: number | null; action: string; target?: string | null; detail?: unknown },
): Promise<void> {
  await exec(db, `INSERT INTO audit_log (at, actor, unit_id, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)`, [
    e.at, e.actor.slice(0, 191), e.unitId ?? null, e.action, e.target?.slice(0, 191) ?? null, e.detail === undefined ? null : JSON.stringify(e.detail),
  ]);
}
