// Unit names as leaders write them: the full name, without 泉州市, without the district (东海中学), the bare
// name (东海), a district without 教育局 or its 区/县/市 (丰泽区, 丰泽), 第二中心幼儿园 as 二幼.
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import { displayName } from '../summary/names';

export type UnitLookup = Pick<UnitDirectory, 'all' | 'get' | 'within'>;

const SCHOOL_KIND = /(?:完全中学|中心幼儿园|幼儿园|中学|小学|学校|中心小学)$/;
const PLACED_ORDINAL = /^([\u4e00-\u9fa5]{2})(?:市|县|区)?第([一二三四五六七八九十]+|\d+)(中心幼儿园|幼儿园|中学|小学)$/;
const CN_ORDINAL = /^第([一二三四五六七八九十]+|\d+)(中心幼儿园|幼儿园|中学|小学)$/;
/** Bare names that are also ordinary words (实验小学 → 实验 would swallow 实验室). */
const COMMON_WORDS = new Set(['实验', '中心', '示范', '附属', '民族', '特殊', '职业']);
const ORDINAL_SHORT: Record<string, string> = { 中心幼儿园: '幼', 幼儿园: '幼', 中学: '中', 小学: '小' };

export function aliasesOf(unit: Unit, units: Pick<UnitDirectory, 'get'>): string[] {
  const out = new Set<string>([unit.name]);
  if (unit.kind === 'city') return [...out];
  if (unit.kind === 'district') {
    const d = displayName(unit);
    out.add(d);
    const bare = d.replace(/^泉州/, '');
    out.add(bare);
    const core = bare.replace(/(?:区|县|市)$/, '');
    if (core.length >= 2) out.add(core);
    if (bare.includes('台商投资区')) out.add('台商区').add('台商');
    return [...out];
  }
  const noCity = unit.name.replace(/^泉州市/, '');
  out.add(noCity);
  const parent = units.get(unit.parentId);
  let local = noCity;
  if (parent?.kind === 'district') {
    const area = displayName(parent).replace(/^泉州/, '');
    const core = area.replace(/(?:区|县|市)$/, '');
    for (const prefix of [area, core]) if (local.startsWith(prefix) && local.length > prefix.length + 1) { local = local.slice(prefix.length); break; }
  }
  out.add(local);
  const ord = CN_ORDINAL.exec(local);
  if (ord) out.add(`${ord[1]}${ORDINAL_SHORT[ord[2]]}`);
  // A place before the ordinal keeps it in the short name: 泉州第一中学 → 泉州一中, 晋江市第二中学 → 晋江二中.
  const placed = PLACED_ORDINAL.exec(local);
  if (placed) out.add(`${placed[1]}${placed[2]}${ORDINAL_SHORT[placed[3]]}`);
  // A school of the city itself, placed by the city's own name, is said without it: 泉州第一中学 → 一中.
  if (placed && parent?.kind === 'city' && displayName(parent).startsWith(placed[1])) out.add(`${placed[2]}${ORDINAL_SHORT[placed[3]]}`);
  const bare = local.replace(SCHOOL_KIND, '');
  if (bare.length >= 2 && bare !== local && !/^第/.test(bare) && !COMMON_WORDS.has(bare)) out.add(bare);
  if (local === '实验小学') out.add('实小');
  return [...out].filter((a) => a.length >= 2);
}

interface NameIndex {
  /** Longest first. */
  aliases: { alias: string; units: Unit[] }[];
}

const cache = new WeakMap<object, { size: number; index: NameIndex }>();

function indexOf(units: UnitLookup): NameIndex {
  const all = units.all();
  const hit = cache.get(units);
  if (hit && hit.size === all.length) return hit.index;
  const byAlias = new Map<string, Unit[]>();
  for (const u of all) for (const a of aliasesOf(u, units)) byAlias.set(a, [...(byAlias.get(a) ?? []), u]);
  const index = { aliases: [...byAlias].map(([alias, list]) => ({ alias, units: list })).sort((a, b) => b.alias.length - a.alias.length) };
  cache.set(units, { size: all.length, index });
  return index;
}

export interface UnitHit {
  unit: Unit;
  at: number;
  end: number;
}

/**
 * Units named in the text, longest names first, none overlapping. A short name several units share (实验小学)
 * counts only when exactly one of them lies within the asker's scope.
 */
export function unitHits(text: string, units: UnitLookup, home?: Unit): { hits: UnitHit[]; ambiguous: string[] } {
  const taken: [number, number][] = [];
  const hits: UnitHit[] = [];
  const ambiguous: string[] = [];
  for (const { alias, units: list } of indexOf(units).aliases) {
    let from = 0;
    for (let at = text.indexOf(alias, from); at >= 0; at = text.indexOf(alias, from)) {
      const end = at + alias.length;
      from = end;
      if (taken.some(([a, b]) => at < b && end > a)) continue;
      let pick = list.length === 1 ? list[0] : undefined;
      if (!pick && home) {
        const inScope = list.filter((u) => units.within(u, home));
        if (inScope.length === 1) pick = inScope[0];
      }
      taken.push([at, end]);
      if (pick) hits.push({ unit: pick, at, end });
      else ambiguous.push(alias);
    }
  }
  return { hits: hits.sort((a, b) => a.at - b.at), ambiguous };
}
