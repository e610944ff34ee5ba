import type { DataSource } from 'typeorm';
import type { RiskColour } from '../checklist/types';
import { hazards, type OpenListFilter } from '../../db/repositories/hazard.repository';
import type { HazardEvent, HazardRow, Supervision } from './hazard.types';

export type ListFilter = RiskColour | 'overdue' | 'verifying' | 'major' | 'all';

/** The unit's open items, most urgent first: major, then colour, then the nearest deadline. */
export async function openList(ds: DataSource, unitIds: number[], filter: ListFilter, now: number, page: number, pageSize = 10): Promise<{ rows: HazardRow[]; total: number }> {
  const f: OpenListFilter = filter === 'overdue' ? { kind: 'overdue', now } : filter === 'verifying' || filter === 'major' || filter === 'all' ? { kind: filter } : { kind: 'risk', risk: filter };
  return hazards(ds).openList(unitIds, f, page, pageSize);
}

export async function myReports(ds: DataSource, memberId: number, limit = 10): Promise<{ rows: HazardRow[]; total: number }> {
  return hazards(ds).reportedBy(memberId, limit);
}

export async function history(ds: DataSource, hazardId: number): Promise<{ events: HazardEvent[]; supervision: Supervision | null; photos: number }> {
  const room = hazards(ds);
  return { events: await room.events(hazardId), supervision: await room.supervision(hazardId), photos: await room.photoCount(hazardId) };
}
