// The calendar lives in the `deadline` table so city admins can change it in chat or by YAML import without a
// release; every reader (scheduler, /提醒, /已报送, the CLI) loads it from there, never from QUANZHOU_CALENDAR.
import type { Db } from '../../db/repositories/base';
import { deadlines } from '../../db/repositories/deadline.repository';
import type { DeadlineRow } from '../../../entities/deadline.entity';
import { audit } from '../audit';
import type { Deadline, DeadlineCovers, DeadlineKind, Duty } from './calendar';

/** The calendar's view of a row: no id or stamps, a plan year always, no last year for a standing duty. */
function toDeadline(r: DeadlineRow): Deadline {
  const d: Deadline = {
    key: r.key, monthDay: r.monthDay, firstYear: r.firstYear, planYear: r.planYear ?? r.firstYear, kind: r.kind as DeadlineKind,
    tracked: r.tracked, escalates: r.escalates, alias: r.alias, aliases: r.aliases, covers: r.covers as DeadlineCovers, title: r.title,
    due: r.due, duties: r.duties as Duty[],
  };
  if (r.lastYear !== null && r.lastYear !== undefined) d.lastYear = r.lastYear;
  return d;
}

/** The whole calendar, in date order (a handful of rows: read it whenever needed rather than caching across instances). */
export async function loadCalendar(db: Db): Promise<Deadline[]> {
  return (await deadlines(db).calendar()).map(toDeadline);
}

async function insert(db: Db, d: Deadline, now: number, by: string): Promise<void> {
  await deadlines(db).insert({
    key: d.key, monthDay: d.monthDay, firstYear: d.firstYear, lastYear: d.lastYear ?? null, planYear: d.planYear, kind: d.kind, tracked: d.tracked,
    escalates: d.escalates, alias: d.alias, aliases: d.aliases, covers: d.covers, title: d.title, due: d.due, duties: d.duties,
    createdAt: now, updatedAt: now, updatedBy: by,
  });
}

/** Adds one deadline (the caller checked the key is free); audited. */
export async function addDeadline(db: Db, d: Deadline, actor: string, now: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    await insert(tx, d, now, actor);
    await audit(tx, { at: now, actor, action: 'deadline.add', target: `deadline:${d.key}`, detail: d });
  });
}

/** Deletes one deadline; the audit row keeps it whole so it can be restored. Filings stay as history. */
export async function deleteDeadline(db: Db, d: Deadline, actor: string, now: number): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const gone = await deadlines(tx).deleteByKey(d.key);
    if (gone) await audit(tx, { at: now, actor, action: 'deadline.delete', target: `deadline:${d.key}`, detail: d });
    return gone;
  });
}

/** Replaces the calendar with an imported file, all or nothing. */
export async function replaceCalendar(db: Db, calendar: readonly Deadline[], actor: string, now: number): Promise<{ added: string[]; removed: string[]; kept: string[] }> {
  return inTransaction(db, async (tx) => {
    const before = new Set((await loadCalendar(tx)).map((d) => d.key));
    await deadlines(tx).deleteAll();
    for (const d of calendar) await insert(tx, d, now, actor);
    const after = new Set(calendar.map((d) => d.key));
    const result = {
      added: [...after].filter((k) => !before.has(k)),
      removed: [...before].filter((k) => !after.has(k)),
      kept: [...after].filter((k) => before.has(k)),
    };
    await audit(tx, { at: now, actor, action: 'deadline.import', target: 'deadline:*', detail: result });
    return result;
  });
}

/** Runs `fn` in a transaction, or in the caller's when `db` is already an EntityManager inside one. */
export async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  if ((db as { queryRunner?: { isTransactionActive?: boolean } }).queryRunner?.isTransactionActive) return fn(db);
  return db.transaction((em) => fn(em));
}
