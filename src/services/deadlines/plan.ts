// Which reminders are due when. Pure: the scheduler asks "what is due at this minute" (or "what did I
// miss since the last run"), then claims each slot × group with a unique key before sending.
//
// Rules (days relative to the due day, all at settings.hour:minute Shanghai time):
// - tracked filing: 'before' at −7/−3/−1 and 'due' at 0 to every filer unit; 'overdue' at +1/+3 only to
//   units that have not filed; 'escalation' at +1/+3 to the parent group (school → district, district
//   and 市属学校 → city) listing the non-filers.
// - untracked filing: 'before' and 'due' only (nobody records filing, so nobody can be "late").
// - stage end (9/30, 11/30, 12/31): informational; 'before' at −7 and 'due' on the day, to districts.
//   −3/−1 would be noise for something nobody hands in.
// - working days: a before/due slot on a weekend or public holiday moves to the previous working day, an
//   overdue/escalation slot to the next one (being "late" before the due day would be wrong); 调休 working
//   Saturdays and Sundays count as working days (workdays.ts). Slots of one occurrence that land on the same
//   day collapse to the one nearest the due day, so nobody gets "3 days left" and "1 day left" in one morning.
//   The claim key stays the nominal one, so moving a slot never sends it twice.
import { z } from 'zod';
import { DAY_MS, HOUR_MS, MINUTE_MS, addDays, floorToMinute, parseDayKey, shanghaiDate, type DayKey } from '../time';
import { occurrencesBetween, type Deadline, type Occurrence } from './calendar';
import { CHINA_WORKDAYS, nearestWorkday, type WorkCalendar } from './workdays';

export interface ReminderSettings {
  /** Days before the due day, e.g. [7, 3, 1]. */
  offsetsBefore: number[];
  hour: number;
  minute: number;
  /** Days after the due day for overdue nudges and escalations, e.g. [1, 3]. */
  overdueDays: number[];
  /** Only Asia/Shanghai is supported (fixed +08:00, see time.ts). */
  tz: 'Asia/Shanghai';
  /** 'before' offsets for stage ends (default [7]). */
  stageEndOffsetsBefore?: number[];
  /** Working days to move slots onto; null = send on the nominal day, weekends included. */
  workdays?: WorkCalendar | null;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  offsetsBefore: [7, 3, 1],
  hour: 9,
  minute: 0,
  overdueDays: [1, 3],
  tz: 'Asia/Shanghai',
  stageEndOffsetsBefore: [7],
  workdays: CHINA_WORKDAYS,
};

const days = z.array(z.number().int().min(1).max(60)).max(10);
export const ReminderSettingsSchema = z.object({
  offsetsBefore: days,
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
  overdueDays: days,
  tz: z.literal('Asia/Shanghai'),
  stageEndOffsetsBefore: days.optional(),
});

/** Validate settings from a config file or the settings table; missing fields take the defaults. */
export function parseReminderSettings(input: unknown): ReminderSettings {
  const { workdays, ...rest } = { ...DEFAULT_REMINDER_SETTINGS, ...(input as object) } as ReminderSettings;
  return { ...ReminderSettingsSchema.parse(rest), workdays: workdays === undefined ? CHINA_WORKDAYS : workdays };
}

export type SlotKind = 'before' | 'due' | 'overdue' | 'escalation';
/** filers: every unit that must file; non-filers: those that have not yet; parent: their parent's group. */
export type SlotAudience = 'filers' | 'non-filers' | 'parent';

export interface ReminderSlot {
  deadlineKey: string;
  /** Due day of the occurrence, YYYY-MM-DD. */
  occurrence: DayKey;
  kind: SlotKind;
  /** Days relative to the due day: −7, −3, −1, 0, +1, +3. */
  daysOffset: number;
  /** Send instant: the nominal day moved onto a working day (quiet hours are the sender's business). */
  at: Date;
  /** The day it goes out (Shanghai); differs from occurrence + daysOffset when that day is off. */
  sendDay: DayKey;
  /** Why it moved ('国庆节', '周末'), when it did. */
  movedFrom?: { day: DayKey; reason: string };
  audience: SlotAudience;
  /** Reporting period of the occurrence ('2025', '2025Q1'). */
  period: string;
  /** Stable id for idempotent claims, e.g. "plan:2025-02-21:before:-7" (append the group id per target). */
  key: string;
}

/** Longer than any run of days off (春节 and 国庆 are 8–9 days with the weekends). */
const MAX_SHIFT_DAYS = 12;

const KIND_ORDER: Record<SlotKind, number> = { before: 0, due: 1, overdue: 2, escalation: 3 };

function slot(occ: Occurrence, kind: SlotKind, daysOffset: number, audience: SlotAudience, s: ReminderSettings): ReminderSlot {
  const nominal = addDays(occ.date, daysOffset);
  const sendDay = s.workdays ? nearestWorkday(s.workdays, nominal, kind === 'before' || kind === 'due' ? -1 : 1) : nominal;
  const { year, month, day } = parseDayKey(sendDay);
  const out: ReminderSlot = {
    deadlineKey: occ.deadlineKey,
    occurrence: occ.date,
    kind,
    daysOffset,
    at: shanghaiDate(year, month, day, s.hour, s.minute),
    sendDay,
    audience,
    period: occ.period,
    key: `${occ.deadlineKey}:${occ.date}:${kind}:${daysOffset}`,
  };
  if (sendDay !== nominal) out.movedFrom = { day: nominal, reason: s.workdays?.offReason(nominal) ?? '休息日' };
  return out;
}

/** Of the slots of one kind-group landing on the same day, the one nearest the due day (the latest 'before'
 * or the 'due'; the last overdue). A before/due pair collapses to the due. */
function collapseSameDay(slots: ReminderSlot[]): ReminderSlot[] {
  const keep = new Map<string, ReminderSlot>();
  for (const sl of slots) {
    const group = sl.kind === 'before' || sl.kind === 'due' ? 'ahead' : sl.kind;
    const k = `${group}|${sl.sendDay}`;
    const prev = keep.get(k);
    if (!prev || sl.daysOffset > prev.daysOffset) keep.set(k, sl);
  }
  return slots.filter((sl) => keep.get(`${sl.kind === 'before' || sl.kind === 'due' ? 'ahead' : sl.kind}|${sl.sendDay}`) === sl);
}

/** Every reminder slot of one occurrence, in time order. */
export function slotsForOccurrence(deadline: Deadline, occ: Occurrence, s: ReminderSettings): ReminderSlot[] {
  const stageEnd = deadline.kind === 'stage-end';
  const before = stageEnd ? (s.stageEndOffsetsBefore ?? [7]) : s.offsetsBefore;
  const out = [...new Set(before)].map((d) => slot(occ, 'before', -d, 'filers', s));
  out.push(slot(occ, 'due', 0, 'filers', s));
  if (!stageEnd && deadline.tracked) {
    for (const d of [...new Set(s.overdueDays)]) {
      out.push(slot(occ, 'overdue', d, 'non-filers', s));
      if (deadline.escalates !== false) out.push(slot(occ, 'escalation', d, 'parent', s));
    }
  }
  return collapseSameDay(out).sort((a, b) => a.at.getTime() - b.at.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** Slots with `at` in [from, to) — half-open, so consecutive windows never fire a slot twice. */
export function slotsBetween(calendar: readonly Deadline[], s: ReminderSettings, from: Date, to: Date): ReminderSlot[] {
  if (to.getTime() <= from.getTime()) return [];
  const maxBefore = Math.max(0, ...s.offsetsBefore, ...(s.stageEndOffsetsBefore ?? [7]));
  const maxAfter = Math.max(0, ...s.overdueDays);
  // Widen by the offsets (+1 day for the time of day, +MAX_SHIFT for a slot moved over a holiday) so occurrences
  // whose slots fall inside are found.
  const lo = new Date(from.getTime() - (maxAfter + 1 + MAX_SHIFT_DAYS) * DAY_MS);
  const hi = new Date(to.getTime() + (maxBefore + 1 + MAX_SHIFT_DAYS) * DAY_MS);
  const out: ReminderSlot[] = [];
  for (const deadline of calendar) {
    for (const occ of occurrencesBetween(deadline, lo, hi)) {
      for (const sl of slotsForOccurrence(deadline, occ, s)) {
        if (sl.at >= from && sl.at < to) out.push(sl);
      }
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** Slots due in the minute containing `at` (what a per-minute cron tick sends). */
export function slotsDueAt(calendar: readonly Deadline[], s: ReminderSettings, at: Date): ReminderSlot[] {
  const start = floorToMinute(at);
  return slotsBetween(calendar, s, start, new Date(start.getTime() + MINUTE_MS));
}

export const CATCH_UP_WINDOW_MS = 12 * HOUR_MS;
export type CatchUpDecision = 'send' | 'skip';

/**
 * After downtime: a slot missed by at most 12 h still goes out (once — the claim key prevents repeats);
 * older ones are recorded as skipped, because "7 days left" read 2 days late is wrong, and a burst of
 * stale reminders after an outage would bury the current one. Slots not yet due are 'send'.
 */
export function classifyMissedSlot(slot: Pick<ReminderSlot, 'at'>, now: Date, windowMs = CATCH_UP_WINDOW_MS): CatchUpDecision {
  return now.getTime() - slot.at.getTime() <= windowMs ? 'send' : 'skip';
}

/** Slots in [since, now], split into what to send now and what to record as skipped. */
export function planCatchUp(
  calendar: readonly Deadline[],
  s: ReminderSettings,
  since: Date,
  now: Date,
  windowMs = CATCH_UP_WINDOW_MS,
): { send: ReminderSlot[]; skip: ReminderSlot[] } {
  const slots = slotsBetween(calendar, s, since, new Date(now.getTime() + 1));
  return {
    send: slots.filter((sl) => classifyMissedSlot(sl, now, windowMs) === 'send'),
    skip: slots.filter((sl) => classifyMissedSlot(sl, now, windowMs) === 'skip'),
  };
}
