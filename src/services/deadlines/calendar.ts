// The programme's deadlines as data (seed §三 and §四(五)). Each carries its first and last year and the plan year
// it comes from; a new year's plan is loaded by importing a calendar file (calendar-file.ts, docs/records.md).
import { parseDayKey, shanghaiDayKey, toDayKey, type DayKey } from '../time';

/** Who files (the audience of a duty): a district bureau (县（市、区）教育部门), a city-run school (市属学校, files
 * like a district), any school, or the city's safety section itself. */
export type FilerKind = 'district' | 'city_school' | 'school' | 'city';
/** 'filing': something is handed in. 'stage-end': end of a programme stage, informational only. */
export type DeadlineKind = 'filing' | 'stage-end';
/** Which reporting period an occurrence is about (a 4/1 deadline concerns the quarter just ended; a school's
 * 3/28 figures concern the quarter still running). */
export type DeadlineCovers = 'current-year' | 'current-quarter' | 'previous-quarter' | 'previous-year';
/** What is handed in, in the seed's words. '其他' for deadlines an admin adds. */
export type DocumentKind = '方案' | '承诺书' | '自评报告' | '评估报告' | '季报' | '年报' | '其他';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['方案', '承诺书', '自评报告', '评估报告', '季报', '年报', '其他'];

export interface Duty {
  filer: FilerKind;
  /** Verb phrase completing "<unit>需…", e.g. "向市教育局安全科报送本地方案". May use {year} and {quarter}. */
  action: string;
  /** Receiver, '' for stage ends. */
  to: string;
  /** What this filer hands in; undefined for stage ends. */
  document?: DocumentKind;
}

export interface Deadline {
  key: string;
  /** 'MM-DD' in Asia/Shanghai; the filing is due by the end of that day ("2月21日前"). */
  monthDay: string;
  firstYear: number;
  /** Last year it applies; undefined = repeats yearly (the plan's standing duties: 季报, 年报). */
  lastYear?: number;
  /** The year of the plan (专项行动方案) this deadline comes from. */
  planYear: number;
  kind: DeadlineKind;
  /** Filings are tracked per unit (/已报送); untracked ones only get before/due reminders. */
  tracked: boolean;
  /** Late filers are reported to the unit above. False where the receiver is the unit's own staff (学校自评报告). */
  escalates: boolean;
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
  /** The quarter whose forms are due, if any ('2025Q4' for the 1/1 filing). */
  quarter?: string;
  /** Title with placeholders filled. */
  title: string;
}

const CITY = '市教育局安全科';
const DISTRICT = '所在县（市、区）教育局';
const QUARTER_FORMS = '{quarter}工作总结及工作进展季报表（附件3-6）';

/**
 * The 2025 plan of the Quanzhou programme (seed §三, §四(五)). The plan's stages and their filings are one-off
 * (first = last year = 2025: the 回头看 looks back "2021年8月以来" once); the quarterly figures and the annual
 * summary are the standing 常态调度 and repeat until a later plan says otherwise. The migration 0010 holds a
 * frozen copy of this list (test/integration/calendar-years.test.ts keeps them equal).
 */
export const QUANZHOU_CALENDAR: readonly Deadline[] = [
  {
    key: 'plan', monthDay: '02-21', firstYear: 2025, lastYear: 2025, planYear: 2025, kind: 'filing', tracked: true, escalates: true,
    alias: '方案', aliases: ['具体方案', '承诺书'], covers: 'current-year',
    title: '报送 {year} 年具体方案',
    due: '本地、本校 {year} 年具体方案报市教育局安全科备案；《告知书》送达、《承诺书》签订',
    duties: [
      { filer: 'district', document: '方案', to: CITY,
        action: '向市教育局安全科报送本地 {year} 年持续改进方案备案，并向所属学校逐家送达《告知书》、签订《承诺书》' },
      { filer: 'city_school', document: '方案', to: CITY, action: '向市教育局安全科报送本校 {year} 年具体方案备案' },
      { filer: 'school', document: '承诺书', to: DISTRICT,
        action: '签订《承诺书》（一式四份：一份留存学校备查、一份在学校公示栏公示、一份报属地乡镇（街道、园区）安办备案、一份报所在县（市、区）教育局备案），并编制本校 {year} 年标准化创建、运行、改进、提升计划' },
    ],
  },
  {
    key: 'self-assessment', monthDay: '03-20', firstYear: 2025, lastYear: 2025, planYear: 2025, kind: 'filing', tracked: true, escalates: true,
    alias: '评估报告', aliases: ['回头看', '回头看评估报告'], covers: 'current-year',
    title: '报送“回头看”评估报告',
    due: '“回头看”评估报告（评估2021年8月以来情况，主要领导审核签字、加盖公章）',
    duties: [
      { filer: 'district', document: '评估报告', to: CITY, action: '向市教育局安全科报送“回头看”评估报告（主要领导审核签字、加盖公章）' },
      { filer: 'city_school', document: '评估报告', to: CITY, action: '向市教育局安全科报送“回头看”评估报告（主要领导审核签字、加盖公章）' },
    ],
  },
  {
    key: 'school-self-assessment', monthDay: '03-31', firstYear: 2025, lastYear: 2025, planYear: 2025, kind: 'filing', tracked: true, escalates: false,
    alias: '自评', aliases: ['自评报告'], covers: 'current-year',
    title: '完成标准化运行自评报告',
    due: '学校标准化管理体系运行情况自评，形成正式自评报告，向本校教职员工通报',
    duties: [
      { filer: 'school', document: '自评报告', to: '本校教职员工',
        action: '完成标准化管理体系运行情况自评，形成正式自评报告文件，并向本校教职员工通报自评结果' },
    ],
  },
  ...(['04-01', '07-01', '10-01', '01-01'] as const).map((monthDay, i): Deadline => ({
    key: `q${i + 1}`, monthDay, firstYear: i === 3 ? 2026 : 2025, planYear: 2025, kind: 'filing', tracked: true, escalates: true,
    alias: '季报', aliases: ['季度报表', '季度总结', `${'一二三四'[i]}季报`], covers: 'previous-quarter',
    title: '报送 {year} 年{quarter}工作总结及季报表',
    due: QUARTER_FORMS,
    duties: [
      { filer: 'district', document: '季报', to: CITY, action: `向市教育局安全科报送${QUARTER_FORMS}` },
      { filer: 'city_school', document: '季报', to: CITY, action: `向市教育局安全科报送${QUARTER_FORMS}` },
    ],
  })),
  // The seed has districts file figures "包含本辖区" schools: a district can only file once its schools have. Their
  // date is ours, not the seed's: three days before the district's, inside the quarter being reported.
  ...(['03-28', '06-28', '09-28', '12-28'] as const).map((monthDay, i): Deadline => ({
    key: `q${i + 1}-school`, monthDay, firstYear: 2025, planYear: 2025, kind: 'filing', tracked: true, escalates: true,
    alias: '季报数据', aliases: ['学校季报'], covers: 'current-quarter',
    title: '填报本校 {year} 年{quarter}季报数据',
    due: '本校{quarter}季报数据（/季报 填报后提交，区教育局汇总）',
    duties: [{ filer: 'school', document: '季报', to: DISTRICT, action: '用 /季报 填报并提交本校{quarter}数据，供区教育局汇总上报' }],
  })),
  {
    key: 'annual', monthDay: '01-01', firstYear: 2026, planYear: 2025, kind: 'filing', tracked: true, escalates: true,
    alias: '年报', aliases: ['年度总结', '年度工作总结'], covers: 'previous-year',
    title: '报送 {year} 年度工作总结',
    due: '{year} 年度工作总结（连同有关报表）',
    duties: [
      { filer: 'district', document: '年报', to: CITY, action: '向市教育局安全科报送 {year} 年度工作总结（连同有关报表）' },
      { filer: 'city_school', document: '年报', to: CITY, action: '向市教育局安全科报送 {year} 年度工作总结（连同有关报表）' },
    ],
  },
  ...([
    ['stage-self-review', '03-31', '自评自纠', '完成“回头看”评估和学校标准化运行自评、逐项整改', true],
    ['stage-supervision', '09-30', '督导帮扶', '完成重点区域、重点学校督导帮扶', false],
    ['stage-enforcement', '11-30', '执法推动', '完成精准执法、重大隐患查处', false],
    ['stage-summary', '12-31', '总结完善', '全面总结，固化长效机制', false],
  ] as const).map(([key, monthDay, stage, work, cityRun]): Deadline => ({
    key, monthDay, firstYear: 2025, lastYear: 2025, planYear: 2025, kind: 'stage-end', tracked: false, escalates: false,
    alias: stage, aliases: [], covers: 'current-year',
    title: `${stage}阶段结束`,
    due: work,
    duties: [{ filer: 'district', action: work, to: '' }, ...(cityRun ? [{ filer: 'city_school' as const, action: work, to: '' }] : [])],
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
  if (deadline.covers === 'current-quarter') {
    const q = Math.floor((month - 1) / 3) + 1;
    return { period: `${year}Q${q}`, year, quarter: `${year}Q${q}` };
  }
  if (deadline.covers === 'previous-quarter') {
    // The quarter that ended before the due month: 4/1 → Q1, 7/1 → Q2, 10/1 → Q3, 1/1 → last year's Q4.
    const q = Math.floor((month - 1) / 3);
    const [py, pq] = q === 0 ? [year - 1, 4] : [year, q];
    return { period: `${py}Q${pq}`, year: py, quarter: `${py}Q${pq}` };
  }
  if (deadline.covers === 'previous-year') return { period: `${year - 1}`, year: year - 1 };
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

/** Plan years the calendar has deadlines for. */
export function planYears(calendar: readonly Deadline[]): number[] {
  return [...new Set(calendar.map((d) => d.planYear))].sort((a, b) => a - b);
}

/** Nothing in the calendar comes from `year`'s plan: only standing duties of an earlier plan still run. */
export function yearWithoutPlan(calendar: readonly Deadline[], year: number): { latest?: number } | undefined {
  const years = planYears(calendar);
  if (years.includes(year)) return undefined;
  const earlier = years.filter((y) => y < year);
  return { latest: earlier[earlier.length - 1] };
}
