import type { Db } from '../db/repositories/base';
import { audits } from '../db/repositories/audit.repository';

/** Appends one line to the audit log; the product never updates or deletes these rows. */
export async function audit(
  db: Db,
  e: { at: number; actor: string; unitId?: number | null; action: string; target?: string | null; detail?: unknown },
): Promise<void> {
  await audits(db).append({
    at: e.at, actor: e.actor.slice(0, 191), unitId: e.unitId ?? null, action: e.action, target: e.target?.slice(0, 191) ?? null, detail: e.detail === undefined ? null : JSON.stringify(e.detail),
  });
}
