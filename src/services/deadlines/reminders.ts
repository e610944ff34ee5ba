// From "this slot is due" to "these messages, to these groups". The plan (plan.ts) says when; this module says
// to whom and what, reading the calendar and filings from the database at that moment, so a unit that filed
// a minute before 09:00 is not nudged at 09:00.
import { commandButton, commandCard } from '../cards/command-card';
import type { Config } from '../../config';
import type { Db } from '../../db/repositories/base';
import { deadlines } from '../../db/repositories/deadline.repository';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import type { OutgoingMessage } from '../outbox/outbox.types';
import { enqueue, recordSkipped } from '../outbox/outbox.service';
import { nextAllowedSendTime } from '../time';
import { dutyFor, findDeadline, occurrenceIn, type Deadline, type Occurrence } from './calendar';
import { parseReminderSettings, slotsDueAt, type ReminderSettings, type ReminderSlot } from './plan';
import { daysLeftAt, documentFor, escalationText, reminderText, type PendingUnits } from './texts';
import { escalationParent, filingUnits, shortName, type Filer } from './audience';
import type { PushGroup } from '../outbox/push-groups';
import { filedUnitIds } from './filings';

export function reminderSettings(config: Pick<Config, 'REMINDER_HOUR' | 'REMINDER_OFFSETS'>): ReminderSettings {
  return parseReminderSettings({ hour: config.REMINDER_HOUR, offsetsBefore: config.REMINDER_OFFSETS.split(',').map(Number) });
}

export interface PlanContext {
  db: Db;
  units: UnitDirectory;
  calendar: readonly Deadline[];
  /** pushGroupsByUnit(): only groups the bot can post into. */
  groups: Map<number, PushGroup[]>;
}

/** One message for one unit's groups. */
export interface UnitMessage {
  slot: ReminderSlot;
  deadline: Deadline;
  occurrence: Occurrence;
  unit: Unit;
  body: OutgoingMessage;
}

/** The outbox claim of one reminder in one group: the same slot never reaches the same group twice. */
export const reminderDedupeKey = (slotKey: string, groupId: number) => `rem:${slotKey}:${groupId}`;

/** Reminders in the outbox by status (the CLI's report after a send). */
export function reminderCounts(db: Db): Promise<{ status: string; n: number }[]> {
  return deadlines(db).reminderCounts();
}

function pendingOf(list: Filer[], units: UnitDirectory): PendingUnits {
  const names = list.map((f) => shortName(f.unit, units));
  return list.every((f) => f.unit.kind === 'school') ? { names } : { names, measure: '个单位' };
}

/**
 * What one slot says, per receiving unit. before/due/overdue go to every unit that must file and has not
 * (a unit that filed hears nothing more); escalations go to the parent of the late units, listing them.
 */
export async function messagesForSlot(ctx: Omit<PlanContext, 'groups'>, slot: ReminderSlot): Promise<UnitMessage[]> {
  const deadline = findDeadline(ctx.calendar, slot.deadlineKey);
  const occurrence = deadline && occurrenceIn(deadline, Number(slot.occurrence.slice(0, 4)));
  if (!deadline || !occurrence || occurrence.date !== slot.occurrence) return [];
  const filed = deadline.tracked ? await filedUnitIds(ctx.db, deadline.key, occurrence.date) : new Set<number>();
  const all = filingUnits(deadline, ctx.units);
  const owing = all.filter((f) => !filed.has(f.unit.id));
  const title = occurrence.title;
  const out: UnitMessage[] = [];
  if (slot.audience === 'parent') {
    // A school's 自评报告 goes to its own staff: it is tracked, but nobody above chases it.
    if (!deadline.escalates) return [];
    const byParent = new Map<number, { parent: Unit; late: Filer[] }>();
    for (const f of owing) {
      const parent = escalationParent(f.unit, ctx.units);
      if (!parent) continue;
      byParent.set(parent.id, { parent, late: [...(byParent.get(parent.id)?.late ?? []), f] });
    }
    for (const { parent, late } of [...byParent.values()].sort((a, b) => a.parent.id - b.parent.id)) {
      const markdown = escalationText({ deadline, occurrence, daysOverdue: -daysLeftAt(occurrence, slot), pending: pendingOf(late, ctx.units) });
      out.push({ slot, deadline, occurrence, unit: parent, body: { markdown, title, card: reminderCard(title, deadline, null) } });
    }
    return out;
  }
  const schoolsOwe = deadline.tracked && Boolean(dutyFor(deadline, 'school'));
  for (const f of owing) {
    // A district also hears which of its schools still owe: it is the one chasing them.
    const schools = f.kind === 'district' && schoolsOwe ? all.filter((o) => o.kind === 'school' && o.unit.parentId === f.unit.id) : [];
    const pending = schools.length ? pendingOf(schools.filter((o) => !filed.has(o.unit.id)), ctx.units) : undefined;
    const markdown = reminderText({ deadline, occurrence, slot, unit: { kind: f.kind, name: shortName(f.unit, ctx.units) }, pending });
    out.push({ slot, deadline, occurrence, unit: f.unit, body: { markdown, title, card: reminderCard(title, deadline, deadline.tracked ? documentFor(deadline, occurrence, f.kind).word : null) } });
  }
  return out;
}

export interface PlannedPush extends UnitMessage {
  group: PushGroup;
  dedupeKey: string;
}

/** Every push due in the minute containing `at`; nothing is written. */
export async function plannedPushesAt(ctx: PlanContext, settings: ReminderSettings, at: Date): Promise<PlannedPush[]> {
  const out: PlannedPush[] = [];
  for (const slot of slotsDueAt(ctx.calendar, settings, at)) out.push(...(await pushesForSlot(ctx, slot)));
  return out;
}

export async function pushesForSlot(ctx: PlanContext, slot: ReminderSlot): Promise<PlannedPush[]> {
  const out: PlannedPush[] = [];
  for (const m of await messagesForSlot(ctx, slot)) {
    for (const group of ctx.groups.get(m.unit.id) ?? []) out.push({ ...m, group, dedupeKey: reminderDedupeKey(slot.key, group.id) });
  }
  return out;
}

export interface FanOutTarget {
  group: Pick<PushGroup, 'id' | 'robotKey'>;
  body: OutgoingMessage;
}

/**
 * Enqueues one reminder slot into many groups, each as its own outbox row keyed `rem:<slot>:<group>`. The
 * insert is the claim: a restart, a re-run or a second instance inserting the same key is ignored. Returns
 * how many rows this call created. Reminders are not urgent: they wait out quiet hours (22:00–07:00).
 */
export async function fanOut(
  db: Db,
  slotKey: string,
  targets: readonly FanOutTarget[],
  opts: { now: number; notBefore?: number; kind?: string; skipReason?: string },
): Promise<number> {
  const notBefore = nextAllowedSendTime(new Date(Math.max(opts.now, opts.notBefore ?? opts.now))).getTime();
  const queue = [...targets];
  let created = 0;
  // A few inserts in flight: on MySQL each is its own round trip and commit; on SQLite they simply queue.
  const lanes = Array.from({ length: Math.min(8, queue.length) }, async () => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      const input = {
        dedupeKey: reminderDedupeKey(slotKey, t.group.id), kind: opts.kind ?? 'reminder', route: { kind: 'group' as const, groupId: t.group.id },
        body: t.body, robotKey: t.group.robotKey, notBefore,
      };
      const inserted = opts.skipReason ? await recordSkipped(db, input, opts.now, opts.skipReason) : await enqueue(db, input, opts.now);
      if (inserted) created++;
    }
  });
  await Promise.all(lanes);
  return created;
}

/**
 * 已报送 (for the unit that owes it, with the filing word its text asks for: a school's 「/已报送 承诺书」) and 查看要求
 * under a reminder; typing the same commands works everywhere.
 */
function reminderCard(title: string, deadline: { key: string }, filingWord: string | null) {
  const buttons = [...(filingWord ? [commandButton('已报送', `/已报送 ${filingWord}`, 'primary')] : []), commandButton('查看要求', '/提醒')];
  return commandCard({ subject: `rem-${deadline.key}`, title: title.slice(0, 26), desc: '报送提醒', buttons });
}
