// The programme's deadlines as data (shared/docs/programme.md "Deadlines", seed §三 and §四(五)).
// Dates repeat every year unless lastYear says otherwise, because the plan says the same pattern is
// expected each year; a new year's changes are made by importing a calendar file (calendar-file.ts).
import { parseDayKey, shanghaiDayKey, toDayKey, type DayKey } from '../time';

/** Who files: a district bureau (县（市、区）教育部门), a city-run school (市属学校, files like a district), any school. */
export type FilerKind = 'district' | 'city_school' | 'school';
/** 'filing': something is handed in. 'stage-end': end of a programme stage, informational only. */
export type DeadlineKind = 'filing' | 'stage-end';
/** Which reporting period an occurrence is about (a 4/1 deadline concerns the quarter just ended). */
export type DeadlineCovers = 'current-year' | 'previous-quarter' | 'previous-year';

export interface Duty {
  filer: FilerKind;
  /** Verb phrase completing "<unit>需…", e.g. "向市教育局安全科报送本地方案". May use {year} and {quarter}. */
  action: string;
  /** Receiver, '' for stage ends. */
  to: string;
}

export interface Deadline {
  key: string;
  /** 'MM-DD' in Asia/Shanghai; the filing is due by the end of that day ("2月21日前"). */
  monthDay: string;
  firstYear: number;
  /** Last year it applies; undefined = repeats yearly. */
  lastYear?: number;
  kind: DeadlineKind;
  /** Filings are tracked per unit (/已报送); untracked ones only get before/due reminders. */
  tracked: boolean;
  /** Word for `/已报送 <事项>`; shown in reminders. */
  alias: string;
  /** More accepted words; may be shared (季报 fits every quarter, the nearest occurrence wins). */
  aliases: string[];
  /** Template: {year} = the covered period's year, {quarter} = 第一季度…第四季度. */
  title: string;
  /** What is due, one line (for listings). Same placeholders. */
  due: string;
  duties: Duty[];
  covers: DeadlineCovers;
}

export interface Occurrence {
  deadlineKey: string;
  /** The due day. */
  date: DayKey;
  /** '2025' or '2025Q1': what is being reported on. */
  period: string;
  /** The quarter whose forms are due, if any ('2025Q4' for the 1/1 annual filing). */
  quarter?: string;
  /** Title with placeholders filled. */
  title: string;
}

const CITY = '市教育局安全科';
const DISTRICT = '所在县（市、区）教育局';

/** 2025 calendar of the Quanzhou plan. */
export const QUANZHOU_CALENDAR: readonly Deadline[] = [
  {
    key: 'plan', monthDay: '02-21', firstYear: 2025, kind: 'filing', tracked: true,
    alias: '方案', aliases: ['具体方案', '承诺书'], covers: 'current-year',
    title: '报送 {year} 年具体方案',
    due: '本地、本校 {year} 年具体方案备案；《告知书》送达、《承诺书》签订',
    duties: [
      { filer: 'district', action: '向市教育局安全科报送本地方案', to: CITY },
      { filer: 'city_school', action: '向市教育局安全科报送本校方案', to: CITY },
      { filer: 'school', action: '签订《承诺书》', to: DISTRICT },
    ],
  },
  {
    key: 'self-assessment', monthDay: '03-20', firstYear: 2025, kind: 'filing', tracked: true,
    alias: '自评', aliases: ['自评报告', '评估报告', '回头看'], covers: 'current-year',
    title: '报送“回头看”评估报告和自评报告',
    due: '“回头看”评估报告（主要领导签字、盖章）；学校标准化运行自评报告',
    duties: [
      { filer: 'district', action: '向市教育局安全科报送“回头看”评估报告（主要领导签字、盖章）', to: CITY },
      { filer: 'city_school', action: '向市教育局安全科报送“回头看”评估报告（主要领导签字、盖章），并完成本校自评报告', to: CITY },
      { filer: 'school', action: '完成标准化运行自评报告，报区教育局并向全体教职员工通报', to: DISTRICT },
    ],
  },
  ...(['04-01', '07-01', '10-01'] as const).map((monthDay, i): Deadline => ({
    key: `q${i + 1}`, monthDay, firstYear: 2025, kind: 'filing', tracked: true,
    alias: '季报', aliases: ['季度报表', '季度总结', `${'一二三'[i]}季报`], covers: 'previous-quarter',
    title: '报送 {year} 年{quarter}工作总结及季报表',
    due: '{quarter}工作总结及季报表（附件3-6）',
    duties: [
      { filer: 'district', action: '向市教育局安全科报送{quarter}工作总结及季报表（附件3-6）', to: CITY },
      { filer: 'city_school', action: '向市教育局安全科报送{quarter}工作总结及季报表（附件3-6）', to: CITY },
    ],
  })),
  {
    key: 'annual', monthDay: '01-01', firstYear: 2026, kind: 'filing', tracked: true,
    alias: '年报', aliases: ['年度总结', '四季报', '季报'], covers: 'previous-year',
    title: '报送 {year} 年度工作总结及报表',
    due: '{year} 年度工作总结，连同第四季度季报表（附件3-6）',
    duties: [
      { filer: 'district', action: '向市教育局安全科报送 {year} 年度工作总结及第四季度季报表', to: CITY },
      { filer: 'city_school', action: '向市教育局安全科报送 {year} 年度工作总结及第四季度季报表', to: CITY },
    ],
  },
  ...([
    ['stage-supervision', '09-30', '督导帮扶', '完成重点区域、重点学校督导帮扶'],
    ['stage-enforcement', '11-30', '执法推动', '完成精准执法、重大隐患查处'],
    ['stage-summary', '12-31', '总结完善', '全面总结，固化长效机制'],
  ] as const).map(([key, monthDay, stage, work]): Deadline => ({
    key, monthDay, firstYear: 2025, kind: 'stage-end', tracked: false,
    alias: stage, aliases: [], covers: 'current-year',
    title: `${stage}阶段结束`,
    due: work,
    duties: [{ filer: 'district', action: work, to: '' }],
  })),
];

export function filersOf(deadline: Deadline): FilerKind[] {
  return [...new Set(deadline.duties.map((d) => d.filer))];
}

export function dutyFor(deadline: Deadline, filer: FilerKind): Duty | undefined {
  return deadline.duties.find((d) => d.filer === filer);
}

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** The reporting period of the occurrence due on `date`. */
export function reportingPeriod(deadline: Deadline, date: DayKey): { period: string; year: number; quarter?: string } {
  const { year, month } = parseDayKey(date);
  if (deadline.covers === 'previous-quarter') {
    // The quarter that ended before the due month: 4/1 → Q1, 7/1 → Q2, 10/1 → Q3, 1/1 → last year's Q4.
    const q = Math.floor((month - 1) / 3);
    const [py, pq] = q === 0 ? [year - 1, 4] : [year, q];
    return { period: `${py}Q${pq}`, year: py, quarter: `${py}Q${pq}` };
  }
  if (deadline.covers === 'previous-year') return { period: `${year - 1}`, year: year - 1, quarter: `${year - 1}Q4` };
  return { period: `${year}`, year };
}

/** Fill {year} and {quarter} for one occurrence. */
export function fillTemplate(template: string, deadline: Deadline, date: DayKey): string {
  const p = reportingPeriod(deadline, date);
  const quarter = p.quarter ? QUARTER_NAMES[Number(p.quarter.slice(-1)) - 1] : '';
  return template.replaceAll('{year}', String(p.year)).replaceAll('{quarter}', quarter);
}

export function occurrenceIn(deadline: Deadline, year: number): Occurrence | undefined {
  if (year < deadline.firstYear || (deadline.lastYear !== undefined && year > deadline.lastYear)) return undefined;
  const [month, day] = deadline.monthDay.split('-').map(Number);
  const date = toDayKey(year, month, day);
  const p = reportingPeriod(deadline, date);
  const occ: Occurrence = { deadlineKey: deadline.key, date, period: p.period, title: fillTemplate(deadline.title, deadline, date) };
  if (p.quarter) occ.quarter = p.quarter;
  return occ;
}

/** Occurrences whose due day (Shanghai) lies in [day of `from`, day of `to`], both inclusive, in date order. */
export function occurrencesBetween(deadline: Deadline, from: Date, to: Date): Occurrence[] {
  const fromDay = shanghaiDayKey(from);
  const toDay = shanghaiDayKey(to);
  const out: Occurrence[] = [];
  for (let y = Number(fromDay.slice(0, 4)); y <= Number(toDay.slice(0, 4)); y++) {
    const occ = occurrenceIn(deadline, y);
    if (occ && occ.date >= fromDay && occ.date <= toDay) out.push(occ);
  }
  return out;
}

export function findDeadline(calendar: readonly Deadline[], key: string): Deadline | undefined {
  return calendar.find((d) => d.key === key);
}
