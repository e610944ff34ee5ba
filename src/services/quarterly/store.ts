// Storage of quarterly figures. A submission row per (unit, quarter) carries the lock (status) and a version that
// every write bumps, so "validate, then lock" cannot lock values someone changed in between.
import type { DataSource } from 'typeorm';
import type { Db } from '../../db/repositories/base';
import { quarterly } from '../../db/repositories/quarterly.repository';
import type { QuarterlySubmission, SubmissionStatus } from '../../../entities/quarterly-submission.entity';
import { audit } from '../audit';
import { UserError } from '../errors';
import type { Quarter } from './period';

export type { SubmissionStatus };
export type Submission = QuarterlySubmission;

export interface Actor {
  /** "wecom:zhangsan", "cli" … */
  by: string;
  name: string;
}

export type ValueSource = 'chat' | 'proposal' | 'zero-fill';

/** Values are kept as integer hundredths: exact for 万元 with two decimals and for whole counts. */
export const toCents = (v: number): number => Math.round(v * 100);
export const fromCents = (c: unknown): number => Number(c) / 100;

export async function getSubmission(db: Db, unitId: number, quarter: Quarter): Promise<Submission | null> {
  return quarterly(db).submission(unitId, quarter);
}

/** The unit's record for the quarter, created as a draft on first use (a keyed insert, so two writers make one). */
export async function ensureSubmission(db: Db, unitId: number, quarter: Quarter, now: number): Promise<Submission> {
  return quarterly(db).ensureSubmission(unitId, quarter, now);
}

/** Every submission of these units for the quarter, by unit id. */
export async function submissionsOf(db: Db, unitIds: readonly number[], quarter: Quarter): Promise<Map<number, Submission>> {
  return new Map((await quarterly(db).submissionsOf(unitIds, quarter)).map((s) => [s.unitId, s]));
}

/** Cell values of several submissions, by submission id. */
export async function valuesOf(db: Db, submissionIds: readonly number[]): Promise<Map<number, Map<string, number>>> {
  const out = new Map<number, Map<string, number>>(submissionIds.map((id) => [id, new Map()]));
  for (const v of await quarterly(db).valuesOf(submissionIds)) out.get(v.submissionId)!.set(v.cell, fromCents(v.valueCents));
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
    const q = quarterly(em);
    if (!(await q.bumpDraft(w.submission.id, w.now))) throw new LockedError('locked');
    const current = await loadValues(em, w.submission.id);
    const merged = new Map([...current, ...w.values]);
    const problems = w.check(merged);
    if (problems.length) throw new RejectedValuesError(problems);
    const changes: Change[] = [];
    for (const [cell, value] of w.values) {
      const old = current.get(cell);
      if (old !== undefined && toCents(old) === toCents(value)) continue;
      const set = { valueCents: toCents(value), updatedBy: w.actor.by.slice(0, 191), updatedAt: w.now };
      if (old === undefined) await q.insertValue({ submissionId: w.submission.id, cell, ...set });
      else await q.updateValue(w.submission.id, cell, set);
      await q.addHistory({
        submissionId: w.submission.id, cell, oldCents: old === undefined ? null : toCents(old), newCents: toCents(value), actor: w.actor.by.slice(0, 191),
        actorName: w.actor.name.slice(0, 100), source: w.source, sourceMsg: w.sourceMsg?.slice(0, 191) ?? null, at: w.now,
      });
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
    if (!(await quarterly(em).lock(s.id, s.version, actor.by.slice(0, 191), actor.name.slice(0, 100), now))) return false;
    await audit(em, { at: now, actor: actor.by, unitId: s.unitId, action: 'quarterly.submit', target: `quarterly:${s.quarter}` });
    await after(em);
    return true;
  });
}

/** Back to draft; the filing mark is undone in the same transaction by `after`. */
export async function unlockSubmission(ds: DataSource, s: Submission, actor: Actor, now: number, after: (tx: Db) => Promise<void>): Promise<boolean> {
  return ds.transaction(async (em) => {
    if (!(await quarterly(em).unlock(s.id, actor.by.slice(0, 191), actor.name.slice(0, 100), now))) return false;
    await audit(em, { at: now, actor: actor.by, unitId: s.unitId, action: 'quarterly.withdraw', target: `quarterly:${s.quarter}` });
    await after(em);
    return true;
  });
}
