// The calendar lives in the `deadline` table so city admins can change it in chat or by YAML import without a
// release; every reader (scheduler, /提醒, /已报送, the CLI) loads it from there, never from QUANZHOU_CALENDAR.
import type { Db } from '../../db/repositories/base';
import { exec } from '../../db/sql';
import { audit } from '../audit';
import type { Deadline, DeadlineCovers, DeadlineKind, Duty } from './calendar';

/** Column values of one `deadline` row as migration 0003 created the table (0003 calls this: keep it to those columns). */
export function deadlineRow(d: Deadline, now: number, by: string): Record<string, unknown> {
  return {
    deadline_key: d.key, month_day: d.monthDay, first_year: d.firstYear, last_year: d.lastYear ?? null, kind: d.kind,
    tracked: d.tracked ? 1 : 0, alias: d.alias, aliases: JSON.stringify(d.aliases), covers: d.covers, title: d.title, due: d.due,
    duties: JSON.stringify(d.duties), created_at: now, updated_at: now, updated_by: by,
  };
}

/** The columns migration 0010 added: the plan year and whether late filers are reported upwards. */
export function deadlineYearColumns(d: Deadline): Record<string, unknown> {
  return { plan_year: d.planYear, escalates: d.escalates ? 1 : 0 };
}

function fromRow(r: any): Deadline {
  const d: Deadline = {
    key: r.deadline_key, monthDay: r.month_day, firstYear: Number(r.first_year), planYear: Number(r.plan_year ?? r.first_year),
    kind: r.kind as DeadlineKind, tracked: Number(r.tracked) === 1, escalates: Number(r.escalates ?? 1) === 1,
    alias: r.alias, aliases: JSON.parse(r.aliases) as string[], covers: r.covers as DeadlineCovers, title: r.title, due: r.due,
    duties: JSON.parse(r.duties) as Duty[],
  };
  if (r.last_year !== null && r.last_year !== undefined) d.lastYear = Number(r.last_year);
  return d;
}

async function query(db: Db, sql: string, params: unknown[] = []): Promise<any[]> {
  return db.query(sql, params);
}

/** The whole calendar, in date order (a handful of rows: read it whenever needed rather than caching across instances). */
export async function loadCalendar(db: Db): Promise<Deadline[]> {
  const rows = await query(db, `SELECT * FROM deadline ORDER BY month_day, deadline_key`);
  return rows.map(fromRow);
}

async function insert(db: Db, d: Deadline, now: number, by: string): Promise<void> {
  const row = { ...deadlineRow(d, now, by), ...deadlineYearColumns(d) };
  const cols = Object.keys(row);
  await exec(db, `INSERT INTO deadline (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => row[c]));
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
    const { affected } = await exec(tx, `DELETE FROM deadline WHERE deadline_key = ?`, [d.key]);
    if (affected > 0) await audit(tx, { at: now, actor, action: 'deadline.delete', target: `deadline:${d.key}`, detail: d });
    return affected > 0;
  });
}

/** Replaces the calendar with an imported file, all or nothing. */
export async function replaceCalendar(db: Db, calendar: readonly Deadline[], actor: string, now: number): Promise<{ added: string[]; removed: string[]; kept: string[] }> {
  return inTransaction(db, async (tx) => {
    const before = new Set((await loadCalendar(tx)).map((d) => d.key));
    await exec(tx, `DELETE FROM deadline`);
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
