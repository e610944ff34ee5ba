// Who has filed what. One row per (unit, deadline, occurrence); an undo sets undone_at instead of deleting, so
// "filed, undone, filed again" stays visible in the audit log and the unique key keeps concurrent /已报送 single.
import type { Db } from '../../db/repositories/base';
import { exec, insertIgnore } from '../../db/sql';
import type { DayKey } from '../time';
import { audit } from '../audit';
import { inTransaction } from './store';

export interface FilingInput {
  unitId: number;
  deadlineKey: string;
  /** Due day of the occurrence (YYYY-MM-DD), as resolveFiling or occurrenceIn gives it. */
  occurrence: DayKey;
  /** Who: "wecom:zhangsan", "quarterly:<submission id>"… */
  by: string;
  now: number;
}

export interface FilingState {
  filedAt: number;
  filedBy: string;
}

/**
 * Records that a unit has filed one occurrence (from `/已报送`, or from the quarterly figures once submitted).
 * Idempotent: a second call changes nothing and writes no audit row. Pass the caller's EntityManager to make it
 * part of the caller's transaction.
 */
export async function markFiled(db: Db, input: FilingInput): Promise<{ changed: boolean; filing: FilingState }> {
  const { unitId, deadlineKey, occurrence, by, now } = input;
  return inTransaction(db, async (tx) => {
    let changed = await insertIgnore(tx, 'filing', {
      unit_id: unitId, deadline_key: deadlineKey, occurrence, filed_by: by.slice(0, 191), filed_at: now, undone_at: null, undone_by: null,
    });
    if (!changed) {
      const res = await exec(tx, `UPDATE filing SET filed_by = ?, filed_at = ?, undone_at = NULL, undone_by = NULL
        WHERE unit_id = ? AND deadline_key = ? AND occurrence = ? AND undone_at IS NOT NULL`, [by.slice(0, 191), now, unitId, deadlineKey, occurrence]);
      changed = res.affected > 0;
    }
    if (changed) await audit(tx, { at: now, actor: by, unitId, action: 'filing.mark', target: `filing:${deadlineKey}:${occurrence}` });
    const filing = await filingOf(tx, unitId, deadlineKey, occurrence);
    return { changed, filing: filing ?? { filedAt: now, filedBy: by } };
  });
}

/** `/撤销报送`: the unit is back among those who owe. Idempotent like markFiled. */
export async function undoFiling(db: Db, input: FilingInput): Promise<{ changed: boolean }> {
  const { unitId, deadlineKey, occurrence, by, now } = input;
  return inTransaction(db, async (tx) => {
    const { affected } = await exec(tx, `UPDATE filing SET undone_at = ?, undone_by = ?
      WHERE unit_id = ? AND deadline_key = ? AND occurrence = ? AND undone_at IS NULL`, [now, by.slice(0, 191), unitId, deadlineKey, occurrence]);
    if (affected > 0) await audit(tx, { at: now, actor: by, unitId, action: 'filing.undo', target: `filing:${deadlineKey}:${occurrence}` });
    return { changed: affected > 0 };
  });
}

export async function filingOf(db: Db, unitId: number, deadlineKey: string, occurrence: DayKey): Promise<FilingState | null> {
  const rows: any[] = await db.query(
    `SELECT filed_at, filed_by FROM filing WHERE unit_id = ? AND deadline_key = ? AND occurrence = ? AND undone_at IS NULL`,
    [unitId, deadlineKey, occurrence],
  );
  return rows[0] ? { filedAt: Number(rows[0].filed_at), filedBy: rows[0].filed_by } : null;
}

/** Units with a standing filing for one occurrence. */
export async function filedUnitIds(db: Db, deadlineKey: string, occurrence: DayKey): Promise<Set<number>> {
  const rows: any[] = await db.query(`SELECT unit_id FROM filing WHERE deadline_key = ? AND occurrence = ? AND undone_at IS NULL`, [deadlineKey, occurrence]);
  return new Set(rows.map((r) => Number(r.unit_id)));
}

/** Every standing filing of a set of units, keyed "deadlineKey|occurrence|unitId". */
export async function filingsOfUnits(db: Db, unitIds: number[]): Promise<Map<string, FilingState>> {
  const out = new Map<string, FilingState>();
  for (let i = 0; i < unitIds.length; i += 500) {
    const ids = unitIds.slice(i, i + 500);
    if (!ids.length) break;
    const rows: any[] = await db.query(
      `SELECT unit_id, deadline_key, occurrence, filed_at, filed_by FROM filing WHERE undone_at IS NULL AND unit_id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    for (const r of rows) out.set(`${r.deadline_key}|${r.occurrence}|${r.unit_id}`, { filedAt: Number(r.filed_at), filedBy: r.filed_by });
  }
  return out;
}
