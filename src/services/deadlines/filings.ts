// Who has filed what. One row per (unit, deadline, occurrence); an undo sets undone_at instead of deleting, so
// "filed, undone, filed again" stays visible in the audit log and the unique key keeps concurrent /已报送 single.
import type { Db } from '../../db/repositories/base';
import { deadlines } from '../../db/repositories/deadline.repository';
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
    const repo = deadlines(tx);
    let changed = await repo.claimFiling({ unitId, deadlineKey, occurrence, filedBy: by.slice(0, 191), filedAt: now, undoneAt: null, undoneBy: null });
    if (!changed) changed = await repo.refile(unitId, deadlineKey, occurrence, by.slice(0, 191), now);
    if (changed) await audit(tx, { at: now, actor: by, unitId, action: 'filing.mark', target: `filing:${deadlineKey}:${occurrence}` });
    const filing = await filingOf(tx, unitId, deadlineKey, occurrence);
    return { changed, filing: filing ?? { filedAt: now, filedBy: by } };
  });
}

/** `/撤销报送`: the unit is back among those who owe. Idempotent like markFiled. */
export async function undoFiling(db: Db, input: FilingInput): Promise<{ changed: boolean }> {
  const { unitId, deadlineKey, occurrence, by, now } = input;
  return inTransaction(db, async (tx) => {
    const changed = await deadlines(tx).undo(unitId, deadlineKey, occurrence, by.slice(0, 191), now);
    if (changed) await audit(tx, { at: now, actor: by, unitId, action: 'filing.undo', target: `filing:${deadlineKey}:${occurrence}` });
    return { changed };
  });
}

export async function filingOf(db: Db, unitId: number, deadlineKey: string, occurrence: DayKey): Promise<FilingState | null> {
  const f = await deadlines(db).standing(unitId, deadlineKey, occurrence);
  return f ? { filedAt: f.filedAt, filedBy: f.filedBy } : null;
}

/** Units with a standing filing for one occurrence. */
export async function filedUnitIds(db: Db, deadlineKey: string, occurrence: DayKey): Promise<Set<number>> {
  return new Set(await deadlines(db).standingUnitIds(deadlineKey, occurrence));
}

/** Every standing filing of a set of units, keyed "deadlineKey|occurrence|unitId". */
export async function filingsOfUnits(db: Db, unitIds: number[]): Promise<Map<string, FilingState>> {
  const out = new Map<string, FilingState>();
  for (const f of await deadlines(db).standingOfUnits(unitIds)) out.set(`${f.deadlineKey}|${f.occurrence}|${f.unitId}`, { filedAt: f.filedAt, filedBy: f.filedBy });
  return out;
}
