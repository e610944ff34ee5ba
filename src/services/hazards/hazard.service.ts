import type { DataSource, EntityManager } from 'typeorm';
import type { Member } from '../../../entities/member.entity';
import type { Hazard, HazardStatus } from '../../../entities/hazard.entity';
import type { Supervision } from '../../../entities/supervision.entity';
import type { Db } from '../../db/repositories/base';
import { hazards, type SupervisionFields } from '../../db/repositories/hazard.repository';
import { UserError } from '../errors';
import { shanghaiParts } from '../time';
import { getItem } from '../checklist/catalogue';
import type { RiskColour } from '../checklist/types';
import { hazardCode, STATUS_LABEL, type HazardRow } from './hazard.types';

/** What the classifier tells the ledger; see src/services/classifier. */
export interface HazardClassification {
  area: string;
  item: string;
  risk: RiskColour;
  major: { flag: boolean; criterion?: string; citation?: string; suspected?: boolean };
  location?: string;
  confidence: number;
  source: 'llm' | 'local';
}

export interface ReportInput {
  unitId: number;
  groupId: number | null;
  reporter: Pick<Member, 'id' | 'name'> | null;
  reporterName: string;
  description: string;
  classification: HazardClassification;
  deadlineAt: number;
  responsible: Pick<Member, 'id' | 'name'> | null;
  sourceMsg: string;
  now: number;
  /** An incident in progress: filed 处置中 (no 待确认), marked with its emergency type. */
  emergency?: { type: string; title: string };
  /** The open hazard this report looks like a repeat of (see duplicates.ts). */
  duplicateOfId?: number | null;
  /** 来源; default 自查. */
  origin?: HazardOrigin;
  /** The caller has just read that sourceMsg filed nothing: the read is not repeated (the unique key still decides). */
  unfiled?: boolean;
}

/** Where a hazard came from, as the forms count them (自查, 内部报告) and inspectors ask (上级检查, 群众反映). */
export const HAZARD_ORIGINS = ['自查', '内部报告', '上级检查', '群众反映'] as const;
export type HazardOrigin = (typeof HAZARD_ORIGINS)[number];

export interface Actor {
  id: number | null;
  name: string;
}

export async function getHazardByCode(db: Db, code: string): Promise<HazardRow | null> {
  return hazards(db).byCode(code);
}

export async function getHazard(db: Db, id: number): Promise<HazardRow | null> {
  return hazards(db).byId(id);
}

/**
 * Records a report once per source message (a platform redelivery or a reprocessed message finds the first),
 * with its opening event and, for a 重大事故隐患, the 挂牌督办 record, in one transaction.
 */
export async function recordReport(ds: DataSource, r: ReportInput): Promise<{ hazard: HazardRow; created: boolean }> {
  if (!r.unfiled) {
    const existing = await hazards(ds).bySourceMsg(r.sourceMsg);
    if (existing) return { hazard: existing, created: false };
  }
  const c = r.classification;
  const status: HazardStatus = r.emergency ? 'rectifying' : 'pending';
  try {
    const hazard = await ds.transaction(async (em) => {
      const room = hazards(em);
      const row: Omit<Hazard, 'id'> = {
        code: `tmp-${r.sourceMsg}`.slice(0, 32), unitId: r.unitId, groupId: r.groupId, reporterId: r.reporter?.id ?? null, reporterName: r.reporterName.slice(0, 100),
        description: r.description, location: c.location?.slice(0, 200) ?? null, area: c.area, itemCode: c.item, risk: c.risk, major: c.major.flag,
        majorCriterion: c.major.criterion ?? null, majorSuspected: Boolean(c.major.suspected), classifierSource: c.source, status, deadlineAt: r.deadlineAt,
        responsibleId: r.responsible?.id ?? null, responsibleName: r.responsible?.name ?? null, measures: null, rectifiedById: null, rectifiedAt: null,
        verifiedById: null, verifiedAt: null, verifyNote: null, closedAt: null, rejectReason: null, sourceMsg: r.sourceMsg, emergency: r.emergency?.type ?? null,
        origin: r.origin ?? '自查', interimMeasures: null, version: 0, duplicateOfId: r.duplicateOfId ?? null, createdAt: r.now, updatedAt: r.now,
      };
      const hid = await room.insert(row);
      const code = hazardCode(shanghaiParts(new Date(r.now)).year, hid);
      await room.setCode(hid, code);
      const note = `${r.emergency ? `紧急：${r.emergency.title}；` : ''}${c.source === 'llm' ? '模型' : '本地'}分类 ${getItem(c.item)?.title ?? '未归类'}`;
      await addEvent(em, hid, r.now, { id: r.reporter?.id ?? null, name: r.reporterName }, 'report', null, status, note, null);
      if (c.major.flag) await openSupervision(em, hid, r.now);
      // The row as inserted (every column is given above, nothing is filled in by the database): not read back.
      return { ...row, id: hid, code };
    });
    return { hazard, created: true };
  } catch (err: any) {
    // Two processors of the same message: the unique source_msg lets exactly one insert win.
    const again = await hazards(ds).bySourceMsg(r.sourceMsg);
    if (again) return { hazard: again, created: false };
    throw err;
  }
}

export async function openSupervision(db: Db, hazardId: number, now: number): Promise<void> {
  await hazards(db).openSupervision(hazardId, now);
}

export async function addEvent(
  db: Db, hazardId: number, at: number, actor: Actor, action: string,
  from: HazardStatus | null, to: HazardStatus | null, note: string | null, sourceMsg: string | null,
): Promise<void> {
  await hazards(db).addEvent({ hazardId, at, actorId: actor.id, actorName: actor.name.slice(0, 100), action, fromStatus: from, toStatus: to, note, sourceMsg });
}

/** Fields a transition or edit may set besides the state (camelCase, as the entity names them). */
export type HazardChange = Partial<Omit<Hazard, 'id' | 'code' | 'version' | 'status' | 'updatedAt'>>;

export interface TransitionInput {
  hazard: HazardRow;
  expect: HazardStatus[];
  to: HazardStatus;
  set?: HazardChange;
  actor: Actor;
  action: string;
  note?: string | null;
  sourceMsg: string;
  now: number;
  /** Writes that must commit with the state change (e.g. closing the 挂牌督办 record). */
  alsoInTransaction?: (tx: EntityManager) => Promise<void>;
}

/**
 * One guarded state change: the UPDATE only applies to the version that was read, so of two people acting at
 * once exactly one succeeds; the other gets the current state. A reprocessed message finds its own event.
 */
export async function transition(ds: DataSource, t: TransitionInput): Promise<{ hazard: HazardRow; repeated: boolean }> {
  if (await hazards(ds).eventExists(t.sourceMsg)) return { hazard: (await getHazard(ds, t.hazard.id))!, repeated: true };
  if (!t.expect.includes(t.hazard.status)) {
    throw new UserError(`${t.hazard.code} 当前是「${STATUS_LABEL[t.hazard.status]}」，不能这样操作。发 /查询 ${t.hazard.code} 查看进度。`);
  }
  const set: Partial<Hazard> = { ...(t.set ?? {}), status: t.to, updatedAt: t.now };
  const changed = await ds.transaction(async (em) => {
    const affected = await hazards(em).guardedUpdate(t.hazard.id, t.hazard.version, set);
    if (affected !== 1) return false;
    await addEvent(em, t.hazard.id, t.now, t.actor, t.action, t.hazard.status, t.to, t.note ?? null, t.sourceMsg);
    await t.alsoInTransaction?.(em);
    return true;
  });
  const fresh = (await getHazard(ds, t.hazard.id))!;
  if (!changed) throw new UserError(`${t.hazard.code} 刚刚已被他人处理，当前状态：${STATUS_LABEL[fresh.status]}。发 /查询 ${t.hazard.code} 查看。`);
  return { hazard: fresh, repeated: false };
}

/** Field edits that do not move the state (assign, regrade) but still need the version guard and an event. */
export async function edit(ds: DataSource, t: Omit<TransitionInput, 'to' | 'expect'> & { expect: HazardStatus[] }): Promise<{ hazard: HazardRow; repeated: boolean }> {
  return transition(ds, { ...t, to: t.hazard.status });
}

/** 临时管控措施 of a red or major item, with its event, in one transaction. */
export async function setInterimMeasures(ds: DataSource, h: HazardRow, text: string, actor: Actor, now: number): Promise<void> {
  await ds.transaction(async (em) => {
    await hazards(em).setInterimMeasures(h.id, text.slice(0, 1000), now);
    await addEvent(em, h.id, now, actor, 'interim', null, null, text.slice(0, 1000), null);
  });
}

/** The 挂牌督办 record of a hazard, if one was opened. */
export function supervisionOf(db: Db, hazardId: number): Promise<Supervision | null> {
  return hazards(db).supervision(hazardId);
}

/** 五落实 fields as 督办 fills them. */
export type { SupervisionFields };

/** Fills 五落实 fields (opening the record if needed) with their event; returns the record as it now stands. */
export async function superviseHazard(ds: DataSource, h: HazardRow, fields: SupervisionFields, note: string, actor: Actor, now: number): Promise<Supervision> {
  await openSupervision(ds, h.id, now);
  await ds.transaction(async (em) => {
    await hazards(em).updateSupervision(h.id, fields, now);
    await addEvent(em, h.id, now, actor, 'supervise', null, null, note.slice(0, 1000), null);
  });
  return (await supervisionOf(ds, h.id))!;
}

/** Closing 挂牌督办, inside the 销号 transaction (see alsoInTransaction). */
export async function closeSupervision(tx: EntityManager, hazardId: number, now: number): Promise<void> {
  await hazards(tx).closeSupervision(hazardId, now);
}

/** Merging a repeat: its photos move to the kept hazard, inside the merge transition. */
export async function movePhotos(tx: EntityManager, fromHazardId: number, toHazardId: number): Promise<void> {
  await hazards(tx).movePhotos(fromHazardId, toHazardId);
}

/** Up to `limit` items of these units in one state, the most recently changed first. */
export function hazardsInStatus(ds: DataSource, status: HazardStatus, unitIds: number[], limit: number): Promise<HazardRow[]> {
  return hazards(ds).inStatus(status, unitIds, limit);
}
