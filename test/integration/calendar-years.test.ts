// Migration 0010 on both engines, and the reminders CLI across years: what a database from before 0010 becomes, and
// what `npm run reminders -- --at` says in 2025 and in 2027 (after the 2025 plan's one-off duties have ended).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { seedReminderWorld } from '../helpers/reminder-world';
import { dataSourceOptions, migrate, openDataSource } from '../../src/db/data-source';
import { MIGRATIONS } from '../../src/db/migrations';
import { QUANZHOU_CALENDAR } from '../../src/services/deadlines/calendar';
import { loadCalendar } from '../../src/services/deadlines/store';

const run = promisify(execFile);
const targets = await dbTargets();
const BEFORE_0010 = MIGRATIONS.findIndex((m) => m.name === 'Records1764400000010');

/** A database as it was before 0010: every migration before it applied. */
async function legacy(url: string): Promise<DataSource> {
  const ds = new DataSource({ ...dataSourceOptions(url), migrations: MIGRATIONS.slice(0, BEFORE_0010) } as any);
  await ds.initialize();
  await migrate(ds);
  return ds;
}

describe.each(targets)('calendar years (migration 0010, reminders CLI) on $name', (target) => {
  const urls: string[] = [];
  const fresh = async () => {
    const url = await target.create();
    urls.push(url);
    return url;
  };
  afterAll(async () => {
    for (const url of urls) await target.drop(url);
  });

  it('a calendar still as 0003 seeded it becomes the 2025 plan with years; Q4 filings move to q4; 自评/星级 become one cell per unit', async () => {
    const url = await fresh();
    const old = await legacy(url);
    // The live entity has 0010's columns; the schema before it is read as it stood.
    expect((await old.query(`SELECT deadline_key FROM deadline`)).map((r: any) => r.deadline_key)).toContain('annual');
    const unit = Number((await old.query(`SELECT id FROM unit WHERE kind = 'district' ORDER BY id LIMIT 1`))[0].id);
    for (const [by, unitId] of [['quarterly:7', unit], ['wecom:huang', unit + 1]] as const) {
      await old.query(`INSERT INTO filing (unit_id, deadline_key, occurrence, filed_by, filed_at) VALUES (?, 'annual', '2026-01-01', ?, 0)`, [unitId, by]);
    }
    // 自评/星级 as they were stored per 达标类型 row before 0010.
    await old.query(`INSERT INTO quarterly_submission (unit_id, quarter, status, version, created_at, updated_at) VALUES (?, '2025Q1', 'draft', 0, 0, 0)`, [unit]);
    const sub = Number((await old.query(`SELECT id FROM quarterly_submission`))[0].id);
    for (const [cell, v] of [['f3.star_total@国标', 200], ['f3.star_total@省标', 300], ['f3.self_assessed@地标', 100], ['f3.grade_level1@国标', 400]] as const) {
      await old.query(`INSERT INTO quarterly_value (submission_id, cell, value_cents, updated_by, updated_at) VALUES (?, ?, ?, 'test', 0)`, [sub, cell, v]);
    }
    await old.destroy();
    const ds = await openDataSource(url);
    try {
      const cells = await ds.query(`SELECT cell, value_cents FROM quarterly_value ORDER BY cell`);
      expect(cells.map((r: any) => `${r.cell}=${Number(r.value_cents)}`)).toEqual(['f3.grade_level1@国标=400', 'f3.self_assessed=100', 'f3.star_total=300']);
      const byKey = <T extends { key: string }>(l: readonly T[]) => [...l].sort((a, b) => a.key.localeCompare(b.key));
      expect(byKey(await loadCalendar(ds))).toEqual(byKey(QUANZHOU_CALENDAR));
      const filings = await ds.query(`SELECT deadline_key, filed_by FROM filing ORDER BY filed_by`);
      expect(filings.map((r: any) => `${r.deadline_key} ${r.filed_by}`)).toEqual(['q4 quarterly:7', 'annual wecom:huang']);
    } finally {
      await ds.destroy();
    }
  });

  it('a calendar an admin has changed is kept, given the new columns', async () => {
    const url = await fresh();
    const old = await legacy(url);
    await old.query(`UPDATE deadline SET month_day = '02-28', updated_by = 'wecom:zheng' WHERE deadline_key = 'plan'`);
    const before = (await old.query(`SELECT deadline_key, month_day FROM deadline ORDER BY deadline_key`)).map((r: any) => `${r.deadline_key} ${r.month_day}`);
    await old.destroy();
    const ds = await openDataSource(url);
    try {
      const after = await ds.query(`SELECT deadline_key, month_day, first_year, plan_year, escalates FROM deadline ORDER BY deadline_key`);
      expect(after.map((r: any) => `${r.deadline_key} ${r.month_day}`)).toEqual(before);
      expect(after.every((r: any) => Number(r.plan_year) === Number(r.first_year) && Number(r.escalates) === 1)).toBe(true);
      expect(before).toContain('plan 02-28');
    } finally {
      await ds.destroy();
    }
  });

  describe('npm run reminders -- --at', () => {
    let url: string;
    beforeAll(async () => {
      url = await fresh();
      const ds = await openDataSource(url);
      await seedReminderWorld(ds);
      await ds.destroy();
    });
    const at = async (iso: string) => {
      const { stdout, stderr } = await run('npx', ['tsx', 'scripts/reminders.ts', '--at', iso], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'error' } });
      return { lines: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr };
    };

    it('in 2025 the plan reminders go out; in 2027 no one-off 2025 duty does, only the standing ones', async () => {
      const y2025 = await at('2025-02-14T09:00:00+08:00');
      expect(new Set(y2025.lines.map((l) => l.deadline))).toEqual(new Set(['plan']));
      expect(y2025.stderr).not.toContain('⚠️');

      // 2027-02-19 would be the 2/21 plan's "due" (a Sunday, moved to Friday); the whole year is checked slot by slot
      // in test/unit/services/deadlines/plan.test.ts.
      expect((await at('2027-02-19T09:00:00+08:00')).lines).toEqual([]);
      const q1 = await at('2027-03-25T09:00:00+08:00');
      expect(new Set(q1.lines.map((l) => l.deadline))).toEqual(new Set(['q1', 'q1-school']));
      expect(q1.lines.map((l) => l.text).join('\n')).not.toContain('2027 年具体方案');
      // Warned: no holiday data for 2027 yet, and no 2027 plan.
      expect(q1.stderr).toContain('节假日数据缺少 2027 年');
      expect(q1.stderr).toContain('没有 2027 年方案的事项');
    }, 240_000);
  });
});
