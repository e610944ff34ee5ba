import { In } from 'typeorm';
import { HazardEntity, type Hazard } from '../../../entities/hazard.entity';
import { HazardEventEntity, type HazardEvent } from '../../../entities/hazard-event.entity';
import { MemberEntity } from '../../../entities/member.entity';
import { SupervisionEntity, type Supervision } from '../../../entities/supervision.entity';
import { UnitEntity } from '../../../entities/unit.entity';
import { Room, type Db } from './base';

/** Which hazards a ledger covers: the units' hazards found in [from, to). */
export interface LedgerScope {
  unitIds: readonly number[];
  from: number;
  to: number;
}

/** A unit as a ledger row names it: the school and, when it sits under one, its district. */
export interface LedgerUnit {
  name: string;
  district: string | null;
}

/** One cell of the 汇总 sheet: hazards of a unit with one colour and one state. */
export interface LedgerCount {
  unitId: number;
  risk: Hazard['risk'];
  status: Hazard['status'];
  n: number;
}

/** Events that make up rectification attempts: each 整改 and the 验收 that followed it. */
export const ATTEMPT_ACTIONS = ['rectify', 'verify_pass', 'verify_fail'] as const;

/** The hazard columns a ledger row shows (the rest of the entity is left unread: a third less to read and hydrate). */
export const LEDGER_FIELDS = [
  'id', 'code', 'unitId', 'origin', 'createdAt', 'reporterName', 'location', 'area', 'itemCode', 'risk', 'major', 'majorSuspected', 'description',
  'interimMeasures', 'measures', 'responsibleName', 'deadlineAt', 'status', 'rejectReason', 'rectifiedAt', 'verifiedById', 'verifyNote', 'closedAt',
] as const satisfies readonly (keyof Hazard)[];
export type LedgerHazard = Pick<Hazard, (typeof LEDGER_FIELDS)[number]>;

/** Above this many units (a district, the city) a page walks the primary key instead of the unit index. */
const MANY_UNITS = 20;

/**
 * The 隐患台账 room: what a ledger export and the quarterly figures proposed from the ledger read from hazards, their
 * events and supervision.
 * Pages are keyset pages on the id (the ledger's order, that of 编号), so a city ledger of 300k hazards is read in
 * constant memory and each page costs the same however deep into the ledger it is.
 */
export class LedgerRepository extends Room {
  /**
   * The next `limit` hazards of the scope after id `after`, in id order, with the ledger's columns. For many units the walk follows the primary
   * key: the unary plus keeps SQLite from the unit and created_at indexes (which would sort every remaining row again
   * for each page) and USE INDEX does the same on MySQL; a school's few rows come from its unit index.
   */
  async page(scope: LedgerScope, after: number, limit: number): Promise<LedgerHazard[]> {
    if (!scope.unitIds.length) return [];
    const many = scope.unitIds.length > MANY_UNITS;
    const qb = this.qb(HazardEntity, 'h').select([]);
    for (const f of LEDGER_FIELDS) qb.addSelect(`h.${f}`, f);
    qb.where('h.id > :after', { after })
      .andWhere(many ? '+h.unit_id IN (:...units)' : 'h.unitId IN (:...units)', { units: [...scope.unitIds] })
      .andWhere(many ? '+h.created_at >= :from AND +h.created_at < :to' : 'h.createdAt >= :from AND h.createdAt < :to', { from: scope.from, to: scope.to })
      .orderBy('h.id', 'ASC')
      .limit(limit);
    if (many) qb.useIndex('PRIMARY');
    // Rows aliased by property name and passed through the entity's own column transformers: TypeORM's generic
    // hydrator (getMany) cost as much again as reading the rows, which at 300k hazards is the export's largest part.
    const rows: Record<string, unknown>[] = await qb.getRawMany();
    const from = this.transformers();
    for (const row of rows) for (const [f, t] of from) row[f] = t(row[f]);
    return rows as unknown as LedgerHazard[];
  }

  private transformers(): [string, (v: unknown) => unknown][] {
    const meta = this.em.connection.getMetadata(HazardEntity);
    const out: [string, (v: unknown) => unknown][] = [];
    for (const f of LEDGER_FIELDS) {
      const t = meta.findColumnWithPropertyName(f)?.transformer;
      const list = (Array.isArray(t) ? t : t ? [t] : []).slice().reverse();
      if (list.length) out.push([f, (v) => list.reduce((x, tr) => tr.from(x), v)]);
    }
    return out;
  }

  /** Every hazard of the scope, page by page (the pages are read one after the other, as the caller consumes them). */
  async *pages(scope: LedgerScope, size: number): AsyncGenerator<LedgerHazard[]> {
    for (let after = 0; ; ) {
      const page = await this.page(scope, after, size);
      if (page.length) yield page;
      if (page.length < size) return;
      after = page[page.length - 1].id;
    }
  }

  /** Hazards by id (in id order), for a second pass over some of the ledger's rows. */
  byIds(ids: readonly number[]): Promise<Hazard[]> {
    return ids.length ? this.qb(HazardEntity, 'h').where('h.id IN (:...ids)', { ids: [...ids] }).orderBy('h.id', 'ASC').getMany() : Promise.resolve([]);
  }

  /** 整改 and 验收 events of these hazards, per hazard in the order they happened. */
  async attemptEvents(hazardIds: readonly number[]): Promise<Map<number, HazardEvent[]>> {
    const out = new Map<number, HazardEvent[]>();
    if (!hazardIds.length) return out;
    // The query builder's one spread parameter, not find's In(): that builds a condition object per id (2,000 a page).
    const events = await this.qb(HazardEventEntity, 'e')
      .where('e.hazardId IN (:...ids)', { ids: [...hazardIds] })
      .andWhere('e.action IN (:...actions)', { actions: [...ATTEMPT_ACTIONS] })
      .orderBy('e.hazardId', 'ASC')
      .addOrderBy('e.at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
    for (const e of events) {
      const list = out.get(e.hazardId);
      if (list) list.push(e);
      else out.set(e.hazardId, [e]);
    }
    return out;
  }

  /** The 挂牌督办 (with its 五落实) of those of these hazards that have one. */
  async supervisions(hazardIds: readonly number[]): Promise<Map<number, Supervision>> {
    if (!hazardIds.length) return new Map();
    const rows = await this.qb(SupervisionEntity, 's').where('s.hazardId IN (:...ids)', { ids: [...hazardIds] }).getMany();
    return new Map(rows.map((s) => [s.hazardId, s]));
  }

  /** Member id → name (the 验收人 of closed items). */
  async memberNames(ids: readonly number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await this.repo(MemberEntity).find({ select: { id: true, name: true }, where: { id: In([...ids]) } });
    return new Map(rows.map((m) => [m.id, m.name]));
  }

  /** Each unit's name and that of its district (a 市属 school sits under the city: no district). */
  async units(unitIds: readonly number[]): Promise<Map<number, LedgerUnit>> {
    if (!unitIds.length) return new Map();
    const repo = this.repo(UnitEntity);
    const units = await repo.find({ select: { id: true, name: true, parentId: true }, where: { id: In([...unitIds]) } });
    const parentIds = [...new Set(units.map((u) => u.parentId).filter((p): p is number => p !== null))];
    const districts = parentIds.length ? await repo.find({ select: { id: true, name: true }, where: { id: In(parentIds), kind: 'district' } }) : [];
    const district = new Map(districts.map((d) => [d.id, d.name]));
    return new Map(units.map((u) => [u.id, { name: u.name, district: (u.parentId !== null && district.get(u.parentId)) || null }]));
  }

  /** The 汇总 sheet's counts: hazards of the scope by unit × colour × state, in one GROUP BY. */
  async counts(scope: LedgerScope): Promise<LedgerCount[]> {
    if (!scope.unitIds.length) return [];
    const rows = await this.qb(HazardEntity, 'h')
      .select('h.unitId', 'unitId')
      .addSelect('h.risk', 'risk')
      .addSelect('h.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('h.unitId IN (:...units)', { units: [...scope.unitIds] })
      .andWhere('h.createdAt >= :from AND h.createdAt < :to', { from: scope.from, to: scope.to })
      .groupBy('h.unitId')
      .addGroupBy('h.risk')
      .addGroupBy('h.status')
      .getRawMany();
    return rows.map((r) => ({ unitId: Number(r.unitId), risk: r.risk, status: r.status, n: Number(r.n) }));
  }

  /**
   * Hazards of these units recorded in [from, end) and, of those, closed (验收通过、销号) before `end`; rejected reports
   * are not hazards. One pass: COUNT with a conditional SUM.
   */
  async foundAndClosed(unitIds: readonly number[], from: number, end: number): Promise<{ found: number; closed: number }> {
    if (!unitIds.length) return { found: 0, closed: 0 };
    const row = await this.qb(HazardEntity, 'h')
      .select('COUNT(*)', 'found')
      .addSelect(`SUM(CASE WHEN h.status = 'closed' AND h.closedAt < :end THEN 1 ELSE 0 END)`, 'closed')
      .where('h.unitId IN (:...units)', { units: [...unitIds] })
      .andWhere(`h.status <> 'rejected'`)
      .andWhere('h.createdAt >= :from AND h.createdAt < :end', { from, end })
      .getRawOne();
    return { found: Number(row?.found ?? 0), closed: Number(row?.closed ?? 0) };
  }

  /** Hazards of these units still open at `end` (recorded before it, not closed by then), per unit and colour. */
  async openAt(unitIds: readonly number[], end: number): Promise<{ unitId: number; risk: Hazard['risk']; n: number }[]> {
    if (!unitIds.length) return [];
    const rows = await this.qb(HazardEntity, 'h')
      .select('h.unitId', 'unitId')
      .addSelect('h.risk', 'risk')
      .addSelect('COUNT(*)', 'n')
      .where('h.unitId IN (:...units)', { units: [...unitIds] })
      .andWhere(`h.status <> 'rejected'`)
      .andWhere('h.createdAt < :end', { end })
      .andWhere('(h.closedAt IS NULL OR h.closedAt >= :end)', { end })
      .groupBy('h.unitId')
      .addGroupBy('h.risk')
      .getRawMany();
    return rows.map((r) => ({ unitId: Number(r.unitId), risk: r.risk, n: Number(r.n) }));
  }

  /** 挂牌督办 opened in [from, end) on these units' hazards (rejected ones aside), with when hazard and 督办 closed. */
  async supervisionsOpened(unitIds: readonly number[], from: number, end: number): Promise<{ unitId: number; closedAt: number | null; supervisionClosedAt: number | null }[]> {
    if (!unitIds.length) return [];
    const rows = await this.qb(SupervisionEntity, 's')
      .innerJoin('Hazard', 'h', 'h.id = s.hazardId')
      .select('h.unitId', 'unitId')
      .addSelect('h.closedAt', 'closedAt')
      .addSelect('s.closedAt', 'supervisionClosedAt')
      .where('h.unitId IN (:...units)', { units: [...unitIds] })
      .andWhere(`h.status <> 'rejected'`)
      .andWhere('s.openedAt >= :from AND s.openedAt < :end', { from, end })
      .getRawMany();
    const ms = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return rows.map((r) => ({ unitId: Number(r.unitId), closedAt: ms(r.closedAt), supervisionClosedAt: ms(r.supervisionClosedAt) }));
  }
}

export const ledger = (db: Db) => new LedgerRepository(db);
