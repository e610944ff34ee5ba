import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { HazardEntity, type Hazard, type HazardStatus } from '../../../entities/hazard.entity';
import { HazardEventEntity, type HazardEvent } from '../../../entities/hazard-event.entity';
import { HazardPhotoEntity, type HazardPhoto } from '../../../entities/hazard-photo.entity';
import { SupervisionEntity, type Supervision } from '../../../entities/supervision.entity';
import { CombinedJudgementEntity, type CombinedJudgement } from '../../../entities/combined-judgement.entity';
import { Room, type Db, Statement } from './base';

const OPEN: HazardStatus[] = ['pending', 'rectifying', 'verifying'];
/** OPEN as named parameters, for the Statements below (a Statement takes no list parameter). */
const OPEN_VALUES = { pending: 'pending', rectifying: 'rectifying', verifying: 'verifying' } as const;
const OPEN_IN = 'IN (:pending, :rectifying, :verifying)';
/** The sourceMsg of a 综合判定 filing. */
const COMBINED_LIKE = 'combined:%';

// The report path's statements, built once (Statement in base.ts): the code set after the insert, the duplicate
// candidates, and 综合判定's counts and open judgements. Their list lengths and limits are the same on every report
// (the combined rules' items and codes, DUPLICATE_CANDIDATES), so one Statement per length.
const SET_CODE = new Statement<{ id: number; code: string }>(['id', 'code'], (em) =>
  em.createQueryBuilder().update(HazardEntity).set({ code: () => ':code' }).where('id = :id'),
);

function perSize<S>(make: (n: number) => S): (n: number) => S {
  const made = new Map<number, S>();
  return (n) => {
    let st = made.get(n);
    if (!st) made.set(n, (st = make(n)));
    return st;
  };
}

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const listValues = (prefix: string, list: readonly unknown[]) => Object.fromEntries(list.map((v, i) => [`${prefix}${i}`, v]));

type Values = Record<string, unknown>;

const candidates = perSize((limit) => new Statement<Values>(['unitId', 'area', 'since', ...Object.keys(OPEN_VALUES)], (em) =>
  em.getRepository(HazardEntity).createQueryBuilder('h').select('h.id', 'id').addSelect('h.area', 'area').addSelect('h.itemCode', 'itemCode')
    .addSelect('h.description', 'description').addSelect('h.location', 'location')
    .where('h.unitId = :unitId AND h.area = :area').andWhere(`h.status ${OPEN_IN}`).andWhere('h.createdAt > :since')
    .orderBy('h.createdAt', 'DESC').limit(limit),
));

/** Open, non-major, non-emergency findings of a unit under n items, not 综合判定 filings (see `findings` below). */
const findingWhere = (qb: SelectQueryBuilder<Hazard>, n: number) => qb
  .where('h.unitId = :unitId')
  .andWhere(`h.itemCode IN (${names(':item', n).join(', ')})`)
  .andWhere(`h.status ${OPEN_IN}`)
  .andWhere('h.major = 0').andWhere('h.emergency IS NULL')
  .andWhere(new Brackets((b) => b.where('h.sourceMsg IS NULL').orWhere('h.sourceMsg NOT LIKE :combined')));

const findingCounts = perSize((n) => new Statement<Values>(['unitId', 'combined', ...names('item', n), ...Object.keys(OPEN_VALUES)], (em) =>
  findingWhere(em.getRepository(HazardEntity).createQueryBuilder('h'), n).select('h.itemCode', 'item').addSelect('COUNT(*)', 'n').groupBy('h.itemCode'),
));

const judgementsByKey = perSize((n) => new Statement<Values>(names('key', n), (em) =>
  em.getRepository(CombinedJudgementEntity).createQueryBuilder('j').where(`j.openKey IN (${names(':key', n).join(', ')})`),
));

/** What a list filter narrows the open items to (see services/hazards/queries.ts). */
export type OpenListFilter = { kind: 'all' } | { kind: 'overdue'; now: number } | { kind: 'verifying' } | { kind: 'major' } | { kind: 'risk'; risk: Hazard['risk'] };

/** 五落实 fields of a 挂牌督办 record. */
export type SupervisionFields = Partial<Pick<Supervision, 'measures' | 'owner' | 'funds' | 'timeLimit' | 'plan'>>;

/** The hazard a picture goes to: the sender's latest report, or the hazard of their latest /整改. */
export interface PhotoTarget {
  id: number;
  code: string;
  unitId: number;
  at: number;
}

/**
 * The hazard ledger as one aggregate: hazards with their events, photos, 挂牌督办 record and the 综合判定 raised
 * from them. State changes are guarded (`version` / `status` in the WHERE, `.affected` checked by the caller).
 */
export class HazardRepository extends Room {
  private get hazards() {
    return this.repo(HazardEntity);
  }

  byId(id: number): Promise<Hazard | null> {
    return this.oneBy(HazardEntity, { id });
  }

  byCode(code: string): Promise<Hazard | null> {
    return this.hazards.findOneBy({ code });
  }

  bySourceMsg(sourceMsg: string): Promise<Hazard | null> {
    return this.oneBy(HazardEntity, { sourceMsg });
  }

  /** Inserts a new hazard (its code is set from the id afterwards, see setCode) and returns the id. */
  async insert(row: Omit<Hazard, 'id'>): Promise<number> {
    return this.insertRow(HazardEntity, row);
  }

  async setCode(id: number, code: string): Promise<void> {
    await SET_CODE.run(this.db, { id, code });
  }

  /**
   * The guarded state change: applies only to the version that was read and bumps it, so of two people acting at
   * once exactly one wins. Returns the rows changed (1 or 0).
   */
  guardedUpdate(id: number, version: number, set: Partial<Hazard>): Promise<number> {
    const qb = this.em.createQueryBuilder().update(HazardEntity)
      .set({ ...set, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version });
    return this.affected(qb);
  }

  async setInterimMeasures(id: number, text: string, now: number): Promise<void> {
    await this.hazards.update({ id }, { interimMeasures: text, updatedAt: now });
  }

  /** The open items of these units under a filter, most urgent first: major, colour red → blue, deadline, id. */
  async openList(unitIds: number[], filter: OpenListFilter, page: number, pageSize: number): Promise<{ rows: Hazard[]; total: number }> {
    if (!unitIds.length) return { rows: [], total: 0 };
    const where = (qb: SelectQueryBuilder<Hazard>) => {
      qb.where('h.unitId IN (:...unitIds)', { unitIds }).andWhere('h.status IN (:...open)', { open: OPEN });
      if (filter.kind === 'overdue') qb.andWhere('h.status IN (:...late)', { late: ['pending', 'rectifying'] }).andWhere('h.deadlineAt < :now', { now: filter.now });
      else if (filter.kind === 'verifying') qb.andWhere('h.status = :verifying', { verifying: 'verifying' });
      else if (filter.kind === 'major') qb.andWhere('h.major = 1');
      else if (filter.kind === 'risk') qb.andWhere('h.risk = :risk', { risk: filter.risk });
      return qb;
    };
    const total = await where(this.qb(HazardEntity, 'h')).getCount();
    const rows = await where(this.qb(HazardEntity, 'h'))
      .addSelect(`CASE h.risk WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END`, 'risk_rank')
      .orderBy('h.major', 'DESC').addOrderBy('risk_rank', 'ASC').addOrderBy('h.deadlineAt', 'ASC').addOrderBy('h.id', 'ASC')
      .limit(pageSize).offset((page - 1) * pageSize)
      .getMany();
    return { rows, total };
  }

  async reportedBy(memberId: number, limit: number): Promise<{ rows: Hazard[]; total: number }> {
    const total = await this.hazards.countBy({ reporterId: memberId });
    const rows = await this.hazards.find({ where: { reporterId: memberId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
    return { rows, total };
  }

  /** Up to `limit` items of these units in one state, the most recently changed first. */
  inStatus(status: HazardStatus, unitIds: number[], limit: number): Promise<Hazard[]> {
    if (!unitIds.length) return Promise.resolve([]);
    return this.qb(HazardEntity, 'h').where('h.status = :status', { status }).andWhere('h.unitId IN (:...unitIds)', { unitIds })
      .orderBy('h.updatedAt', 'DESC').addOrderBy('h.id', 'DESC').limit(limit).getMany();
  }

  /**
   * Open items of a unit and area reported since `since`, newest first, at most `limit`: the candidates a new report
   * is compared with. An ordered read of ix_hazard_dup (unit_id, area, created_at): it stops after `limit` rows,
   * however many open items the school has. Only the columns the comparison reads (the caller loads the winner).
   */
  async duplicateCandidates(unitId: number, area: string, since: number, limit: number): Promise<Pick<Hazard, 'id' | 'area' | 'itemCode' | 'description' | 'location'>[]> {
    // Raw rows of five text columns, not entities: up to `limit` rows on every report, and entity hydration of a
    // hundred rows cost more than the query.
    const { rows } = await candidates(limit).run(this.db, { unitId, area, since, ...OPEN_VALUES });
    return rows.map((r) => ({ id: Number(r.id), area: r.area, itemCode: r.itemCode, description: r.description, location: r.location }));
  }

  /** Open, non-major, non-emergency findings of a unit under these items (not 综合判定 filings), by id, at most `limit`. */
  openFindings(unitId: number, items: readonly string[], limit: number): Promise<Hazard[]> {
    if (!items.length) return Promise.resolve([]);
    return this.findings(unitId, items).orderBy('h.id', 'ASC').limit(limit).getMany();
  }

  /** How many such findings the unit has per item: one read of the index alone (ix_hazard_unit_item_open, migration 0018) for every rule at once. */
  async openFindingCounts(unitId: number, items: readonly string[]): Promise<Map<string, number>> {
    if (!items.length) return new Map();
    const { rows } = await findingCounts(items.length).run(this.db, { unitId, combined: COMBINED_LIKE, ...listValues('item', items), ...OPEN_VALUES });
    return new Map(rows.map((r: { item: string; n: string | number }) => [r.item, Number(r.n)]));
  }

  private findings(unitId: number, items: readonly string[]) {
    return findingWhere(this.qb(HazardEntity, 'h'), items.length).setParameters({ unitId, combined: COMBINED_LIKE, ...listValues('item', items), ...OPEN_VALUES });
  }

  /** Every item 待确认 or 整改中 past its deadline, the longest overdue first (the daily overdue round). */
  overdue(now: number): Promise<Hazard[]> {
    return this.qb(HazardEntity, 'h').where('h.status IN (:...late)', { late: ['pending', 'rectifying'] }).andWhere('h.deadlineAt < :now', { now })
      .orderBy('h.deadlineAt', 'ASC').getMany();
  }

  /** The sender's latest report since `since` (in one group, or anywhere when groupId is null). */
  async latestReportBy(memberId: number, groupId: number | null, since: number): Promise<PhotoTarget | null> {
    const qb = this.qb(HazardEntity, 'h').select(['h.id', 'h.code', 'h.unitId', 'h.createdAt'])
      .where('h.reporterId = :memberId', { memberId }).andWhere('h.createdAt >= :since', { since });
    if (groupId !== null) qb.andWhere('h.groupId = :groupId', { groupId });
    const h = await qb.orderBy('h.createdAt', 'DESC').limit(1).getOne();
    return h ? { id: h.id, code: h.code, unitId: h.unitId, at: h.createdAt } : null;
  }

  /** The hazard of the sender's latest /整改 since `since` (in one group, or anywhere when groupId is null). */
  async latestRectifyBy(memberId: number, groupId: number | null, since: number): Promise<PhotoTarget | null> {
    const qb = this.em.createQueryBuilder().from(HazardEventEntity, 'e').innerJoin(HazardEntity.options.name, 'h', 'h.id = e.hazardId')
      .select('h.id', 'id').addSelect('h.code', 'code').addSelect('h.unitId', 'unitId').addSelect('e.at', 'at')
      .where('e.actorId = :memberId', { memberId }).andWhere('e.action = :action', { action: 'rectify' }).andWhere('e.at >= :since', { since });
    if (groupId !== null) qb.andWhere('h.groupId = :groupId', { groupId });
    const r = await qb.orderBy('e.at', 'DESC').limit(1).getRawOne();
    return r ? { id: Number(r.id), code: r.code, unitId: Number(r.unitId), at: Number(r.at) } : null;
  }

  // --- events -------------------------------------------------------------------------------------------------

  async addEvent(e: Omit<HazardEvent, 'id'>): Promise<void> {
    await this.insertRow(HazardEventEntity, e);
  }

  async eventExists(sourceMsg: string): Promise<boolean> {
    return (await this.repo(HazardEventEntity).countBy({ sourceMsg })) > 0;
  }

  events(hazardId: number): Promise<HazardEvent[]> {
    return this.repo(HazardEventEntity).find({ where: { hazardId }, order: { at: 'ASC', id: 'ASC' } });
  }

  // --- photos -------------------------------------------------------------------------------------------------

  photoCount(hazardId: number): Promise<number> {
    return this.repo(HazardPhotoEntity).countBy({ hazardId });
  }

  async photoExists(sourceMsg: string): Promise<boolean> {
    return (await this.repo(HazardPhotoEntity).countBy({ sourceMsg })) > 0;
  }

  /** Attaches a picture once per source key (unique source_msg); true when this call attached it. */
  attachPhoto(p: Omit<HazardPhoto, 'id'>): Promise<boolean> {
    return this.insertIgnore(HazardPhotoEntity, p);
  }

  async movePhotos(fromHazardId: number, toHazardId: number): Promise<void> {
    await this.repo(HazardPhotoEntity).update({ hazardId: fromHazardId }, { hazardId: toHazardId });
  }

  // --- 挂牌督办 -----------------------------------------------------------------------------------------------

  supervision(hazardId: number): Promise<Supervision | null> {
    return this.repo(SupervisionEntity).findOneBy({ hazardId });
  }

  /** Opens the record once per hazard (unique hazard_id). */
  async openSupervision(hazardId: number, now: number): Promise<void> {
    await this.insertIgnore(SupervisionEntity, { hazardId, openedAt: now, updatedAt: now, measures: null, owner: null, funds: null, timeLimit: null, plan: null, closedAt: null });
  }

  async updateSupervision(hazardId: number, fields: SupervisionFields, now: number): Promise<void> {
    await this.repo(SupervisionEntity).update({ hazardId }, { ...fields, updatedAt: now });
  }

  async closeSupervision(hazardId: number, now: number): Promise<void> {
    await this.repo(SupervisionEntity).update({ hazardId }, { closedAt: now });
  }

  // --- 综合判定 -----------------------------------------------------------------------------------------------

  openJudgement(openKey: string): Promise<CombinedJudgement | null> {
    return this.repo(CombinedJudgementEntity).findOneBy({ openKey });
  }

  /** The open judgements among these keys (one read for all of a unit's rules). */
  async openJudgements(openKeys: string[]): Promise<Map<string, CombinedJudgement>> {
    if (!openKeys.length) return new Map();
    const rows = await judgementsByKey(openKeys.length).entities<CombinedJudgement>(this.db, listValues('key', openKeys), CombinedJudgementEntity, 'j');
    return new Map(rows.map((j) => [j.openKey!, j]));
  }

  /** Closes the open judgement, guarded on it still holding the key. */
  closeJudgement(id: number, openKey: string, now: number): Promise<number> {
    const qb = this.em.createQueryBuilder().update(CombinedJudgementEntity).set({ openKey: null, closedAt: now })
      .where('id = :id AND open_key = :openKey', { id, openKey });
    return this.affected(qb);
  }

  /**
   * The claim on a unit and rule: an insert on the unique open_key. Returns the new id, or null when another
   * processor holds the key.
   */
  async claimJudgement(row: Pick<CombinedJudgement, 'unitId' | 'ruleCode' | 'openKey' | 'findings' | 'openedAt'>): Promise<number | null> {
    try {
      const res = await this.repo(CombinedJudgementEntity).insert({ ...row, hazardId: null, closedAt: null });
      return Number(res.identifiers[0].id);
    } catch (err) {
      if (row.openKey && (await this.openJudgement(row.openKey))) return null;
      throw err;
    }
  }

  async setJudgementHazard(id: number, hazardId: number): Promise<void> {
    await this.repo(CombinedJudgementEntity).update({ id }, { hazardId });
  }
}

export const hazards = (db: Db) => new HazardRepository(db);
