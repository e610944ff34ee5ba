import type { DataSource } from 'typeorm';

/** Schools under 丰泽区教育局, each with a bound DingTalk group, plus people: written straight into the database. */
export async function seedSchools(ds: DataSource, opts: { prefix: string; schools: number; teachersPerSchool?: number }): Promise<{ unitIds: number[]; chatIds: string[] }> {
  const now = Date.now();
  const [{ id: district }] = await ds.query(`SELECT id FROM unit WHERE name = '丰泽区教育局'`);
  const unitIds: number[] = [];
  const chatIds: string[] = [];
  for (let i = 1; i <= opts.schools; i++) {
    const name = `${opts.prefix}${i}号学校`;
    await ds.query(`INSERT INTO unit (name, kind, parent_id, settings, created_at) VALUES (?, 'school', ?, NULL, ?)`, [name, district, now]);
    const [{ id }] = await ds.query(`SELECT id FROM unit WHERE name = ?`, [name]);
    const chatId = `cid-${opts.prefix}-${i}`;
    await ds.query(`INSERT INTO chat_group (platform, chat_id, unit_id, name, digest, created_at) VALUES ('dingtalk', ?, ?, ?, 0, ?)`, [chatId, id, `${name}安全群`, now]);
    await ds.query(`INSERT INTO member (platform, user_id, name, role, unit_id, created_at, updated_at) VALUES ('dingtalk', ?, ?, 'safety_officer', ?, ?, ?)`, [`${opts.prefix}-so-${i}`, `安全员${i}`, id, now, now]);
    for (let k = 1; k <= (opts.teachersPerSchool ?? 0); k++) {
      await ds.query(`INSERT INTO member (platform, user_id, name, role, unit_id, created_at, updated_at) VALUES ('dingtalk', ?, ?, 'teacher', ?, ?, ?)`, [`${opts.prefix}-t-${i}-${k}`, `老师${i}-${k}`, id, now, now]);
    }
    unitIds.push(Number(id));
    chatIds.push(chatId);
  }
  return { unitIds, chatIds };
}

/** The first REMINDER_HOUR slot from today on whose reminders reach at least `minPushes` groups (0 if none in 400 days). */
export async function findReminderSlot(ds: DataSource, config: import('../../../src/config').Config, minPushes: number): Promise<number> {
  const { UnitDirectory } = await import('../../../src/services/org/units');
  const { loadCalendar } = await import('../../../src/services/deadlines/store');
  const { plannedPushesAt, reminderSettings } = await import('../../../src/services/deadlines/reminders');
  const { slotsDueAt } = await import('../../../src/services/deadlines/plan');
  const { pushGroupsByUnit } = await import('../../../src/services/outbox/push-groups');
  const units = new UnitDirectory(ds);
  await units.refresh();
  const ctx = { db: ds, units, calendar: await loadCalendar(ds), groups: await pushGroupsByUnit(ds, config) };
  const settings = reminderSettings(config);
  for (let d = 0; d < 400; d++) {
    const day = new Date(Date.now() + d * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const t = Date.parse(`${day}T${String(config.REMINDER_HOUR).padStart(2, '0')}:00:00+08:00`);
    if (slotsDueAt(ctx.calendar, settings, new Date(t)).length && (await plannedPushesAt(ctx, settings, new Date(t))).length >= minPushes) return t;
  }
  return 0;
}
