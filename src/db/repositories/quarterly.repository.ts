import { In } from 'typeorm';
import { QuarterlySubmissionEntity, type QuarterlySubmission } from '../../../entities/quarterly-submission.entity';
import { QuarterlyValueEntity, type QuarterlyValue } from '../../../entities/quarterly-value.entity';
import { QuarterlyValueHistoryEntity, type QuarterlyValueHistory } from '../../../entities/quarterly-value-history.entity';
import { Room, type Db } from './base';

/** IN lists are read in chunks: a city has a few thousand schools, drivers cap the number of parameters. */
const CHUNK = 500;

/**
 * Quarterly figures: a submission per (unit, quarter) with its lock and version, its cell values and their
 * append-only history. Every write to a draft goes through `bumpDraft` first (the guard that takes the row lock).
 */
export class QuarterlyRepository extends Room {
  submission(unitId: number, quarter: string): Promise<QuarterlySubmission | null> {
    return this.repo(QuarterlySubmissionEntity).findOneBy({ unitId, quarter });
  }

  /** The unit's record for the quarter, created as a draft on first use (a keyed insert, so two writers make one). */
  async ensureSubmission(unitId: number, quarter: string, now: number): Promise<QuarterlySubmission> {
    await this.insertIgnore(QuarterlySubmissionEntity, { unitId, quarter, status: 'draft', version: 0, createdAt: now, updatedAt: now });
    return (await this.submission(unitId, quarter))!;
  }

  async submissionsOf(unitIds: readonly number[], quarter: string): Promise<QuarterlySubmission[]> {
    const out: QuarterlySubmission[] = [];
    for (let i = 0; i < unitIds.length; i += CHUNK) {
      out.push(...(await this.repo(QuarterlySubmissionEntity).findBy({ quarter, unitId: In(unitIds.slice(i, i + CHUNK)) })));
    }
    return out;
  }

  async valuesOf(submissionIds: readonly number[]): Promise<QuarterlyValue[]> {
    const out: QuarterlyValue[] = [];
    for (let i = 0; i < submissionIds.length; i += CHUNK) {
      out.push(...(await this.repo(QuarterlyValueEntity).findBy({ submissionId: In(submissionIds.slice(i, i + CHUNK)) })));
    }
    return out;
  }

  /** version + 1 on a draft only; false when the submission is locked. Takes the row lock before anything is read. */
  async bumpDraft(id: number, now: number): Promise<boolean> {
    const qb = this.em.createQueryBuilder().update(QuarterlySubmissionEntity)
      .set({ version: () => 'version + 1', updatedAt: now })
      .where({ id, status: 'draft' });
    return (await this.affected(qb)) === 1;
  }

  async insertValue(v: Omit<QuarterlyValue, 'id'>): Promise<void> {
    await this.em.createQueryBuilder().insert().into(QuarterlyValueEntity).values(v).execute();
  }

  async updateValue(submissionId: number, cell: string, set: Pick<QuarterlyValue, 'valueCents' | 'updatedBy' | 'updatedAt'>): Promise<void> {
    await this.repo(QuarterlyValueEntity).update({ submissionId, cell }, set);
  }

  async addHistory(h: Omit<QuarterlyValueHistory, 'id'>): Promise<void> {
    await this.em.createQueryBuilder().insert().into(QuarterlyValueHistoryEntity).values(h).execute();
  }

  /** Locks a draft whose version is still `version` (the one that was validated); exactly one caller wins. */
  async lock(id: number, version: number, by: string, byName: string, now: number): Promise<boolean> {
    const qb = this.em.createQueryBuilder().update(QuarterlySubmissionEntity)
      .set({ status: 'submitted', submittedBy: by, submittedByName: byName, submittedAt: now, version: () => 'version + 1', updatedAt: now })
      .where({ id, status: 'draft', version });
    return (await this.affected(qb)) === 1;
  }

  /** Back to draft from submitted; exactly one caller wins. */
  async unlock(id: number, by: string, byName: string, now: number): Promise<boolean> {
    const qb = this.em.createQueryBuilder().update(QuarterlySubmissionEntity)
      .set({ status: 'draft', withdrawnBy: by, withdrawnByName: byName, withdrawnAt: now, version: () => 'version + 1', updatedAt: now })
      .where({ id, status: 'submitted' });
    return (await this.affected(qb)) === 1;
  }
}

export const quarterly = (db: Db) => new QuarterlyRepository(db);
