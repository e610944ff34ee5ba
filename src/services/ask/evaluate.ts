// Scores the local parser on labelled questions: {"q","asker","query"} per line, query null for text that is
// not a question. Exact match = every slot equal (or both null); per-slot accuracy over the labelled questions.
import type { Unit } from '../../../entities/unit.entity';
import { QUANZHOU_CITY, QUANZHOU_DISTRICTS } from '../org/quanzhou';
import { DEMO_DISTRICT, DEMO_SCHOOLS } from '../demo/seed-demo';
import { canonical, EXTRA_SLOTS, SLOTS, type AskQuery } from './query';
import { itemCodesOf } from './items';
import { parseQuestion } from './parse';
import type { UnitLookup } from './unit-names';

export interface LabelledQuestion {
  q: string;
  asker: string;
  query: AskQuery | null;
}

export function parseQuestionsJsonl(text: string): LabelledQuestion[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l, i) => {
    try {
      return JSON.parse(l) as LabelledQuestion;
    } catch {
      throw new Error(`line ${i + 1}: not JSON`);
    }
  });
}

/** A unit tree held in memory (the city, its districts, the demo schools): enough to resolve names offline. */
export function memoryUnits(list: Unit[]): UnitLookup & { byName(name: string): Unit | undefined } {
  const byId = new Map(list.map((u) => [u.id, u]));
  const get = (id: number | null | undefined) => (id === null || id === undefined ? undefined : byId.get(id));
  return {
    all: () => list,
    get,
    within: (inner, outer) => {
      for (let u: Unit | undefined = inner; u; u = get(u.parentId)) if (u.id === outer.id) return true;
      return false;
    },
    byName: (name) => list.find((u) => u.name === name),
  };
}

/** The units the labelled sets are written against: Quanzhou's bureaus and the demo world's schools. */
export function evalWorld(): ReturnType<typeof memoryUnits> {
  const units: Unit[] = [{ id: 1, name: QUANZHOU_CITY, kind: 'city', parentId: null, settings: null, createdAt: 0 }];
  for (const d of QUANZHOU_DISTRICTS) units.push({ id: units.length + 1, name: d, kind: 'district', parentId: 1, settings: null, createdAt: 0 });
  const district = units.find((u) => u.name === DEMO_DISTRICT)!;
  for (const s of DEMO_SCHOOLS) units.push({ id: units.length + 1, name: s, kind: 'school', parentId: district.id, settings: null, createdAt: 0 });
  // A 市属学校 under the city itself, as in the org import sample (test/fixtures/org/good.csv).
  for (const s of CITY_SCHOOLS) units.push({ id: units.length + 1, name: s, kind: 'school', parentId: 1, settings: null, createdAt: 0 });
  return memoryUnits(units);
}

const CITY_SCHOOLS = ['泉州第一中学'];

export interface AskEvalResult {
  total: number;
  /** Rows whose whole answer (question or not, and every slot) is right. */
  exact: number;
  questions: number;
  /** Question vs not-a-question decided right. */
  detection: number;
  perSlot: Record<string, number>;
  /** Rows labelled with each ask.v2 slot (the per-slot denominator there; the others count every question). */
  slotRows: Record<string, number>;
  misses: { q: string; expected: AskQuery | null; got: AskQuery | null; slots: string[] }[];
}

/**
 * One slot's value in comparable form: an item by the checklist items it means (灭火器 and 灭火器过期 are the same
 * filter), a unit set as a set.
 */
function slotValue(q: AskQuery | null, slot: string): string | null {
  const v = (q as Record<string, unknown> | null)?.[slot] ?? null;
  if (v === null) return null;
  if (slot === 'item') return itemCodesOf(String(v)).join(',') || `?${String(v)}`;
  if (slot === 'units') return [...(v as string[])].sort().join(',');
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function evaluateAsk(rows: LabelledQuestion[], now: number, world = evalWorld()): AskEvalResult {
  const perSlot: Record<string, number> = Object.fromEntries(SLOTS.map((s) => [s, 0]));
  const extraSeen: Record<string, number> = {};
  const result: AskEvalResult = { total: rows.length, exact: 0, questions: 0, detection: 0, perSlot, slotRows: extraSeen, misses: [] };
  for (const row of rows) {
    const [role, unitName] = row.asker.split('@');
    const home = unitName ? world.byName(unitName) : role === 'city_admin' ? world.byName(QUANZHOU_CITY) : undefined;
    // Both sides in the one form (query.ts canonical): slots the measure never reads do not count, and a dated
    // period is the relative one that runs the same range today.
    const got = canonical(parseQuestion(row.q, { units: world, home, now }).query, now);
    const want = canonical(row.query, now);
    if ((got === null) === (want === null)) result.detection++;
    if (want === null) {
      if (got === null) result.exact++;
      else result.misses.push({ q: row.q, expected: null, got, slots: ['question'] });
      continue;
    }
    result.questions++;
    // The ask.v2 slots count on rows labelled with them; older sets never had the choice.
    const slots = [...SLOTS, ...EXTRA_SLOTS.filter((s) => s in (row.query as object))];
    for (const s of slots) if (!(s in perSlot)) perSlot[s] = 0;
    for (const s of slots) if ((EXTRA_SLOTS as readonly string[]).includes(s)) extraSeen[s] = (extraSeen[s] ?? 0) + 1;
    const wrong = slots.filter((s) => slotValue(got, s) !== slotValue(want, s) || !got);
    for (const s of slots) if (!wrong.includes(s)) perSlot[s]++;
    if (!wrong.length) result.exact++;
    else result.misses.push({ q: row.q, expected: want, got, slots: wrong });
  }
  return result;
}
