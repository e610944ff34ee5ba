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
import { z } from 'zod';
import { DAY_MS, HOUR_MS, MINUTE_MS, addDays, floorToMinute, parseDayKey, shanghaiDate, type DayKey } from '../time';
import { occurrencesBetween, type Deadline, type Occurrence } from './calendar';

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
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  offsetsBefore: [7, 3, 1],
  hour: 9,
  minute: 0,
  overdueDays: [1, 3],
  tz: 'Asia/Shanghai',
  stageEndOffsetsBefore: [7],
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
  return ReminderSettingsSchema.parse({ ...DEFAULT_REMINDER_SETTINGS, ...(input as object) });
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
  /** Nominal send instant (quiet hours are the sender's business). */
  at: Date;
  audience: SlotAudience;
  /** Reporting period of the occurrence ('2025', '2025Q1'). */
  period: string;
  /** Stable id for idempotent claims, e.g. "plan:2025-02-21:before:-7" (append the group id per target). */
  key: string;
}

const KIND_ORDER: Record<SlotKind, number> = { before: 0, due: 1, overdue: 2, escalation: 3 };

function slot(occ: Occurrence, kind: SlotKind, daysOffset: number, audience: SlotAudience, s: ReminderSettings): ReminderSlot {
  const { year, month, day } = parseDayKey(addDays(occ.date, daysOffset));
  return {
    deadlineKey: occ.deadlineKey,
    occurrence: occ.date,
    kind,
    daysOffset,
    at: shanghaiDate(year, month, day, s.hour, s.minute),
    audience,
    period: occ.period,
    key: `${occ.deadlineKey}:${occ.date}:${kind}:${daysOffset}`,
  };
}

/** Every reminder slot of one occurrence, in time order. */
export function slotsForOccurrence(deadline: Deadline, occ: Occurrence, s: ReminderSettings): ReminderSlot[] {
  const stageEnd = deadline.kind === 'stage-end';
  const before = stageEnd ? (s.stageEndOffsetsBefore ?? [7]) : s.offsetsBefore;
  const out = [...new Set(before)].map((d) => slot(occ, 'before', -d, 'filers', s));
  out.push(slot(occ, 'due', 0, 'filers', s));
  if (!stageEnd && deadline.tracked) {
    for (const d of [...new Set(s.overdueDays)]) {
      out.push(slot(occ, 'overdue', d, 'non-filers', s), slot(occ, 'escalation', d, 'parent', s));
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** Slots with `at` in [from, to) — half-open, so consecutive windows never fire a slot twice. */
export function slotsBetween(calendar: readonly Deadline[], s: ReminderSettings, from: Date, to: Date): ReminderSlot[] {
  if (to.getTime() <= from.getTime()) return [];
  const maxBefore = Math.max(0, ...s.offsetsBefore, ...(s.stageEndOffsetsBefore ?? [7]));
  const maxAfter = Math.max(0, ...s.overdueDays);
  // Widen by the offsets (+1 day for the time of day) so occurrences whose slots fall inside are found.
  const lo = new Date(from.getTime() - (maxAfter + 1) * DAY_MS);
  const hi = new Date(to.getTime() + (maxBefore + 1) * DAY_MS);
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
