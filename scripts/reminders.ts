// npm run reminders -- --at 2025-02-14T09:00:00+08:00   what is due at that instant, one JSON object per line (nothing written)
// npm run reminders -- --send [--at …]                   enqueue what is due now (or at --at) and run the sender once
// npm run reminders -- --export deadlines.yaml           the calendar as YAML ("-" for stdout)
// npm run reminders -- --import deadlines.yaml           replace the calendar; nothing is imported unless every row is valid
import 'dotenv/config';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config';
import { openDataSource } from '../src/db/data-source';
import { buildBot } from '../src/bootstrap';
import { fixedClock, systemClock } from '../src/services/clock';
import { UnitDirectory } from '../src/services/org/units';
import { loadCalendar, replaceCalendar } from '../src/services/deadlines/store';
import { formatCalendarErrors, parseCalendarYaml, serializeCalendarYaml } from '../src/services/deadlines/calendar-file';
import { messagesForSlot, reminderCounts, reminderDedupeKey, reminderSettings } from '../src/services/deadlines/reminders';
import { slotsDueAt } from '../src/services/deadlines/plan';
import { calendarWarnings } from '../src/services/deadlines/coverage';
import { pushGroupsByUnit } from '../src/services/outbox/push-groups';
import { formatDateTime } from '../src/services/time';
import type { Scheduler } from '../src/scheduler/scheduler';

const { values } = parseArgs({
  options: { at: { type: 'string' }, send: { type: 'boolean' }, import: { type: 'string' }, export: { type: 'string' } },
  strict: true,
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// `… | head` closes the pipe early; that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' ? process.exit(0) : undefined));

const config = readConfig(process.env);
const at = values.at ? Date.parse(values.at) : Date.now();
if (!Number.isFinite(at)) fail(`--at: 时间格式不正确，例如 2025-02-14T09:00:00+08:00`);

if (values.import || values.export) {
  const ds = await openDataSource(config.DATABASE_URL);
  try {
    if (values.export) {
      const yaml = serializeCalendarYaml(await loadCalendar(ds));
      if (values.export === '-') process.stdout.write(yaml);
      else {
        writeFileSync(values.export, yaml);
        console.error(`已导出到 ${values.export}`);
      }
    }
    if (values.import) {
      const parsed = parseCalendarYaml(readFileSync(values.import, 'utf8'));
      if (!parsed.ok) fail(`没有导入，请修改后重试：\n${formatCalendarErrors(parsed.errors)}`);
      const res = await replaceCalendar(ds, parsed.calendar, 'cli:reminders --import', Date.now());
      console.error(`已导入 ${parsed.calendar.length} 项：新增 ${res.added.join(', ') || '无'}；删除 ${res.removed.join(', ') || '无'}；更新 ${res.kept.length} 项`);
    }
  } finally {
    await ds.destroy();
  }
} else if (values.send) {
  // The real composition (deliverer, rate limits, alerts) with "now" fixed, and no background loops.
  const bot = await buildBot({ ...config, SCHEDULER: '0' }, { clock: values.at ? fixedClock(at) : systemClock, background: false });
  try {
    const created = await (bot.services.scheduler as Scheduler).tick(at);
    await bot.sender.kick();
    const rows = await reminderCounts(bot.ds);
    console.error(`新建 ${created} 条提醒；提醒总数按状态：${rows.map((r) => `${r.status} ${r.n}`).join('，') || '无'}`);
  } finally {
    await bot.close();
  }
} else {
  const ds = await openDataSource(config.DATABASE_URL);
  try {
    const units = new UnitDirectory(ds);
    await units.refresh();
    const ctx = { db: ds, units, calendar: await loadCalendar(ds) };
    for (const w of calendarWarnings(ctx.calendar, reminderSettings(config).workdays, at)) console.error(`⚠️ ${w}`);
    const groups = await pushGroupsByUnit(ds, config);
    for (const slot of slotsDueAt(ctx.calendar, reminderSettings(config), new Date(at))) {
      for (const m of await messagesForSlot(ctx, slot)) {
        const base = {
          at: formatDateTime(slot.at), ...(slot.movedFrom ? { movedFrom: slot.movedFrom } : {}), deadline: slot.deadlineKey, date: slot.occurrence, kind: slot.kind, daysOffset: slot.daysOffset,
          unit: m.unit.name, unitId: m.unit.id,
        };
        const targets = groups.get(m.unit.id) ?? [];
        if (!targets.length) console.log(JSON.stringify({ ...base, group: null, groupId: null, deliverable: false, text: m.body.markdown }));
        for (const g of targets) {
          console.log(JSON.stringify({ ...base, group: g.name, groupId: g.id, deliverable: true, dedupeKey: reminderDedupeKey(slot.key, g.id), text: m.body.markdown }));
        }
      }
    }
  } finally {
    await ds.destroy();
  }
}
