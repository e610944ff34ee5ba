import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';
import { isMysql } from './table-helpers';

/**
 * Records a bureau can hand in. The calendar learns years (seed §三 and §四(五)): each deadline gets the plan year it comes from and whether late
 * filers are reported upwards; the 2025 plan's one-off duties end in 2025; the school 自评报告 (3月底, to the school's
 * own staff), the 3/31 stage end, the schools' 季报 figures and a 1/1 季报 separate from the 年度工作总结 are added.
 *
 * A calendar still exactly as 0003 seeded it is replaced by the rows below (a frozen copy: migrations never import
 * live code, which may change after them). One an admin has edited or imported is kept as it is, only given the new
 * columns; docs/records.md tells the city's safety section how to load the new plan then. Filings the quarterly
 * figures made against 'annual' for a Q4 move to 'q4', since 年报 and 季报 are now separate filings.
 */
const SEED_2025_PLAN: Record<string, unknown>[] = [
  {deadline_key: "plan", month_day: "02-21", first_year: 2025, last_year: 2025, plan_year: 2025, kind: "filing", tracked: 1, escalates: 1, alias: "方案", aliases: ["具体方案","承诺书"], covers: "current-year", title: "报送 {year} 年具体方案", due: "本地、本校 {year} 年具体方案报市教育局安全科备案；《告知书》送达、《承诺书》签订", duties: [{filer: "district", document: "方案", to: "市教育局安全科", action: "向市教育局安全科报送本地 {year} 年持续改进方案备案，并向所属学校逐家送达《告知书》、签订《承诺书》"},{filer: "city_school", document: "方案", to: "市教育局安全科", action: "向市教育局安全科报送本校 {year} 年具体方案备案"},{filer: "school", document: "承诺书", to: "所在县（市、区）教育局", action: "签订《承诺书》（一式四份：一份留存学校备查、一份在学校公示栏公示、一份报属地乡镇（街道、园区）安办备案、一份报所在县（市、区）教育局备案），并编制本校 {year} 年标准化创建、运行、改进、提升计划"}]},
  {deadline_key: "self-assessment", month_day: "03-20", first_year: 2025, last_year: 2025, plan_year: 2025, kind: "filing", tracked: 1, escalates: 1, alias: "评估报告", aliases: ["回头看","回头看评估报告"], covers: "current-year", title: "报送“回头看”评估报告", due: "“回头看”评估报告（评估2021年8月以来情况，主要领导审核签字、加盖公章）", duties: [{filer: "district", document: "评估报告", to: "市教育局安全科", action: "向市教育局安全科报送“回头看”评估报告（主要领导审核签字、加盖公章）"},{filer: "city_school", document: "评估报告", to: "市教育局安全科", action: "向市教育局安全科报送“回头看”评估报告（主要领导审核签字、加盖公章）"}]},
  {deadline_key: "school-self-assessment", month_day: "03-31", first_year: 2025, last_year: 2025, plan_year: 2025, kind: "filing", tracked: 1, escalates: 0, alias: "自评", aliases: ["自评报告"], covers: "current-year", title: "完成标准化运行自评报告", due: "学校标准化管理体系运行情况自评，形成正式自评报告，向本校教职员工通报", duties: [{filer: "school", document: "自评报告", to: "本校教职员工", action: "完成标准化管理体系运行情况自评，形成正式自评报告文件，并向本校教职员工通报自评结果"}]},
  {deadline_key: "q1", month_day: "04-01", first_year: 2025, last_year: null, plan_year: 2025, kind: "filing", tracked: 1, escalates: 1, alias: "季报", aliases: ["季度报表","季度总结","一季报"], covers: "previous-quarter", title: "报送 {year} 年{quarter}工作总结及季报表", due: "{quarter}工作总结及工作进展季报表（附件3-6）", duties: [{filer: "district", document: "季报", to: "市教育局安全科", action: "向市教育局安全科报送{quarter}工作总结及工作进展季报表（附件3-6）"},{filer: "city_school", document: "季报", to: "市教育局安全科", action: "向市教育局安全科报送{quarter}工作总结及工作进展季报表（附件3-6）"}]},
  {deadline_key: "q2", month_day: "07-01", first_year: 2025, last_year: null, plan_year: 2025, kind: "filing", tracked: 1, escalates: 1, alias: "季报", aliases: ["季度报表","季度总结","二季报"], covers: "previous-quarter", title: "报送 {year} 年{quarter}工作总结及季报表", due: "{quarter}工作总结及工作进展季报表（附件3-6）", duties: [{filer: "district", document: "季报", to: "市教育局安全科", action: "向市教育局安全科报送{quarter}工作总结及工作进展季报表（附件3-6）"},{filer: "city_school", document: "季报", to: "市教育局安全科", action: "向市教育局安全科报送{quarter}工作总结及工作进展季报表（附件3-6）"}]},
  {deadline_key: "q3", month_day: "10-01", first_year: 2025, last_year: null, plan_year: 2025, kind: "filing", tracked: 1, escalates: 1, alias: "季报", aliases: ["季度报表","季度总结","三季报"], covers: "previous-quarter", title: "报送 {year} 年{quarter}工作总结及季报表", due: "{quarter}工作总结及工作进展季报表（附件3-6）", duties: [{filer: "district", document: "季报", to: "市教育局安全科", action: "向市教育局安全科报送{quarter}工作总结及工作进展季报表（附件3-6）"},{filer: "city_school", document: "季报", to: "市教育局安全科", action: "向市教育局安全科报送{quarter}工作总结及工作进展季报表（附件3-6）"}]},
  {deadline_key: "q4", month_day: "01-01", first_year: 2026, last_year: null, plan_year: 2025, kind: "filing", tracked: 1, escalates: 1, alias: "季报", aliases: ["季度报表","季度总结","四季报"], covers: "previous-quarter", title: "报送 {year} 年{quarter}工作总结及季报表", due: "{quarter}工作总结及工作进展季报表（附件3-6）", duties: [{filer: "district", document: "季报", to: "市教育局安全科", action: "向市教育局安全科报送{quarter}工作总结及工作进展季报表（附件3-6）"},{filer: "city_school", document: "季报", to: "市教育局安全科", action: "向市教育局安全科报送{quarter}工作总结及工作进展季报表（附件3-6）"}]},
  {deadline_key: "q1-school", month_day: "03-28", first_year: 2025, last_year: null, plan_year: 2025, kind: "filing", tracked: 1, escalates: 1, alias: "季报数据", aliases: ["学校季报"], covers: "current-quarter", title: "填报本校 {year} 年{quarter}季报数据", due: "本校{quarter}季报数据（/季报 填报后提交，区教育局汇总）", duties: [{filer: "school", document: "季报", to: "所在县（市、区）教育局", action: "用 /季报 填报并提交本校{quarter}数据，供区教育局汇总上报"}]},
  {deadline_key: "q2-school", month_day: "06-28", first_year: 2025, last_year: null, plan_year: 2025, kind: "filing", tracked: 1, escalates: 1, alias: "季报数据", aliases: ["学校季报"], covers: "current-quarter", title: "填报本校 {year} 年{quarter}季报数据", due: "本校{quarter}季报数据（/季报 填报后提交，区教育局汇总）", duties: [{filer: "school", document: "季报", to: "所在县（市、区）教育局", action: "用 /季报 填报并提交本校{quarter}数据，供区教育局汇总上报"}]},
  {deadline_key: "q3-school", month_day: "09-28", first_year: 2025, last_year: null, plan_year: 2025, kind: "filing", tracked: 1, escalates: 1, alias: "季报数据", aliases: ["学校季报"], covers: "current-quarter", title: "填报本校 {year} 年{quarter}季报数据", due: "本校{quarter}季报数据（/季报 填报后提交，区教育局汇总）", duties: [{filer: "school", document: "季报", to: "所在县（市、区）教育局", action: "用 /季报 填报并提交本校{quarter}数据，供区教育局汇总上报"}]},
  {deadline_key: "q4-school", month_day: "12-28", first_year: 2025, last_year: null, plan_year: 2025, kind: "filing", tracked: 1, escalates: 1, alias: "季报数据", aliases: ["学校季报"], covers: "current-quarter", title: "填报本校 {year} 年{quarter}季报数据", due: "本校{quarter}季报数据（/季报 填报后提交，区教育局汇总）", duties: [{filer: "school", document: "季报", to: "所在县（市、区）教育局", action: "用 /季报 填报并提交本校{quarter}数据，供区教育局汇总上报"}]},
  {deadline_key: "annual", month_day: "01-01", first_year: 2026, last_year: null, plan_year: 2025, kind: "filing", tracked: 1, escalates: 1, alias: "年报", aliases: ["年度总结","年度工作总结"], covers: "previous-year", title: "报送 {year} 年度工作总结", due: "{year} 年度工作总结（连同有关报表）", duties: [{filer: "district", document: "年报", to: "市教育局安全科", action: "向市教育局安全科报送 {year} 年度工作总结（连同有关报表）"},{filer: "city_school", document: "年报", to: "市教育局安全科", action: "向市教育局安全科报送 {year} 年度工作总结（连同有关报表）"}]},
  {deadline_key: "stage-self-review", month_day: "03-31", first_year: 2025, last_year: 2025, plan_year: 2025, kind: "stage-end", tracked: 0, escalates: 0, alias: "自评自纠", aliases: [], covers: "current-year", title: "自评自纠阶段结束", due: "完成“回头看”评估和学校标准化运行自评、逐项整改", duties: [{filer: "district", action: "完成“回头看”评估和学校标准化运行自评、逐项整改", to: ""},{filer: "city_school", action: "完成“回头看”评估和学校标准化运行自评、逐项整改", to: ""}]},
  {deadline_key: "stage-supervision", month_day: "09-30", first_year: 2025, last_year: 2025, plan_year: 2025, kind: "stage-end", tracked: 0, escalates: 0, alias: "督导帮扶", aliases: [], covers: "current-year", title: "督导帮扶阶段结束", due: "完成重点区域、重点学校督导帮扶", duties: [{filer: "district", action: "完成重点区域、重点学校督导帮扶", to: ""}]},
  {deadline_key: "stage-enforcement", month_day: "11-30", first_year: 2025, last_year: 2025, plan_year: 2025, kind: "stage-end", tracked: 0, escalates: 0, alias: "执法推动", aliases: [], covers: "current-year", title: "执法推动阶段结束", due: "完成精准执法、重大隐患查处", duties: [{filer: "district", action: "完成精准执法、重大隐患查处", to: ""}]},
  {deadline_key: "stage-summary", month_day: "12-31", first_year: 2025, last_year: 2025, plan_year: 2025, kind: "stage-end", tracked: 0, escalates: 0, alias: "总结完善", aliases: [], covers: "current-year", title: "总结完善阶段结束", due: "全面总结，固化长效机制", duties: [{filer: "district", action: "全面总结，固化长效机制", to: ""}]},
];

export class Records1764400000010 implements MigrationInterface {
  name = 'Records1764400000010';

  async up(qr: QueryRunner): Promise<void> {
    await this.onePerUnit(qr);
    await this.calendar(qr);
    // The ledger: where a hazard came from (来源) and its 临时管控措施.
    await qr.addColumns('hazard', [
      new TableColumn({ name: 'origin', type: 'varchar', length: '16', isNullable: false, default: "'自查'", ...(isMysql(qr) ? { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' } : {}) }),
      new TableColumn({ name: 'interim_measures', type: 'text', isNullable: true, ...(isMysql(qr) ? { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' } : {}) }),
    ]);
  }

  /**
   * 附件3's 自评企业 and 实施星级管理数量 become one cell per unit (they sit outside 达标类型 in the seed): the three
   * per-row values of a submission collapse to their largest, since a school entered under two rows is one school.
   */
  private async onePerUnit(qr: QueryRunner): Promise<void> {
    const like = ['f3.self_assessed@%', 'f3.star_total@%', 'f3.star_5@%', 'f3.star_4@%', 'f3.star_3@%', 'f3.star_2@%', 'f3.star_1@%'];
    const where = like.map(() => 'cell LIKE ?').join(' OR ');
    const rows: any[] = await qr.query(
      `SELECT submission_id, SUBSTR(cell, 1, INSTR(cell, '@') - 1) AS base, MAX(value_cents) AS v, MAX(updated_at) AS at
       FROM quarterly_value WHERE ${where} GROUP BY submission_id, SUBSTR(cell, 1, INSTR(cell, '@') - 1)`,
      like,
    );
    for (const r of rows) {
      await qr.query(`DELETE FROM quarterly_value WHERE submission_id = ? AND cell = ?`, [r.submission_id, r.base]);
      await qr.query(`INSERT INTO quarterly_value (submission_id, cell, value_cents, updated_by, updated_at) VALUES (?, ?, ?, 'migration:0010', ?)`, [r.submission_id, r.base, r.v, r.at]);
    }
    await qr.query(`DELETE FROM quarterly_value WHERE ${where}`, like);
  }

  private async calendar(qr: QueryRunner): Promise<void> {
    await qr.addColumns('deadline', [
      new TableColumn({ name: 'plan_year', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'escalates', type: 'integer', isNullable: false, default: 1 }),
    ]);
    await qr.query('UPDATE deadline SET plan_year = first_year');
    // Seed-owned: no row written by an admin and no deadline change in the audit log (a deletion leaves no row).
    const [{ edited }] = await qr.query("SELECT COUNT(*) AS edited FROM deadline WHERE updated_by IS NULL OR updated_by <> 'seed'");
    const [{ changes }] = await qr.query("SELECT COUNT(*) AS changes FROM audit_log WHERE action LIKE 'deadline.%'");
    if (Number(edited) !== 0 || Number(changes) !== 0) return;
    await qr.query('DELETE FROM deadline');
    const now = Date.now();
    for (const seed of SEED_2025_PLAN) {
      const row: Record<string, unknown> = {
        ...seed, aliases: JSON.stringify(seed.aliases), duties: JSON.stringify(seed.duties), created_at: now, updated_at: now, updated_by: 'seed',
      };
      const cols = Object.keys(row);
      await qr.query(`INSERT INTO deadline (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => row[c]));
    }
    await qr.query("UPDATE filing SET deadline_key = 'q4' WHERE deadline_key = 'annual' AND filed_by LIKE 'quarterly:%'");
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('hazard', 'interim_measures');
    await qr.dropColumn('hazard', 'origin');
    await qr.query("DELETE FROM deadline WHERE deadline_key IN ('school-self-assessment', 'q4', 'q1-school', 'q2-school', 'q3-school', 'q4-school', 'stage-self-review')");
    await qr.dropColumn('deadline', 'escalates');
    await qr.dropColumn('deadline', 'plan_year');
  }
}

/** For the test that keeps this frozen copy equal to src/services/deadlines/calendar.ts. */
export const CALENDAR_0010 = SEED_2025_PLAN;
