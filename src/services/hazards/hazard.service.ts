import type { DataSource, EntityManager } from 'typeorm';
import type { Member } from '../../../entities/member.entity';
import type { HazardStatus } from '../../../entities/hazard.entity';
import { exec } from '../../db/sql';
import { UserError } from '../errors';
import { shanghaiParts } from '../time';
import { getItem } from '../checklist/catalogue';
import type { RiskColour } from '../checklist/types';
import { hazardCode, STATUS_LABEL, toHazard, type HazardRow } from './hazard.types';

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
}

/** Where a hazard came from, as the forms count them (自查, 内部报告) and inspectors ask (上级检查, 群众反映). */
export const HAZARD_ORIGINS = ['自查', '内部报告', '上级检查', '群众反映'] as const;
export type HazardOrigin = (typeof HAZARD_ORIGINS)[number];

export interface Actor {
  id: number | null;
  name: string;
}

export async function getHazardByCode(db: DataSource | EntityManager, code: string): Promise<HazardRow | null> {
  const rows = await db.query(`SELECT * FROM hazard WHERE code = ?`, [code]);
  return rows.length ? toHazard(rows[0]) : null;
}

export async function getHazard(db: DataSource | EntityManager, id: number): Promise<HazardRow | null> {
  const rows = await db.query(`SELECT * FROM hazard WHERE id = ?`, [id]);
  return rows.length ? toHazard(rows[0]) : null;
}

/**
 * Records a report once per source message (a platform redelivery or a reprocessed message finds the first),
 * with its opening event and, for a 重大事故隐患, the 挂牌督办 record, in one transaction.
 */
export async function recordReport(ds: DataSource, r: ReportInput): Promise<{ hazard: HazardRow; created: boolean }> {
  const existing = await ds.query(`SELECT * FROM hazard WHERE source_msg = ?`, [r.sourceMsg]);
  if (existing.length) return { hazard: toHazard(existing[0]), created: false };
  const c = r.classification;
  const status: HazardStatus = r.emergency ? 'rectifying' : 'pending';
  try {
    const id = await ds.transaction(async (em) => {
      const { insertId } = await exec(
        em,
        `INSERT INTO hazard (code, unit_id, group_id, reporter_id, reporter_name, description, location, area, item_code, risk, major, major_criterion,
          major_suspected, classifier_source, status, deadline_at, responsible_id, responsible_name, source_msg, emergency, origin, version, duplicate_of_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
        [
          `tmp-${r.sourceMsg}`.slice(0, 32), r.unitId, r.groupId, r.reporter?.id ?? null, r.reporterName.slice(0, 100), r.description,
          c.location?.slice(0, 200) ?? null, c.area, c.item, c.risk, c.major.flag ? 1 : 0, c.major.criterion ?? null, c.major.suspected ? 1 : 0, c.source,
          status, r.deadlineAt, r.responsible?.id ?? null, r.responsible?.name ?? null, r.sourceMsg, r.emergency?.type ?? null, r.origin ?? '自查', r.duplicateOfId ?? null, r.now, r.now,
        ],
      );
      const hid = Number(insertId);
      await exec(em, `UPDATE hazard SET code = ? WHERE id = ?`, [hazardCode(shanghaiParts(new Date(r.now)).year, hid), hid]);
      const note = `${r.emergency ? `紧急：${r.emergency.title}；` : ''}${c.source === 'llm' ? '模型' : '本地'}分类 ${getItem(c.item)?.title ?? '未归类'}`;
      await addEvent(em, hid, r.now, { id: r.reporter?.id ?? null, name: r.reporterName }, 'report', null, status, note, null);
      if (c.major.flag) await openSupervision(em, hid, r.now);
      return hid;
    });
    return { hazard: (await getHazard(ds, id))!, created: true };
  } catch (err: any) {
    // Two processors of the same message: the unique source_msg lets exactly one insert win.
    const again = await ds.query(`SELECT * FROM hazard WHERE source_msg = ?`, [r.sourceMsg]);
    if (again.length) return { hazard: toHazard(again[0]), created: false };
    throw err;
  }
}

export async function openSupervision(em: DataSource | EntityManager, hazardId: number, now: number): Promise<void> {
  const found = await em.query(`SELECT id FROM supervision WHERE hazard_id = ?`, [hazardId]);
  if (!found.length) await exec(em, `INSERT INTO supervision (hazard_id, opened_at, updated_at) VALUES (?, ?, ?)`, [hazardId, now, now]);
}

export async function addEvent(
  em: DataSource | EntityManager, hazardId: number, at: number, actor: Actor, action: string,
  from: HazardStatus | null, to: HazardStatus | null, note: string | null, sourceMsg: string | null,
): Promise<void> {
  await exec(em, `INSERT INTO hazard_event (hazard_id, at, actor_id, actor_name, action, from_status, to_status, note, source_msg) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    hazardId, at, actor.id, actor.name.slice(0, 100), action, from, to, note, sourceMsg,
  ]);
}

export interface TransitionInput {
  hazard: HazardRow;
  expect: HazardStatus[];
  to: HazardStatus;
  set?: Record<string, unknown>;
  actor: Actor;
  action: string;
  note?: string | null;
  sourceMsg: string;
  now: number;
  /** Writes that must commit with the state change (e.g. closing the 挂牌督办 record). */
  alsoInTransaction?: (em: EntityManager) => Promise<void>;
}

/**
 * One guarded state change: the UPDATE only applies to the version that was read, so of two people acting at
 * once exactly one succeeds; the other gets the current state. A reprocessed message finds its own event.
 */
export async function transition(ds: DataSource, t: TransitionInput): Promise<{ hazard: HazardRow; repeated: boolean }> {
  const done = await ds.query(`SELECT id FROM hazard_event WHERE source_msg = ?`, [t.sourceMsg]);
  if (done.length) return { hazard: (await getHazard(ds, t.hazard.id))!, repeated: true };
  if (!t.expect.includes(t.hazard.status)) {
    throw new UserError(`${t.hazard.code} 当前是「${STATUS_LABEL[t.hazard.status]}」，不能这样操作。发 /查询 ${t.hazard.code} 查看进度。`);
  }
  const set: Record<string, unknown> = { ...(t.set ?? {}), status: t.to, updated_at: t.now };
  const cols = Object.keys(set);
  const changed = await ds.transaction(async (em) => {
    const { affected } = await exec(em, `UPDATE hazard SET ${cols.map((c) => `${c} = ?`).join(', ')}, version = version + 1 WHERE id = ? AND version = ?`, [
      ...cols.map((c) => set[c]), t.hazard.id, t.hazard.version,
    ]);
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
