// Every number a progress summary shows, computed for one unit and period. Read from the database on each call
// (nothing kept between calls), so every instance answers alike.
import type { DataSource } from 'typeorm';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import type { RiskColour } from '../checklist/types';
import { getArea } from '../checklist/catalogue';
import type { SummaryChartInput } from './chart';
import { shanghaiParts } from '../time';
import { trendWeeks, type Period } from './period';
import { summary } from '../../db/repositories/summary.repository';
import { histogramMedian, type UnitFilter } from './queries';
import { filingFacts, type FilingFacts } from './filings';
import { targetLines, targetsOf, type TargetLine } from './targets';
import { displayName, shortSchoolName } from './names';
import { inLanes, LANES } from './lanes';

export type RiskCounts = Record<RiskColour, number>;

export interface HazardFigures {
  reported: number;
  closed: number;
  open: RiskCounts;
  openTotal: number;
  overdue: number;
}

export interface ChildLine extends HazardFigures {
  name: string;
}

export interface SummaryFacts {
  unit: Unit;
  name: string;
  period: Period;
  now: number;
  totals: HazardFigures;
  /** Closed in the period / reported in the period, percent; null when nothing was reported. */
  closureRate: number | null;
  /** Median days from report to closure of the period's closures, one decimal; null when none closed. */
  medianDays: number | null;
  majors: { total: number; items: { code: string; unitName: string | null }[] };
  topAreas: { name: string; open: number }[];
  /** A city's districts (and 市属学校), a district's schools with something to show; empty for a school. */
  children: { lines: ChildLine[]; hiddenCount: number; hiddenOpen: number };
  filings: FilingFacts;
  targets: TargetLine[];
  chart: SummaryChartInput;
}

export interface FactsDeps {
  ds: DataSource;
  units: UnitDirectory;
}

const MAJOR_ITEMS = 5;
const SCHOOL_LINES = 8;
const CITY_SCHOOLS = -1;

const zero = (): HazardFigures => ({ reported: 0, closed: 0, open: { red: 0, orange: 0, yellow: 0, blue: 0 }, openTotal: 0, overdue: 0 });

export async function summaryFacts(deps: FactsDeps, unit: Unit, period: Period, now: number): Promise<SummaryFacts> {
  const { ds, units } = deps;
  // The city sees every hazard in the database; a bureau its own and everything below it.
  const filter: UnitFilter = unit.kind === 'city' ? null : unit.kind === 'school' ? [unit.id] : [unit.id, ...units.descendants(unit.id).map((u) => u.id)];
  const weeks = trendWeeks(period);
  const schools = units.schoolsUnder(unit);
  const childUnits = unit.kind === 'city' ? units.childrenOf(unit.id).filter((u) => u.kind === 'district') : [];
  const year = shanghaiParts(new Date(now)).year;
  const ledger = summary(ds);
  const countsWithHistogram = async () => {
    const counts = await ledger.periodCountsByUnit(filter, period.from, period.to);
    const closedCount = [...counts.closed.values()].reduce((s, n) => s + n, 0);
    return { ...counts, hist: closedCount ? await ledger.closeHoursHistogram(filter, period.from, period.to, closedCount) : [] };
  };
  const [{ reported, closed, hist }, open, areas, weekly, majors, filings, targets] = await inLanes(LANES, [
    countsWithHistogram,
    () => ledger.openByUnit(filter, now),
    () => ledger.openByArea(filter),
    () => ledger.weeklyCounts(filter, weeks.from, weeks.to, weeks.labels.length),
    () => ledger.openSupervised(filter),
    () => filingFacts(ds, units, unit, now),
    () => targetsOf(ds, [unit.id, ...childUnits.map((u) => u.id)], year),
  ] as const);

  // Fold per-unit rows into the scope's total and its children (a city's districts, a district's schools).
  const childOf = (unitId: number): number | null => {
    const u = units.get(unitId);
    if (!u || unit.kind === 'school') return null;
    if (unit.kind === 'district') return u.kind === 'school' ? u.id : null;
    const d = units.districtOf(u);
    if (d) return d.id;
    return u.kind === 'school' ? CITY_SCHOOLS : null;
  };
  const totals = zero();
  const byChild = new Map<number, HazardFigures>();
  const child = (unitId: number) => {
    const key = childOf(unitId);
    if (key === null) return null;
    if (!byChild.has(key)) byChild.set(key, zero());
    return byChild.get(key)!;
  };
  for (const [id, n] of reported) for (const f of [totals, child(id)]) if (f) f.reported += n;
  for (const [id, n] of closed) for (const f of [totals, child(id)]) if (f) f.closed += n;
  for (const r of open) {
    for (const f of [totals, child(r.unitId)]) {
      if (!f) continue;
      f.open[r.risk] += r.open;
      f.openTotal += r.open;
      f.overdue += r.overdue;
    }
  }

  const median = histogramMedian(hist);
  const name = displayName(unit);
  const chart = composeChart(`${name} · ${period.label} 安全进度`, areas, weeks.labels, weekly);
  return {
    unit, name, period, now, totals,
    closureRate: totals.reported ? Math.round((totals.closed / totals.reported) * 100) : null,
    medianDays: median === null ? null : Math.round((median / 24) * 10) / 10,
    majors: {
      total: majors.length,
      items: majors.slice(0, MAJOR_ITEMS).map((m) => ({ code: m.code, unitName: unit.kind === 'school' ? null : schoolLabel(units, m.unitId) })),
    },
    topAreas: chart.openByArea.slice(0, 3).filter((a) => areaTotal(a) > 0).map((a) => ({ name: a.area, open: areaTotal(a) })),
    children: childLines(units, unit, byChild, childUnits),
    filings,
    targets: targetLines(unit, schools.length, targets.get(unit.id) ?? {}, childUnits.map((d) => targets.get(d.id) ?? {})),
    chart,
  };
}

const areaTotal = (a: RiskCounts) => a.red + a.orange + a.yellow + a.blue;

/** The chart's data: open items per area (names of the 12 areas, most first) in four colours, and the weekly trend. */
export function composeChart(
  title: string,
  areas: { area: string; risk: RiskColour; n: number }[],
  weekLabels: string[],
  weekly: { reported: number[]; closed: number[] },
): SummaryChartInput {
  const byArea = new Map<string, RiskCounts>();
  for (const a of areas) {
    const c = byArea.get(a.area) ?? { red: 0, orange: 0, yellow: 0, blue: 0 };
    c[a.risk] += a.n;
    byArea.set(a.area, c);
  }
  const openByArea = [...byArea]
    .map(([code, c]) => ({ area: getArea(code)?.name ?? code, ...c }))
    .sort((a, b) => areaTotal(b) - areaTotal(a) || a.area.localeCompare(b.area));
  return { title, openByArea, weekly: weekLabels.map((week, i) => ({ week, reported: weekly.reported[i] ?? 0, closed: weekly.closed[i] ?? 0 })) };
}

function schoolLabel(units: UnitDirectory, unitId: number): string | null {
  const u = units.get(unitId);
  return u ? shortSchoolName(u, units) : null;
}

const urgency = (f: HazardFigures) => [f.open.red, f.overdue, f.openTotal, f.reported];

function childLines(units: UnitDirectory, unit: Unit, byChild: Map<number, HazardFigures>, districts: Unit[]): SummaryFacts['children'] {
  if (unit.kind === 'city') {
    // Every district, in the bureau's own order, so the city reads the same list every week.
    const lines = districts.sort((a, b) => a.id - b.id).map((d) => ({ name: displayName(d), ...(byChild.get(d.id) ?? zero()) }));
    const cityRun = byChild.get(CITY_SCHOOLS);
    if (cityRun) lines.push({ name: '市属学校', ...cityRun });
    return { lines, hiddenCount: 0, hiddenOpen: 0 };
  }
  if (unit.kind !== 'district') return { lines: [], hiddenCount: 0, hiddenOpen: 0 };
  // A district has hundreds of schools: the most urgent few by name, the rest as one count.
  const ranked = [...byChild]
    .map(([id, f]) => ({ id, f }))
    .filter(({ f }) => f.reported || f.closed || f.openTotal)
    .sort((a, b) => {
      const [x, y] = [urgency(a.f), urgency(b.f)];
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i] - x[i];
      return a.id - b.id;
    });
  const shown = ranked.slice(0, SCHOOL_LINES);
  const hidden = ranked.slice(SCHOOL_LINES);
  return {
    lines: shown.map(({ id, f }) => ({ name: schoolLabel(units, id) ?? String(id), ...f })),
    hiddenCount: hidden.length,
    hiddenOpen: hidden.reduce((s, h) => s + h.f.openTotal, 0),
  };
}
