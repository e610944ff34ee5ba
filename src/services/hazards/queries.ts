import type { DataSource } from 'typeorm';
import type { RiskColour } from '../checklist/types';
import { toHazard, type HazardRow } from './hazard.types';

export type ListFilter = RiskColour | 'overdue' | 'verifying' | 'major' | 'all';

const ORDER = `ORDER BY major DESC, CASE risk WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END, deadline_at ASC, id ASC`;

/** The unit's open items, most urgent first: major, then colour, then the nearest deadline. */
export async function openList(ds: DataSource, unitIds: number[], filter: ListFilter, now: number, page: number, pageSize = 10): Promise<{ rows: HazardRow[]; total: number }> {
  if (!unitIds.length) return { rows: [], total: 0 };
  const where = [`unit_id IN (${unitIds.map(() => '?').join(',')})`, `status IN ('pending','rectifying','verifying')`];
  const params: unknown[] = [...unitIds];
  if (filter === 'overdue') where.push(`status IN ('pending','rectifying') AND deadline_at < ?`), params.push(now);
  else if (filter === 'verifying') where.push(`status = 'verifying'`);
  else if (filter === 'major') where.push(`major = 1`);
  else if (filter !== 'all') where.push(`risk = ?`), params.push(filter);
  const sqlWhere = where.join(' AND ');
  const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM hazard WHERE ${sqlWhere}`, params);
  const rows = await ds.query(`SELECT * FROM hazard WHERE ${sqlWhere} ${ORDER} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params);
  return { rows: rows.map(toHazard), total: Number(n) };
}

export async function myReports(ds: DataSource, memberId: number, limit = 10): Promise<{ rows: HazardRow[]; total: number }> {
  const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM hazard WHERE reporter_id = ?`, [memberId]);
  const rows = await ds.query(`SELECT * FROM hazard WHERE reporter_id = ? ORDER BY created_at DESC, id DESC LIMIT ${limit}`, [memberId]);
  return { rows: rows.map(toHazard), total: Number(n) };
}

export async function history(ds: DataSource, hazardId: number): Promise<{ events: any[]; supervision: any | null; photos: number }> {
  const events = await ds.query(`SELECT * FROM hazard_event WHERE hazard_id = ? ORDER BY at, id`, [hazardId]);
  const [supervision] = await ds.query(`SELECT * FROM supervision WHERE hazard_id = ?`, [hazardId]);
  const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM hazard_photo WHERE hazard_id = ?`, [hazardId]);
  return { events, supervision: supervision ?? null, photos: Number(n) };
}
