// Reminder and filing texts, in one place for review (house-style: user-facing Chinese kept together).
// Output is neutral markdown (written with src/services/markdown.ts); adapters render it per platform (src/platforms/markdown.ts).
// Short and scannable on a phone: a bold headline, who must do what, what is missing, the next command.
import { font } from '../markdown';
import { daysBetween, formatMonthDay } from '../time';
import { weekdayName } from './workdays';
import { dutyFor, fillTemplate, type Deadline, type Duty, type FilerKind, type Occurrence } from './calendar';
import type { ReminderSlot } from './plan';

/** The unit whose group receives the message. */
export interface ReminderUnit {
  kind: FilerKind;
  /** As it should read in a sentence, e.g. "丰泽区教育局", "东海中学". */
  name: string;
}

export interface PendingUnits {
  /** Names of units that have not filed (a prefix is shown). */
  names: string[];
  /** Total count when `names` is only a page of them. */
  total?: number;
  /** Measure word: '所' for schools (default), '个单位' for a mixed list. */
  measure?: string;
}

/** "A、B、C 等 12 所" — at most `max` names, then the count. */
export function formatNameList(p: PendingUnits, max = 3): string {
  const total = Math.max(p.total ?? p.names.length, p.names.length);
  const shown = p.names.slice(0, max);
  if (shown.length === total) return shown.join('、');
  return `${shown.join('、')} 等 ${total} ${p.measure ?? '所'}`;
}

const spaced = (date: string) => formatMonthDay(date, { spaced: true });

function sentence(subject: string, duty: Duty, deadline: Deadline, occ: Occurrence): string {
  return `${subject}需${fillTemplate(duty.action, deadline, occ.date)}`;
}

/** "丰泽区教育局需向市教育局安全科报送本地方案；各校需签订《承诺书》。" */
export function dutyLine(deadline: Deadline, occ: Occurrence, unit: ReminderUnit): string {
  const own = dutyFor(deadline, unit.kind) ?? (unit.kind === 'city_school' ? dutyFor(deadline, 'school') : undefined);
  const parts: string[] = [];
  if (own) parts.push(sentence(unit.name, own, deadline, occ));
  // A district group also hears what its schools must do: the district is the one chasing them.
  const schools = unit.kind === 'district' ? dutyFor(deadline, 'school') : undefined;
  if (schools) parts.push(sentence('各校', schools, deadline, occ));
  return parts.length ? `${parts.join('；')}。` : `${fillTemplate(deadline.due, deadline, occ.date)}。`;
}

function pendingLine(pending: PendingUnits | undefined): string[] {
  if (!pending) return [];
  if (pending.names.length === 0 && !pending.total) return ['✅ 已全部完成'];
  return [`尚未完成：${formatNameList(pending)}（/提醒 查看全部）`];
}

/**
 * The document this unit hands in, named from the calendar's own data: a school's 2/21 duty is 《承诺书》, not the
 * district's 方案. A duty that names a document (《…》) is the headline; the filing word is the alias its action
 * uses, so the footer asks for exactly that (「/已报送 承诺书」).
 */
export function documentFor(deadline: Deadline, occ: Occurrence, kind: FilerKind): { title: string; word: string } {
  const own = dutyFor(deadline, kind) ?? (kind === 'city_school' ? dutyFor(deadline, 'school') : undefined);
  if (!own || kind === 'district') return { title: occ.title, word: deadline.alias };
  const action = fillTemplate(own.action, deadline, occ.date);
  const word = [deadline.alias, ...deadline.aliases].find((w) => action.includes(w)) ?? deadline.alias;
  const named = /《[^》]+》/.exec(action);
  return { title: named ? action.split(/[，,；（(]/)[0] : occ.title, word };
}

function footer(deadline: Deadline, word: string): string[] {
  return deadline.tracked ? [`完成后回复 /已报送 ${word}`] : [];
}

/** The slot as the text needs it: sendDay and movedFrom when it was moved onto a working day. */
export type SlotView = Pick<ReminderSlot, 'kind' | 'daysOffset'> & Partial<Pick<ReminderSlot, 'sendDay' | 'movedFrom'>>;

/** Days from the send day to the due day (negative once overdue); the nominal offset when the day is unknown. */
export function daysLeftAt(occ: Occurrence, slot: SlotView): number {
  return slot.sendDay ? daysBetween(slot.sendDay, occ.date) : -slot.daysOffset;
}

function headline(deadline: Deadline, occ: Occurrence, slot: SlotView, title = occ.title): string {
  const icon = deadline.kind === 'stage-end' ? '📌' : '📅';
  occ = { ...occ, title };
  const date = `${spaced(occ.date)}（${weekdayName(occ.date)}）`;
  const left = daysLeftAt(occ, slot);
  if (slot.kind === 'due' && left > 0) {
    // The due day is off: this is the last working day before it.
    const off = slot.movedFrom ? `${slot.movedFrom.reason}休息` : '休息';
    return `**${icon} ${date}${off}，今天是之前最后一个工作日：${occ.title}**`;
  }
  if (slot.kind === 'before') return `**${icon} 距 ${date}还有 ${left} 天：${occ.title}**`;
  if (slot.kind === 'due') {
    return deadline.kind === 'stage-end' ? `**${icon} 今天（${spaced(occ.date)}）${occ.title}**` : `**${icon} 今天（${spaced(occ.date)}）截止：${occ.title}**`;
  }
  return `**⏰ 已逾期 ${-left} 天：${occ.title}**`;
}

/**
 * Reminder for one unit's group: 'before' and 'due' to every filer, 'overdue' to a unit that has not
 * filed. `pending` (optional) lists who under this unit has not filed yet, e.g. a district's schools.
 * Escalations to the parent group use escalationText.
 */
export function reminderText(args: {
  deadline: Deadline;
  occurrence: Occurrence;
  slot: SlotView;
  unit: ReminderUnit;
  pending?: PendingUnits;
}): string {
  const { deadline, occurrence: occ, slot, unit, pending } = args;
  if (slot.kind === 'escalation') {
    return escalationText({ deadline, occurrence: occ, daysOverdue: -daysLeftAt(occ, slot), pending: pending ?? { names: [] } });
  }
  const doc = documentFor(deadline, occ, unit.kind);
  const lines = [headline(deadline, occ, slot, doc.title)];
  if (slot.kind === 'overdue') {
    lines.push(`截止 ${spaced(occ.date)}，${unit.name}${font('warning', '尚未完成')}。`);
  }
  lines.push(dutyLine(deadline, occ, unit), ...pendingLine(pending), ...footer(deadline, doc.word));
  return lines.join('\n');
}

/** For the parent unit's group on overdue days: who has not filed. */
export function escalationText(args: {
  deadline: Deadline;
  occurrence: Occurrence;
  daysOverdue: number;
  pending: PendingUnits;
}): string {
  const { occurrence: occ, daysOverdue, pending } = args;
  return [
    `**⚠️ 逾期 ${daysOverdue} 天：${occ.title}**（截止 ${spaced(occ.date)}）`,
    `尚未完成：${font('warning', formatNameList(pending))}（/提醒 查看全部）`,
    '请督促尽快完成。',
  ].join('\n');
}

/** Answer to `/已报送 <事项>`. */
export function filedText(deadline: Deadline, occ: Occurrence, unitName: string): string {
  return `✅ 已记录：${unitName} 已完成「${occ.title}」（截止 ${spaced(occ.date)}）`;
}

/** Answer when `/已报送` names nothing we know. */
export function unknownFilingText(known: string[]): string {
  return `没有找到这个事项。请发 ${known.map((w) => `/已报送 ${w}`).join('、')}`;
}
