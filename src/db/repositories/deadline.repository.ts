import { In, IsNull, Not } from 'typeorm';
import { DeadlineEntity, type DeadlineRow } from '../../../entities/deadline.entity';
import { FilingEntity, type Filing } from '../../../entities/filing.entity';
import { OutboxMessageEntity } from '../../../entities/outbox-message.entity';
import { Room, type Db } from './base';

const CHUNK = 500;

/**
 * The deadline calendar (a handful of rows a city admin edits) and the filings against its occurrences: one row per
 * (unit, deadline, occurrence), an undo sets undone_at, so the unique key keeps concurrent /已报送 single.
 */
export class DeadlineRepository extends Room {
  /** The whole calendar in date order. */
  calendar(): Promise<DeadlineRow[]> {
    return this.repo(DeadlineEntity).find({ order: { monthDay: 'ASC', key: 'ASC' } });
  }

  async insert(d: Omit<DeadlineRow, 'id'>): Promise<void> {
    await this.em.createQueryBuilder().insert().into(DeadlineEntity).values(d).execute();
  }

  /** True when a row went. */
  async deleteByKey(key: string): Promise<boolean> {
    return (await this.affected(this.em.createQueryBuilder().delete().from(DeadlineEntity).where({ key }))) > 0;
  }

  async deleteAll(): Promise<void> {
    await this.em.createQueryBuilder().delete().from(DeadlineEntity).execute();
  }

  /** The claim: true when this call inserted the filing (false: a row exists, standing or undone). */
  claimFiling(f: Omit<Filing, 'id'>): Promise<boolean> {
    return this.insertIgnore(FilingEntity, f);
  }

  /** Files an undone filing again; true when one was undone (so this call changed it). */
  async refile(unitId: number, deadlineKey: string, occurrence: string, filedBy: string, filedAt: number): Promise<boolean> {
    const qb = this.em.createQueryBuilder().update(FilingEntity)
      .set({ filedBy, filedAt, undoneAt: null, undoneBy: null })
      .where({ unitId, deadlineKey, occurrence, undoneAt: Not(IsNull()) });
    return (await this.affected(qb)) > 0;
  }

  /** Undoes a standing filing; true when one stood (so this call changed it). */
  async undo(unitId: number, deadlineKey: string, occurrence: string, undoneBy: string, undoneAt: number): Promise<boolean> {
    const qb = this.em.createQueryBuilder().update(FilingEntity)
      .set({ undoneAt, undoneBy })
      .where({ unitId, deadlineKey, occurrence, undoneAt: IsNull() });
    return (await this.affected(qb)) > 0;
  }

  standing(unitId: number, deadlineKey: string, occurrence: string): Promise<Filing | null> {
    return this.repo(FilingEntity).findOneBy({ unitId, deadlineKey, occurrence, undoneAt: IsNull() });
  }

  async standingUnitIds(deadlineKey: string, occurrence: string): Promise<number[]> {
    const rows = await this.repo(FilingEntity).find({ select: { unitId: true }, where: { deadlineKey, occurrence, undoneAt: IsNull() } });
    return rows.map((r) => r.unitId);
  }

  /** Every standing filing of a set of units. */
  async standingOfUnits(unitIds: readonly number[]): Promise<Filing[]> {
    const out: Filing[] = [];
    for (let i = 0; i < unitIds.length; i += CHUNK) {
      out.push(...(await this.repo(FilingEntity).findBy({ undoneAt: IsNull(), unitId: In(unitIds.slice(i, i + CHUNK)) })));
    }
    return out;
  }

  /** Reminder messages in the outbox (dedupe keys 'rem:…') by status: the reminders CLI's report. */
  async reminderCounts(): Promise<{ status: string; n: number }[]> {
    const rows = await this.qb(OutboxMessageEntity, 'o').select('o.status', 'status').addSelect('COUNT(*)', 'n')
      .where('o.dedupeKey LIKE :prefix', { prefix: 'rem:%' }).groupBy('o.status').getRawMany();
    return rows.map((r) => ({ status: String(r.status), n: Number(r.n) }));
  }
}

export const deadlines = (db: Db) => new DeadlineRepository(db);
