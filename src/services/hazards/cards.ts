import { getArea, getItem } from '../checklist/catalogue';
import { articleOf } from '../checklist/guide';
import { formatMonthDayTime } from '../time';
import { font } from '../markdown';
import { safeText } from './safe-text';
import { isOverdue, RISK_EMOJI, RISK_NAME, STATUS_LABEL, type HazardEvent, type HazardRow, type Supervision } from './hazard.types';
import { nextStepLine } from './next-steps';
import type { UnitDirectory } from '../org/units';

/** Reply templates of the hazard loop, kept together for review. Short lines, next action last. */
export const itemLine = (h: Pick<HazardRow, 'area' | 'itemCode'>) =>
  `${getArea(h.area)?.name ?? '其他'} · ${getItem(h.itemCode)?.title ?? '未归类'}`;

const when = (ms: number) => formatMonthDayTime(new Date(ms));

export { safeText };

export interface CardOptions {
  /** With the directory, the next step comes from next-steps.ts (the one place that decides it). */
  units?: UnitDirectory;
  /** The open hazard this report looks like a repeat of. */
  duplicate?: HazardRow | null;
}

export function reportCard(h: HazardRow, citation?: string, opts: CardOptions = {}): string {
  const dup = opts.duplicate ?? null;
  const lines: string[] = [];
  if (h.major) {
    lines.push(`**⚠️ 重大事故隐患 ${h.code}**${citation ? `（${citation}）` : ''}`);
  } else if (h.majorSuspected) {
    lines.push(`**⚠️ 疑似重大事故隐患 ${h.code}**`);
  } else {
    lines.push(`**已登记隐患 ${h.code}**`);
  }
  if (h.location) lines.push(`📍 ${safeText(h.location, 60)}`);
  lines.push(`📋 ${itemLine(h)}`);
  const article = articleOf(h.majorCriterion);
  if (article) lines.push(`📖 依据：${article}`);
  // Raised by the learned second opinion with no rule the report is like (classifier/local.ts): say so, cite nothing.
  else if (h.majorCriterion?.startsWith('learned.')) lines.push('📖 依据：措辞未命中判定条款，按已标注报告学得的判断提请人工确认');
  lines.push(`${RISK_EMOJI[h.risk]} ${RISK_NAME[h.risk]} · 整改期限 ${when(h.deadlineAt)}`);
  if (h.majorSuspected && !h.major) lines.push(font('warning', '疑似重大事故隐患，需安全员 24 小时内人工确认'));
  lines.push(`👤 责任人 ${h.responsibleName ? safeText(h.responsibleName, 40) : '未指定（请安全员 /指派）'}`);
  if (dup) lines.push(font('warning', `可能与 ${dup.code} 重复（${STATUS_LABEL[dup.status]} · 责任人 ${safeText(dup.responsibleName ?? '未指定', 40)}）`));
  if (h.risk === 'red') lines.push('红色风险须立即采取临时管控措施（设警戒线、停用场所）。');
  if (h.major) lines.push(dup?.major ? `${dup.code} 已通知过校长和区教育局，这次不再重复通知。` : `已通知：校长、区教育局安全群`);
  if (opts.units) {
    const next = nextStepLine(opts.units, h, null, null, dup?.code);
    lines.push(h.major ? next.replace('下一步：', '下一步（24 小时内）：') : next);
    if (!h.major) lines.push('补充照片直接发到群里');
  } else if (h.major) {
    lines.push(`下一步：24 小时内 /督办 ${h.code} 措施=… 责任人=… 资金=… 时限=… 预案=…`);
  } else if (h.majorSuspected) {
    lines.push(`下一步：安全员 /改级 ${h.code} 红 重大 确认为重大，或 /确认 ${h.code} 按一般隐患处理`);
  } else {
    lines.push(`下一步：${safeText(h.responsibleName ?? '安全员', 40)} /确认 ${h.code}；补充照片直接发到群里`);
  }
  return lines.join('\n');
}

export function statusLine(h: HazardRow, now: number): string {
  const overdue = isOverdue(h, now) ? ` · ${font('warning', '逾期')}` : '';
  return `${h.code} → ${STATUS_LABEL[h.status]}${overdue} · 责任人 ${safeText(h.responsibleName ?? '未指定', 40)} · 期限 ${when(h.deadlineAt)}`;
}

export function listLine(h: HazardRow, now: number): string {
  const overdue = isOverdue(h, now) ? font('warning', '逾期 ') : '';
  const major = h.major ? '⚠️重大 ' : '';
  return `${RISK_EMOJI[h.risk]} ${major}${overdue}${h.code} ${safeText(h.location ?? (getItem(h.itemCode)?.title ?? ''), 24)} · ${STATUS_LABEL[h.status]} · ${when(h.deadlineAt)}`;
}

export function durationText(ms: number): string {
  const hours = Math.max(0, Math.round(ms / 3600_000));
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return d ? `${d} 天${h ? ` ${h} 小时` : ''}` : `${h} 小时`;
}

export const EVENT_LABEL: Record<string, string> = {
  report: '上报', confirm: '确认', assign: '指派', regrade: '改级', reject: '驳回', rectify: '提交整改', verify_pass: '验收通过',
  verify_fail: '验收不通过', supervise: '督办', photo: '补充照片', escalate: '逾期升级', set_major: '认定重大', merge: '合并重复',
};

/** Notes written before item titles were recorded name the item key (「本地分类 fire.exits-clear」): show the title. */
function readableNote(note: string): string {
  return note.replace(/分类 ([a-z_]+\.[a-z0-9_.-]+)/g, (whole, key: string) => `分类 ${getItem(key)?.title ?? '未归类'}`);
}

export function historyText(h: HazardRow, events: HazardEvent[], supervision: Supervision | null, photos: number, now: number): string {
  const lines = [`**${h.code} · ${STATUS_LABEL[h.status]}${isOverdue(h, now) ? '（逾期）' : ''}**`];
  lines.push(`> ${safeText(h.description, 120)}`);
  lines.push(`${RISK_EMOJI[h.risk]} ${RISK_NAME[h.risk]}${h.major ? ' · ⚠️重大事故隐患' : ''} · ${itemLine(h)}`);
  // Names come from the platforms' profiles: defanged like any other text a person chose.
  lines.push(`上报 ${safeText(h.reporterName, 40)} · 责任人 ${safeText(h.responsibleName ?? '未指定', 40)} · 期限 ${when(h.deadlineAt)}${photos ? ` · 照片 ${photos} 张` : ''}`);
  if (supervision) {
    const f = (v: string | null) => (v ? safeText(v, 30) : font('warning', '未填'));
    lines.push(`挂牌督办 五落实：措施 ${f(supervision.measures)}；责任人 ${f(supervision.owner)}；资金 ${f(supervision.funds)}；时限 ${f(supervision.timeLimit)}；预案 ${f(supervision.plan)}`);
  }
  lines.push('**记录**');
  for (const e of events) {
    const arrow = e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? ` ${STATUS_LABEL[e.fromStatus as keyof typeof STATUS_LABEL] ?? ''}→${STATUS_LABEL[e.toStatus as keyof typeof STATUS_LABEL] ?? ''}` : '';
    lines.push(`${when(e.at)} ${safeText(e.actorName, 40)} ${EVENT_LABEL[e.action] ?? '处理'}${arrow}${e.note ? `：${safeText(readableNote(e.note), 60)}` : ''}`);
  }
  return lines.join('\n');
}

/** A 综合判定 raised on the unit: the findings that together meet the threshold, for the safety officer to confirm. */
export function combinedCard(h: HazardRow, rule: { title: string; threshold: number }, findings: Pick<HazardRow, 'code' | 'description' | 'risk'>[]): string {
  const article = articleOf(h.majorCriterion);
  return [
    `**⚠️ 疑似重大事故隐患（综合判定）${h.code}**`,
    `${rule.title}：本校未销号的相关隐患已有 ${findings.length} 项（达到 ${rule.threshold} 项即提请认定）`,
    ...(article ? [`📖 依据：${article}`] : []),
    ...findings.slice(0, 10).map((f) => `- ${RISK_EMOJI[f.risk]} ${f.code} ${safeText(f.description, 30)}`),
    `🔴 整改期限 ${when(h.deadlineAt)} · 👤 ${safeText(h.responsibleName ?? '安全员', 40)}`,
    `下一步：安全员 /改级 ${h.code} 红 重大 认定为重大事故隐患，或 /驳回 ${h.code} <理由>`,
  ].join('\n');
}
