import { describe, expect, it } from 'vitest';
import { findDeadline, QUANZHOU_CALENDAR, type Deadline } from '../../../../src/services/deadlines/calendar';
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
  it('fires the 2/21 plan reminders on exactly 2/14, 2/18, 2/20, 2/21 and, the Saturday 2/22 being off, overdue on Monday 2/24', () => {
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
      // +1 (Saturday) moves to Monday, where +3 already is: one nudge, not two.
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
    expect(slotsDueAt(QUANZHOU_CALENDAR, S, sh(2, 22))).toEqual([]);
    const slots = slotsDueAt(QUANZHOU_CALENDAR, S, sh(2, 24));
    expect(slots.map((s) => [s.kind, s.audience])).toEqual([['overdue', 'non-filers'], ['escalation', 'parent']]);
  });

  it('treats stage ends as information: −7 and the day itself, never overdue', () => {
    const slots = slotsBetween(QUANZHOU_CALENDAR, S, sh(9, 1, 0), sh(10, 31, 0)).filter((s) => s.deadlineKey === 'stage-supervision');
    expect(slots.map((s) => `${formatDateTime(s.at)} ${s.kind}`)).toEqual(['2025-09-23 09:00 before', '2025-09-30 09:00 due']);
  });

  it('repeats the standing 季报 in 2026 (not the one-off 2025 plan) and follows the settings', () => {
    const custom = parseReminderSettings({ offsetsBefore: [2], hour: 8, minute: 30, overdueDays: [] });
    expect(slotsBetween(QUANZHOU_CALENDAR, custom, sh(1, 1, 0, 0, 2026), sh(12, 31, 0, 0, 2026)).filter((s) => s.deadlineKey === 'plan')).toEqual([]);
    const slots = slotsBetween(QUANZHOU_CALENDAR, custom, sh(3, 1, 0, 0, 2026), sh(4, 2, 0, 0, 2026)).filter((s) => s.deadlineKey === 'q1');
    expect(slots.map((s) => `${formatDateTime(s.at)} ${s.kind}`)).toEqual(['2026-03-30 08:30 before', '2026-04-01 08:30 due']);
    expect(() => parseReminderSettings({ hour: 24 })).toThrow();
  });

  it('covers the 1/1 annual filing across the year boundary, around the 元旦 break and its 调休 Sunday', () => {
    const slots = slotsBetween(QUANZHOU_CALENDAR, S, sh(12, 20, 0), sh(1, 10, 0, 0, 2026)).filter((s) => s.deadlineKey === 'annual');
    expect(slots.map((s) => `${formatDateTime(s.at)} ${s.kind} ${s.daysOffset} ${s.period}`)).toEqual([
      '2025-12-25 09:00 before -7 2025', '2025-12-29 09:00 before -3 2025',
      // 1/1 is 元旦: the due-day reminder goes out on 12/31, where it replaces the "1 day left" one.
      '2025-12-31 09:00 due 0 2025',
      // 1/2–1/3 are off, Sunday 1/4 is a 调休 working day: both overdue days land there, once.
      '2026-01-04 09:00 overdue 3 2025', '2026-01-04 09:00 escalation 3 2025',
    ]);
    expect(slots[2].movedFrom).toEqual({ day: '2026-01-01', reason: '元旦' });
  });

  it('moves a reminder on 2026-10-03 (国庆) to the last working day before, and sends on a 调休 working Saturday', () => {
    const d: Deadline = { ...findDeadline(QUANZHOU_CALENDAR, 'q1')!, key: 'probe', monthDay: '10-10', covers: 'current-year', firstYear: 2026, title: '测试' };
    const custom = parseReminderSettings({ offsetsBefore: [7], overdueDays: [] });
    const slots = slotsBetween([d], custom, sh(9, 1, 0, 0, 2026), sh(10, 31, 0, 0, 2026));
    // 10/3 is inside the 10/1–10/7 break (9/25–9/27 中秋 before it): the last working day before is Wed 9/30.
    expect(slots.map((s) => `${formatDateTime(s.at)} ${s.kind} ${s.daysOffset}`)).toEqual(['2026-09-30 09:00 before -7', '2026-10-10 09:00 due 0']);
    expect(slots[0].movedFrom).toEqual({ day: '2026-10-03', reason: '国庆节' });
    // Saturday 10/10 is a 调休 working day in the holiday data: it stays.
    expect(slots[1].movedFrom).toBeUndefined();
    expect(new Date(slots[1].at.getTime() + 8 * 3600_000).getUTCDay()).toBe(6);
    // Without working days (workdays: null) both go out on the nominal days.
    const plain = slotsBetween([d], { ...custom, workdays: null }, sh(9, 1, 0, 0, 2026), sh(10, 31, 0, 0, 2026));
    expect(plain.map((s) => formatDateTime(s.at))).toEqual(['2026-10-03 09:00', '2026-10-10 09:00']);
  });

  it('the real 2026 q3 filing (due 10/1, 国庆): the "1 day left" and the due-day reminders become one on 9/30', () => {
    const slots = slotsBetween(QUANZHOU_CALENDAR, S, sh(9, 20, 0, 0, 2026), sh(10, 20, 0, 0, 2026)).filter((s) => s.deadlineKey === 'q3');
    expect(slots.map((s) => `${formatDateTime(s.at)} ${s.kind} ${s.daysOffset}`)).toEqual([
      '2026-09-24 09:00 before -7', '2026-09-28 09:00 before -3', '2026-09-30 09:00 due 0',
      // 10/1–10/7 off; Thursday 10/8 is the first working day after: both overdue days land there.
      '2026-10-08 09:00 overdue 3', '2026-10-08 09:00 escalation 3',
    ]);
  });

  it('has no slot of a one-off 2025 duty anywhere in 2027, and the standing ones all year', () => {
    const slots = slotsBetween(QUANZHOU_CALENDAR, S, sh(1, 1, 0, 0, 2027), sh(1, 1, 0, 0, 2028));
    const keys = new Set(slots.map((s) => s.deadlineKey));
    expect([...keys].sort()).toEqual(['annual', 'q1', 'q1-school', 'q2', 'q2-school', 'q3', 'q3-school', 'q4', 'q4-school']);
    // No holiday data for 2027 yet: weekends are still avoided.
    expect(slots.every((s) => ![0, 6].includes(new Date(s.at.getTime() + 8 * 3600_000).getUTCDay()))).toBe(true);
  });

  it('sends no escalation slot for a deadline that does not escalate (学校自评报告)', () => {
    const slots = slotsBetween(QUANZHOU_CALENDAR, S, sh(3, 20, 0), sh(4, 10, 0)).filter((s) => s.deadlineKey === 'school-self-assessment');
    // 2025-03-31 is a Monday; −1 (Sunday 3/30) moves to Friday 3/28, where it replaces −3.
    expect(slots.map((s) => `${formatDateTime(s.at)} ${s.kind} ${s.daysOffset}`)).toEqual([
      '2025-03-24 09:00 before -7', '2025-03-28 09:00 before -1', '2025-03-31 09:00 due 0', '2025-04-01 09:00 overdue 1', '2025-04-03 09:00 overdue 3',
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
