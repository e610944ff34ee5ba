// 网格员 (年段长、班主任 who watch a grid of classes or places, programme §全员安全生产责任制): a tag on a member with the
// places they watch. A report whose location or description names one of those places also reaches them.
import type { Db } from '../../db/repositories/base';
import { org } from '../../db/repositories/org.repository';
import type { Services } from '../container';
import type { HazardRow } from '../hazards/hazard.types';
import { echo } from '../../platforms/escape';

export const MAX_GRID_PLACES = 20;
const MAX_PLACE_CHARS = 30;

/** "三年级 实验楼、操场" → ["三年级", "实验楼", "操场"]; null with a reason when a place is unusable. */
export function parseGridPlaces(input: string): { places: string[] } | { error: string } {
  const places = [...new Set(input.split(/[\s,，、;；]+/).map((p) => p.trim()).filter(Boolean))];
  if (!places.length) return { error: '请写上网格员负责的地方，例如：/角色 @某人 网格员 三年级 实验楼' };
  if (places.length > MAX_GRID_PLACES) return { error: `一个网格员最多负责 ${MAX_GRID_PLACES} 个地方。` };
  const long = places.find((p) => [...p].length > MAX_PLACE_CHARS || [...p].length < 2);
  if (long) return { error: `「${echo(long, 40)}」不适合作为网格地点：请写 2 到 ${MAX_PLACE_CHARS} 个字，例如 三年级、实验楼、操场。` };
  return { places };
}

export function gridOf(m: { grid: string | null }): string[] {
  if (!m.grid) return [];
  try {
    const v = JSON.parse(m.grid);
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export async function setGrid(db: Db, memberId: number, places: string[] | null, now: number): Promise<void> {
  await org(db).updateMember(memberId, { grid: places && places.length ? JSON.stringify(places) : null }, now);
}

/** The unit's 网格员 whose places the report names (in its location or description). */
export async function gridWatchers(services: Services, h: Pick<HazardRow, 'unitId' | 'location' | 'description'>): Promise<{ id: number; name: string; mobile: string | null; places: string[] }[]> {
  const members = await org(services.ds).gridMembersOfUnit(h.unitId);
  const text = `${h.location ?? ''} ${h.description}`;
  return members
    .map((m) => ({ id: m.id, name: m.name, mobile: m.mobile, places: gridOf(m).filter((p) => text.includes(p)) }))
    .filter((r) => r.places.length > 0);
}

/**
 * The line the report card carries for the 网格员 whose places it names, and their mobiles for the platform's @
 * (the card goes back to the reporting group through the reply route, which needs no push credential).
 */
export async function gridNotice(services: Services, h: HazardRow): Promise<{ line: string; mobiles: string[] } | null> {
  const watchers = (await gridWatchers(services, h)).filter((w) => w.id !== h.reporterId);
  if (!watchers.length) return null;
  const names = watchers.map((w) => `${echo(w.name, 40)}（${w.places.map((p) => echo(p, 30)).join('、')}）`).join('、');
  return { line: `📍 网格员 ${names}：你负责的区域有新隐患，请留意`, mobiles: watchers.map((w) => w.mobile).filter((m): m is string => Boolean(m)) };
}
