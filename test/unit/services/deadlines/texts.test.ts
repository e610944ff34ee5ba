import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../src/platforms/markdown';
import { findDeadline, occurrenceIn, QUANZHOU_CALENDAR, type Deadline } from '../../../../src/services/deadlines/calendar';
import { escalationText, formatNameList, reminderText } from '../../../../src/services/deadlines/texts';

const plan = findDeadline(QUANZHOU_CALENDAR, 'plan') as Deadline;
const occ = occurrenceIn(plan, 2025)!;

describe('reminder texts', () => {
  it('7 days before, to a district group (conversations.md sketch)', () => {
    const text = reminderText({ deadline: plan, occurrence: occ, slot: { kind: 'before', daysOffset: -7 }, unit: { kind: 'district', name: '丰泽区教育局' } });
    expect(text).toBe(
      '**📅 距 2 月 21 日（周五）还有 7 天：报送 2025 年具体方案**\n' +
        '丰泽区教育局需向市教育局安全科报送本地 2025 年持续改进方案备案，并向所属学校逐家送达《告知书》、签订《承诺书》；' +
        '各校需签订《承诺书》（一式四份：一份留存学校备查、一份在学校公示栏公示、一份报属地乡镇（街道、园区）安办备案、一份报所在县（市、区）教育局备案），' +
        '并编制本校 2025 年标准化创建、运行、改进、提升计划。\n' +
        '完成后回复 /已报送 方案',
    );
  });

  it('lists who under the unit has not finished', () => {
    const text = reminderText({
      deadline: plan, occurrence: occ, slot: { kind: 'due', daysOffset: 0 }, unit: { kind: 'district', name: '丰泽区教育局' },
      pending: { names: ['丰泽实验小学', '东海中学'], total: 12 },
    });
    expect(text.split('\n')[0]).toBe('**📅 今天（2 月 21 日）截止：报送 2025 年具体方案**');
    expect(text).toContain('尚未完成：丰泽实验小学、东海中学 等 12 所（/提醒 查看全部）');
  });

  // A school's 2/21 duty is the 《承诺书》: the headline and the filing word name it, not the district's 方案 (issue 20).
  it('overdue nudge to a school that has not signed', () => {
    const text = reminderText({ deadline: plan, occurrence: occ, slot: { kind: 'overdue', daysOffset: 1 }, unit: { kind: 'school', name: '东海中学' } });
    expect(text).toBe(
      '**⏰ 已逾期 1 天：签订《承诺书》**\n' +
        '截止 2 月 21 日，东海中学<font color="warning">尚未完成</font>。\n' +
        '东海中学需签订《承诺书》（一式四份：一份留存学校备查、一份在学校公示栏公示、一份报属地乡镇（街道、园区）安办备案、一份报所在县（市、区）教育局备案），并编制本校 2025 年标准化创建、运行、改进、提升计划。\n' +
        '完成后回复 /已报送 承诺书',
    );
    expect(renderMarkdown(text, 'dingtalk')).toContain('东海中学**尚未完成**。');
  });

  it('escalation to the parent group names the non-filers', () => {
    const names = Array.from({ length: 12 }, (_, i) => `学校${i + 1}`);
    const text = escalationText({ deadline: plan, occurrence: occ, daysOverdue: 3, pending: { names } });
    expect(text).toContain('**⚠️ 逾期 3 天：报送 2025 年具体方案**（截止 2 月 21 日）');
    expect(text).toContain('尚未完成：<font color="warning">学校1、学校2、学校3 等 12 所</font>');
  });

  it('stage ends have no /已报送 footer', () => {
    const stage = findDeadline(QUANZHOU_CALENDAR, 'stage-enforcement') as Deadline;
    const text = reminderText({ deadline: stage, occurrence: occurrenceIn(stage, 2025)!, slot: { kind: 'before', daysOffset: -7 }, unit: { kind: 'district', name: '鲤城区教育局' } });
    expect(text).toBe('**📌 距 11 月 30 日（周日）还有 7 天：执法推动阶段结束**\n鲤城区教育局需完成精准执法、重大隐患查处。');
  });

  it('counts days from the day it is sent, and says so when the due day is a holiday', () => {
    const q3 = findDeadline(QUANZHOU_CALENDAR, 'q3') as Deadline;
    const o = occurrenceIn(q3, 2026)!;
    const slot = { kind: 'due' as const, daysOffset: 0, sendDay: '2026-09-30', movedFrom: { day: '2026-10-01', reason: '国庆节' } };
    const text = reminderText({ deadline: q3, occurrence: o, slot, unit: { kind: 'district', name: '丰泽区教育局' } });
    expect(text.split('\n')[0]).toBe('**📅 10 月 1 日（周四）国庆节休息，今天是之前最后一个工作日：报送 2026 年第三季度工作总结及季报表**');
    const late = reminderText({ deadline: q3, occurrence: o, slot: { kind: 'overdue', daysOffset: 3, sendDay: '2026-10-08' }, unit: { kind: 'district', name: '丰泽区教育局' } });
    expect(late.split('\n')[0]).toBe('**⏰ 已逾期 7 天：报送 2026 年第三季度工作总结及季报表**');
  });

  it('formatNameList shows everything when short', () => {
    expect(formatNameList({ names: ['A', 'B'] })).toBe('A、B');
    expect(formatNameList({ names: ['鲤城区', '丰泽区'], total: 5, measure: '个单位' })).toBe('鲤城区、丰泽区 等 5 个单位');
  });
});
