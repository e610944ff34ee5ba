// Query → figures, from the ledger, inside the asker's scope exactly as /进度 decides it (summaryScope): a school
// never sees another school, a name outside the scope is refused saying who may see it. Every figure carries
// the hazard codes or unit names behind it.
import type { DataSource } from 'typeorm';
import type { Member } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import type { UnitFilter } from '../summary/queries';
import { summaryScope } from '../summary/scope';
import { displayName, shortSchoolName } from '../summary/names';
import type { AskQuery } from './query';
import { buckets, previousOf, rangeOf, type Range } from './periods';
import { askLedger, whereOf as ledgerWhere, type Extra, type LedgerRow } from './ledger';
import { itemCodesOf } from './items';
import { PERSON_TITLES } from './people-titles';
import { filingAnswer, type FilingAnswer } from './filing';
import { progressAnswer, type ProgressItem } from './progress';

export interface AskDeps {
  ds: DataSource;
  units: UnitDirectory;
}

export interface AskRequest {
  query: AskQuery;
  member: Member | null;
  /** The unit of the group the question was asked in. */
  groupUnit: Unit | null;
  now: number;
}

export interface Group {
  key: string;
  name: string;
  value: number;
  /** For rates: closed / reported. */
  of?: number;
  codes: string[];
}

export interface AskResult {
  query: AskQuery;
  scope: Unit;
  scopeName: string;
  /** null = open now (在办) for counts and lists. */
  range: Range | null;
  total: number;
  /** closure_rate: percent; time_to_close: mean days (one decimal); null when nothing to divide. */
  value: number | null;
  /** closure_rate: reported in the period; time_to_close: closures counted. */
  base: number;
  rows: LedgerRow[];
  unitName(id: number): string;
  groups: Group[];
  series: { label: string; value: number }[];
  /** Beside a count series: closures per bucket, for the chart's second bar. */
  closedSeries: number[];
  previous: { range: Range; total: number; value: number | null } | null;
  /** A plain count's red and overdue share (null when the question already filters on it). */
  breakdown?: { red: number | null; overdue: number | null };
  now: number;
  filing?: FilingAnswer;
  progress?: ProgressItem[];
}

/** Shown per answer; the rest is one /导出 away. */
export const SHOWN = 10;

function filterOf(units: UnitDirectory, scope: Unit): UnitFilter {
  return scope.kind === 'city' ? null : scope.kind === 'school' ? [scope.id] : [scope.id, ...units.descendants(scope.id).map((u) => u.id)];
}

/** The grouping level: a city's districts (and 市属学校) or schools, a district's schools. */
function grouper(units: UnitDirectory, scope: Unit, level: 'school' | 'district' | null | undefined): (unitId: number) => Unit | undefined {
  const u = (id: number) => units.get(id);
  if (scope.kind === 'city' && level !== 'school') {
    return (id) => {
      const x = u(id);
      return x ? units.districtOf(x) ?? (x.kind === 'school' ? x : undefined) : undefined;
    };
  }
  return (id) => {
    const x = u(id);
    return x?.kind === 'school' ? x : undefined;
  };
}

/** 李老师 → anyone named 李… (or literally 李老师); a full name matches itself only. */
function nameMatch(name: string | null | undefined): Extra['reporter'] {
  if (!name) return null;
  const title = PERSON_TITLES.find((t) => name.endsWith(t) && name.length > t.length);
  return { exact: name, prefix: title ? name.slice(0, name.length - title.length) : null };
}

const defaultRange = (q: AskQuery, now: number): Range | null => {
  if (q.period) return rangeOf(q.period, now);
  if (q.measure === 'closure_rate' || q.measure === 'time_to_close' || q.groupBy === 'month') return rangeOf('this_year', now);
  if (q.groupBy === 'week') return rangeOf('this_quarter', now);
  if (q.status === 'closed' || q.status === 'rejected') return rangeOf('this_year', now);
  return null;
};

export async function runQuery(deps: AskDeps, req: AskRequest): Promise<AskResult> {
  const { ds, units } = deps;
  const q = req.query;
  const scope = summaryScope(units, req.member, req.groupUnit, q.unit ?? undefined);
  // A unit set: every unit in it passes the same scope check /进度 makes (one outside the scope refuses the whole
  // question, saying who may see it), and only their hazards count.
  const named = q.units?.length ? q.units.map((name) => summaryScope(units, req.member, req.groupUnit, name)) : null;
  const filter: UnitFilter = named ? [...new Set(named.flatMap((u) => filterOf(units, u) ?? units.all().map((x) => x.id)))] : filterOf(units, scope);
  const extra: Extra = { itemCodes: q.item ? itemCodesOf(q.item) : null, reporter: nameMatch(q.reporter), responsible: nameMatch(q.responsible) };
  const now = req.now;
  const range = defaultRange(q, now);
  const label = (id: number) => {
    const x = units.get(id);
    return x ? (x.kind === 'school' ? shortSchoolName(x, units) : displayName(x)) : String(id);
  };
  const base: AskResult = { query: q, scope, scopeName: named ? named.map((u) => label(u.id)).join('、') : displayName(scope), range, total: 0, value: null, base: 0, rows: [], unitName: label, groups: [], series: [], closedSeries: [], previous: null, now };

  if (q.measure === 'filing_status') {
    if (!named) return { ...base, filing: await filingAnswer(ds, units, scope, q, now) };
    // Each named unit's own filing: who of them has handed it in.
    const each = await Promise.all(named.map(async (u) => ({ u, a: await filingAnswer(ds, units, u, q, now) })));
    const first = each[0].a;
    const owing = each.filter((x) => x.a.own);
    const filing: FilingAnswer = { ...first, own: undefined, below: { total: owing.length, pending: owing.filter((x) => !x.a.own!.filed).map((x) => label(x.u.id)) } };
    return { ...base, filing };
  }
  if (q.measure === 'progress') {
    const progress = await progressAnswer(ds, ledgerWhere({ ...q, status: null, overdue: q.overdue }, filter, q.period ? range : null, now, { ignoreStatus: true, extra }), now);
    return { ...base, total: progress.length, progress };
  }
  const L = askLedger(ds);
  const whereOf = (x: AskQuery, f: UnitFilter, r: Range | null, n: number) => ledgerWhere(x, f, r, n, { extra });
  let groupOf = grouper(units, scope, q.level);
  if (named) {
    // By unit within a set: each hazard counts for the named unit it lies in.
    const owner = new Map<number, Unit>();
    for (const u of named) for (const id of filterOf(units, u) ?? []) if (!owner.has(id)) owner.set(id, u);
    groupOf = (id) => owner.get(id) ?? (named.some((u) => u.kind === 'city') ? grouper(units, scope, q.level)(id) : undefined);
  }

  // Rates and times are about closures; everything else counts hazards selected by the filters.
  const figure = async (r: Range | null) => {
    if (q.measure === 'closure_rate') {
      const reported = await L.count(whereOf({ ...q, status: null, overdue: null }, filter, r, now));
      const closed = await L.count(whereOf({ ...q, status: 'closed', overdue: null }, filter, r, now));
      return { total: closed, base: reported, value: reported ? Math.round((closed / reported) * 1000) / 10 : null, red: 0, overdue: 0 };
    }
    if (q.measure === 'time_to_close') {
      const [t] = await L.closeTimes(whereOf({ ...q, status: 'closed', overdue: null }, filter, r, now), null);
      return { total: t?.n ?? 0, base: t?.n ?? 0, value: t ? Math.round((t.hours / t.n / 24) * 10) / 10 : null, red: 0, overdue: 0 };
    }
    const c = await L.summary(whereOf(q, filter, r, now), now);
    return { total: c.n, base: c.n, value: null, red: c.red, overdue: c.overdue };
  };
  const { red, overdue, ...head } = await figure(range);
  const result: AskResult = { ...base, ...head };
  if (q.compare && range && q.period) {
    const prevRange = previousOf(q.period, now);
    const prev = await figure(prevRange);
    result.previous = { range: prevRange, total: prev.total, value: prev.value };
  }

  const where = q.measure === 'closure_rate' || q.measure === 'time_to_close' ? whereOf({ ...q, status: 'closed', overdue: null }, filter, range, now) : whereOf(q, filter, range, now);
  // The hazards behind the figure: the codes a leader can /查询.
  // A ranking, a rate or a breakdown names the units or areas behind each figure; a count or a list its codes.
  const codesBehind = (q.measure === 'count' || q.measure === 'list') && (!q.groupBy || (q.groupBy === 'unit' && q.measure === 'list'));
  if (codesBehind) result.rows = await L.rows(where, q.groupBy === 'unit' ? 200 : SHOWN);

  if (q.measure === 'count' && !q.groupBy && result.total) {
    result.breakdown = { red: q.colour ? null : red, overdue: q.overdue || q.status === 'closed' || q.status === 'rejected' ? null : overdue };
  }

  if (q.groupBy === 'month' || q.groupBy === 'week') {
    const b = buckets(range ?? rangeOf('this_year', now), q.groupBy);
    if (q.measure === 'closure_rate') {
      const reported = await L.countByBucket(whereOf({ ...q, status: null, overdue: null }, filter, range, now), 'created_at', b);
      const closed = await L.countByBucket(where, 'closed_at', b);
      result.series = b.map((x, i) => ({ label: x.label, value: reported[i] ? Math.round((closed[i] / reported[i]) * 1000) / 10 : 0 }));
    } else {
      const counts = await L.countByBucket(where, q.status === 'closed' ? 'closed_at' : 'created_at', b);
      result.series = b.map((x, i) => ({ label: x.label, value: counts[i] }));
      if (!q.status) result.closedSeries = await L.countByBucket(whereOf({ ...q, status: 'closed', overdue: null }, filter, range, now), 'closed_at', b);
    }
  } else if (q.groupBy) {
    const column = q.groupBy === 'unit' ? 'unit_id' : q.groupBy === 'area' ? 'area' : 'risk';
    const fold = (key: string): { key: string; name: string } | null => {
      if (column !== 'unit_id') return { key, name: key };
      const g = groupOf(Number(key));
      return g ? { key: String(g.id), name: label(g.id) } : null;
    };
    const groups = new Map<string, Group>();
    const add = (key: string, value: number, of = 0) => {
      const f = fold(key);
      if (!f) return;
      const g = groups.get(f.key) ?? { key: f.key, name: f.name, value: 0, of: 0, codes: [] };
      g.value += value;
      g.of = (g.of ?? 0) + of;
      groups.set(f.key, g);
    };
    if (q.measure === 'closure_rate') {
      const reported = await L.countBy(whereOf({ ...q, status: null, overdue: null }, filter, range, now), column);
      const closed = await L.countBy(where, column);
      for (const [k, n] of reported) add(k, closed.get(k) ?? 0, n);
      for (const [k, n] of closed) if (!reported.has(k)) add(k, n, 0);
    } else if (q.measure === 'time_to_close') {
      for (const t of await L.closeTimes(where, column)) add(t.key, t.hours / 24, t.n);
    } else {
      for (const [k, n] of await L.countBy(where, column)) add(k, n);
    }
    for (const r of result.rows) {
      const f = fold(column === 'unit_id' ? String(r.unitId) : column === 'area' ? r.area : r.risk);
      const g = f && groups.get(f.key);
      if (g && g.codes.length < 3) g.codes.push(r.code);
    }
    const list = [...groups.values()].map((g) => {
      if (q.measure === 'closure_rate') return { ...g, value: g.of ? Math.round((g.value / g.of) * 1000) / 10 : 0 };
      if (q.measure === 'time_to_close') return { ...g, value: g.of ? Math.round((g.value / g.of) * 10) / 10 : 0 };
      return g;
    });
    list.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
    // 前N of whatever is grouped: a ranking's counts, a rate per unit (整改率前五的区).
    result.groups = q.top ? list.slice(0, q.top) : list;
  }
  return result;
}
