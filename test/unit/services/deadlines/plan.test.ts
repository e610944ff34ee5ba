import { describe, expect, it } from 'vitest';
import { QUANZHOU_CALENDAR } from '../../../../src/services/deadlines/calendar';
import {
  classifyMissedSlot,
  DEFAULT_REMINDER_SETTINGS as S,
  parseReminderSettings,
  planCatchUp,
  slotsBetween,
  slotsDueAt,
} from '../../../../src/services/deadlines/plan';
import { formatDateTime, MINUTE_MS, shanghaiDate } from '../../../../src/services/time';

const sh = (m: number, d: number, h = 9, mi = 0, y = 2025) => shanghaiDate(y, m, d, h, mi);

describe('slotsDueAt with the 2025 calendar', () => {
  it('fires the 2/21 plan reminders on exactly 2/14, 2/18, 2/20, 2/21 (+ overdue 2/22, 2/24) at 09:00', () => {
    const hits: string[] = [];
    // every minute from 1 Feb to 1 Mar (Shanghai)
    for (let t = sh(2, 1, 0).getTime(); t < sh(3, 1, 0).getTime(); t += MINUTE_MS) {
      for (const slot of slotsDueAt(QUANZHOU_CALENDAR, S, new Date(t))) {
        if (slot.deadlineKey === 'plan') hits.push(`${formatDateTime(new Date(t))} ${slot.kind} ${slot.daysOffset}`);
      }
    }
    expect(hits).toEqual([
      '2025-02-14 09:00 before -7',
      '2025-02-18 09:00 before -3',
      '2025-02-20 09:00 before -1',
      '2025-02-21 09:00 due 0',
      '2025-02-22 09:00 overdue 1',
      '2025-02-22 09:00 escalation 1',
      '2025-02-24 09:00 overdue 3',
      '2025-02-24 09:00 escalation 3',
    ]);
  });

  it('is silent at 08:59 and 09:01, and matches anywhere inside the 09:00 minute', () => {
    expect(slotsDueAt(QUANZHOU_CALENDAR, S, sh(2, 14, 8, 59))).toEqual([]);
    expect(slotsDueAt(QUANZHOU_CALENDAR, S, sh(2, 14, 9, 1))).toEqual([]);
    const inside = slotsDueAt(QUANZHOU_CALENDAR, S, new Date(sh(2, 14).getTime() + 59_999));
    expect(inside).toHaveLength(1);
    expect(inside[0]).toMatchObject({
      deadlineKey: 'plan', occurrence: '2025-02-21', kind: 'before', daysOffset: -7, audience: 'filers',
      period: '2025', key: 'plan:2025-02-21:before:-7', at: sh(2, 14),
    });
  });

  it('sends overdue to non-filers and escalations to the parent', () => {
    const slots = slotsDueAt(QUANZHOU_CALENDAR, S, sh(2, 22));
    expect(slots.map((s) => [s.kind, s.audience])).toEqual([['overdue', 'non-filers'], ['escalation', 'parent']]);
  });

  it('treats stage ends as information: −7 and the day itself, never overdue', () => {
    const slots = slotsBetween(QUANZHOU_CALENDAR, S, sh(9, 1, 0), sh(10, 31, 0)).filter((s) => s.deadlineKey === 'stage-supervision');
    expect(slots.map((s) => `${formatDateTime(s.at)} ${s.kind}`)).toEqual(['2025-09-23 09:00 before', '2025-09-30 09:00 due']);
  });

  it('repeats in 2026 and follows the settings', () => {
    const custom = parseReminderSettings({ offsetsBefore: [2], hour: 8, minute: 30, overdueDays: [] });
    const slots = slotsBetween(QUANZHOU_CALENDAR, custom, sh(2, 1, 0, 0, 2026), sh(3, 1, 0, 0, 2026)).filter((s) => s.deadlineKey === 'plan');
    expect(slots.map((s) => `${formatDateTime(s.at)} ${s.kind}`)).toEqual(['2026-02-19 08:30 before', '2026-02-21 08:30 due']);
    expect(() => parseReminderSettings({ hour: 24 })).toThrow();
  });

  it('covers the 1/1 annual filing across the year boundary', () => {
    const slots = slotsBetween(QUANZHOU_CALENDAR, S, sh(12, 20, 0), sh(1, 10, 0, 0, 2026)).filter((s) => s.deadlineKey === 'annual');
    expect(slots.map((s) => `${formatDateTime(s.at)} ${s.kind} ${s.period}`)).toEqual([
      '2025-12-25 09:00 before 2025', '2025-12-29 09:00 before 2025', '2025-12-31 09:00 before 2025',
      '2026-01-01 09:00 due 2025', '2026-01-02 09:00 overdue 2025', '2026-01-02 09:00 escalation 2025',
      '2026-01-04 09:00 overdue 2025', '2026-01-04 09:00 escalation 2025',
    ]);
  });

  it('uses half-open windows so consecutive windows never repeat a slot', () => {
    const a = slotsBetween(QUANZHOU_CALENDAR, S, sh(2, 14, 0), sh(2, 14, 9));
    const b = slotsBetween(QUANZHOU_CALENDAR, S, sh(2, 14, 9), sh(2, 14, 10));
    expect([a.length, b.length]).toEqual([0, 1]);
  });
});

describe('catch-up after downtime', () => {
  it('sends a slot missed by up to 12 h, skips older ones', () => {
    const slot = { at: sh(2, 14) };
    expect(classifyMissedSlot(slot, sh(2, 14, 9, 0))).toBe('send');
    expect(classifyMissedSlot(slot, sh(2, 14, 21, 0))).toBe('send');
    expect(classifyMissedSlot(slot, sh(2, 14, 21, 1))).toBe('skip');
    expect(classifyMissedSlot(slot, sh(2, 17))).toBe('skip');
  });

  it('planCatchUp splits the missed slots since the last run', () => {
    const { send, skip } = planCatchUp(QUANZHOU_CALENDAR, S, sh(2, 10, 0), sh(2, 18, 15, 0));
    expect(skip.map((s) => s.key)).toEqual(['plan:2025-02-21:before:-7']);
    expect(send.map((s) => s.key)).toEqual(['plan:2025-02-21:before:-3']);
  });
});
