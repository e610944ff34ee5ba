// Storage of quarterly figures. A submission row per (unit, quarter) carries the lock (status) and a version that
// every write bumps, so "validate, then lock" cannot lock values someone changed in between.
import type { DataSource } from 'typeorm';
import { exec, insertIgnore, type Db } from '../../db/sql';
import { audit } from '../audit';
import { UserError } from '../errors';
import type { Quarter } from './period';

export type SubmissionStatus = 'draft' | 'submitted';

export interface Submission {
  id: number;
  unitId: number;
  quarter: Quarter;
  status: SubmissionStatus;
  version: number;
  submittedBy: string | null;
  submittedByName: string | null;
  submittedAt: number | null;
  withdrawnByName: string | null;
  withdrawnAt: number | null;
}

export interface Actor {
  /** "wecom:zhangsan", "cli" … */
  by: string;
  name: string;
}

export type ValueSource = 'chat' | 'proposal' | 'zero-fill';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toSubmission(r: any): Submission {
  return {
    id: Number(r.id), unitId: Number(r.unit_id), quarter: r.quarter, status: r.status, version: Number(r.version),
    submittedBy: r.submitted_by ?? null, submittedByName: r.submitted_by_name ?? null, submittedAt: num(r.submitted_at),
    withdrawnByName: r.withdrawn_by_name ?? null, withdrawnAt: num(r.withdrawn_at),
  };
}

/** Values are kept as integer hundredths: exact for 万元 with two decimals and for whole counts. */
export const toCents = (v: number): number => Math.round(v * 100);
export const fromCents = (c: unknown): number => Number(c) / 100;

export async function getSubmission(db: Db, unitId: number, quarter: Quarter): Promise<Submission | null> {
  const rows: any[] = await db.query(`SELECT * FROM quarterly_submission WHERE unit_id = ? AND quarter = ?`, [unitId, quarter]);
  return rows[0] ? toSubmission(rows[0]) : null;
}

/** The unit's record for the quarter, created as a draft on first use (a keyed insert, so two writers make one). */
export async function ensureSubmission(db: Db, unitId: number, quarter: Quarter, now: number): Promise<Submission> {
  await insertIgnore(db, 'quarterly_submission', { unit_id: unitId, quarter, status: 'draft', version: 0, created_at: now, updated_at: now });
  return (await getSubmission(db, unitId, quarter))!;
}

/** Every submission of these units for the quarter, by unit id. */
export async function submissionsOf(db: Db, unitIds: readonly number[], quarter: Quarter): Promise<Map<number, Submission>> {
  const out = new Map<number, Submission>();
  for (let i = 0; i < unitIds.length; i += 500) {
    const ids = unitIds.slice(i, i + 500);
    const rows: any[] = await db.query(`SELECT * FROM quarterly_submission WHERE quarter = ? AND unit_id IN (${ids.map(() => '?').join(', ')})`, [quarter, ...ids]);
    for (const r of rows) out.set(Number(r.unit_id), toSubmission(r));
  }
  return out;
}

/** Cell values of several submissions, by submission id. */
export async function valuesOf(db: Db, submissionIds: readonly number[]): Promise<Map<number, Map<string, number>>> {
  const out = new Map<number, Map<string, number>>(submissionIds.map((id) => [id, new Map()]));
  for (let i = 0; i < submissionIds.length; i += 500) {
    const ids = submissionIds.slice(i, i + 500);
    const rows: any[] = await db.query(`SELECT submission_id, cell, value_cents FROM quarterly_value WHERE submission_id IN (${ids.map(() => '?').join(', ')})`, ids);
    for (const r of rows) out.get(Number(r.submission_id))!.set(r.cell, fromCents(r.value_cents));
  }
  return out;
}

export async function loadValues(db: Db, submissionId: number): Promise<Map<string, number>> {
  return (await valuesOf(db, [submissionId])).get(submissionId)!;
}

export interface Change {
  cell: string;
  old: number | undefined;
  value: number;
}

export interface WriteInput {
  submission: Submission;
  values: ReadonlyMap<string, number>;
  actor: Actor;
  source: ValueSource;
  sourceMsg?: string;
  now: number;
  /** Cross-checks on stored + new values, run inside the transaction; a message here rolls everything back. */
  check(merged: ReadonlyMap<string, number>): string[];
}

export class LockedError extends UserError {}
export class RejectedValuesError extends UserError {
  constructor(readonly problems: string[]) {
    super(problems.join('；'));
  }
}

/** Writes values of a draft with one history row per changed cell; all or nothing. */
export async function writeValues(ds: DataSource, w: WriteInput): Promise<Change[]> {
  return ds.transaction(async (em) => {
    // The guard comes first: it takes the row lock (MySQL) or the write lock (SQLite) before anything is read.
    const { affected } = await exec(em, `UPDATE quarterly_submission SET version = version + 1, updated_at = ? WHERE id = ? AND status = 'draft'`, [w.now, w.submission.id]);
    if (affected !== 1) throw new LockedError('locked');
    const current = await loadValues(em, w.submission.id);
    const merged = new Map([...current, ...w.values]);
    const problems = w.check(merged);
    if (problems.length) throw new RejectedValuesError(problems);
    const changes: Change[] = [];
    for (const [cell, value] of w.values) {
      const old = current.get(cell);
      if (old !== undefined && toCents(old) === toCents(value)) continue;
      if (old === undefined) {
        await exec(em, `INSERT INTO quarterly_value (submission_id, cell, value_cents, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)`, [w.submission.id, cell, toCents(value), w.actor.by.slice(0, 191), w.now]);
      } else {
        await exec(em, `UPDATE quarterly_value SET value_cents = ?, updated_by = ?, updated_at = ? WHERE submission_id = ? AND cell = ?`, [toCents(value), w.actor.by.slice(0, 191), w.now, w.submission.id, cell]);
      }
      await exec(em, `INSERT INTO quarterly_value_history (submission_id, cell, old_cents, new_cents, actor, actor_name, source, source_msg, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        w.submission.id, cell, old === undefined ? null : toCents(old), toCents(value), w.actor.by.slice(0, 191), w.actor.name.slice(0, 100), w.source, w.sourceMsg?.slice(0, 191) ?? null, w.now,
      ]);
      changes.push({ cell, old, value });
    }
    return changes;
  });
}

/**
 * Locks a draft whose version is still the one that was validated; `after` runs in the same transaction
 * (marking the deadline filed), so a submission and its filing stand or fall together.
 */
export async function lockSubmission(ds: DataSource, s: Submission, actor: Actor, now: number, after: (tx: Db) => Promise<void>): Promise<boolean> {
  return ds.transaction(async (em) => {
    const { affected } = await exec(em, `UPDATE quarterly_submission SET status = 'submitted', submitted_by = ?, submitted_by_name = ?, submitted_at = ?, version = version + 1, updated_at = ?
      WHERE id = ? AND status = 'draft' AND version = ?`, [actor.by.slice(0, 191), actor.name.slice(0, 100), now, now, s.id, s.version]);
    if (affected !== 1) return false;
    await audit(em, { at: now, actor: actor.by, unitId: s.unitId, action: 'quarterly.submit', target: `quarterly:${s.quarter}` });
    await after(em);
    return true;
  });
}

/** Back to draft; the filing mark is undone in the same transaction by `after`. */
export async function unlockSubmission(ds: DataSource, s: Submission, actor: Actor, now: number, after: (tx: Db) => Promise<void>): Promise<boolean> {
  return ds.transaction(async (em) => {
    const { affected } = await exec(em, `UPDATE quarterly_submission SET status = 'draft', withdrawn_by = ?, withdrawn_by_name = ?, withdrawn_at = ?, version = version + 1, updated_at = ?
      WHERE id = ? AND status = 'submitted'`, [actor.by.slice(0, 191), actor.name.slice(0, 100), now, now, s.id]);
    if (affected !== 1) return false;
    await audit(em, { at: now, actor: actor.by, unitId: s.unitId, action: 'quarterly.withdraw', target: `quarterly:${s.quarter}` });
    await after(em);
    return true;
  });
}
