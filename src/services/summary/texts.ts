// What /进度 and the Monday digest say, in one place for review. Platform markdown without tables: one fact
// per line, most important first, ending with the next useful command. (Refusals and hints: refusals.ts.)
import { formatMonthDay } from '../time';
import type { ChildLine, HazardFigures, SummaryFacts } from './facts';
import type { FilingLine } from './filings';
import type { TargetLine } from './targets';

const EMOJI = { red: '🔴', orange: '🟠', yellow: '🟡', blue: '🔵' } as const;

function colours(f: HazardFigures, dropZeros = false): string {
  return (Object.keys(EMOJI) as (keyof typeof EMOJI)[])
    .filter((k) => !dropZeros || f.open[k] > 0)
    .map((k) => `${EMOJI[k]}${f.open[k]}`)
    .join(dropZeros ? '' : ' ');
}

function figures(f: HazardFigures, compact = false): string {
  const open = f.openTotal ? `在办 ${f.openTotal}（${colours(f, compact)}）` : '在办 0';
  return `新增 ${f.reported} · 销号 ${f.closed} · ${open} · 逾期 ${f.overdue}`.replace('） · ', '）· ');
}

export function heading(facts: SummaryFacts, digest = false): string {
  const { period, name } = facts;
  if (digest) return `**${name} · 安全周报（${period.range}）**`;
  const when = period.key === 'week' || period.key === 'last_week' ? `${period.label}（${period.range}）` : period.label;
  return `**${name} · ${when}${when.endsWith('）') ? '' : ' '}安全进度**`;
}

function filingLine(l: FilingLine, overdue: boolean): string {
  const when = overdue ? `${formatMonthDay(l.date)}已截止` : l.daysLeft === 0 ? `${formatMonthDay(l.date)}截止，就是今天` : `${formatMonthDay(l.date)}截止，还有 ${l.daysLeft} 天`;
  const parts: string[] = [];
  if (l.ownFiled !== undefined) parts.push(l.ownFiled ? '本单位已报送' : '本单位未报送');
  if (l.below) {
    const pending = l.below.total - l.below.filed;
    const names = pending ? `，未交 ${pending} 个：${l.below.pendingNames.join('、')}${pending > l.below.pendingNames.length ? ' 等' : ''}` : '，已全部交齐';
    parts.push(`已交 ${l.below.filed}/${l.below.total}${names}`);
  }
  return `${overdue ? '⚠️ 逾期未交' : '报送'}：${l.alias}（${when}）${parts.join('；')}`;
}

export function targetText(t: TargetLine): string {
  if (t.share) {
    const actual = t.share.actual === null ? (t.actual === null ? '未填报' : `${t.actual} 所`) : `${t.share.actual}%`;
    return `${t.label} ${actual}/${t.share.goal}%`;
  }
  return `${t.label} ${t.actual ?? '未填报'}/${t.goal}`;
}

function childText(c: ChildLine): string {
  return `- ${c.name} ${figures(c, true)}`;
}

/** The fact lines, without heading or narrative: also what the model is given, so it can only repeat them. */
export function factLines(facts: SummaryFacts): string[] {
  const { totals, majors } = facts;
  const lines = [`隐患 ${figures(totals)}`];
  const codes = majors.items.map((m) => (m.unitName ? `${m.code}（${m.unitName}）` : m.code));
  lines.push(majors.total ? `重大隐患挂牌督办 ${majors.total}：${codes.join('、')}${majors.total > codes.length ? ` 等 ${majors.total} 条` : ''}` : '重大隐患挂牌督办 0');
  const rate = facts.closureRate === null ? '—' : `${facts.closureRate}%`;
  const median = facts.medianDays === null ? '—' : `${facts.medianDays} 天`;
  lines.push(`销号率 ${rate} · 销号用时中位数 ${median}`);
  if (facts.topAreas.length) lines.push(`在办最多：${facts.topAreas.map((a) => `${a.name} ${a.open}`).join(' · ')}`);
  for (const l of facts.filings.overdue) lines.push(filingLine(l, true));
  if (facts.filings.next) lines.push(filingLine(facts.filings.next, false));
  if (facts.targets.length) {
    const summed = facts.targets.some((t) => t.summed) ? '（各区填报合计）' : '';
    lines.push(`年度目标${summed}：${facts.targets.map(targetText).join(' · ')}`);
  }
  const { children } = facts;
  if (children.lines.length) {
    lines.push(facts.unit.kind === 'city' ? '各区：' : `各校（在办最急的 ${children.lines.length} 所）：`);
    lines.push(...children.lines.map(childText));
    if (children.hiddenCount) lines.push(`- 其余 ${children.hiddenCount} 所 在办 ${children.hiddenOpen}`);
  }
  return lines;
}

export function nextStep(facts: SummaryFacts): string {
  if (facts.unit.kind === 'school') return facts.totals.overdue ? '下一步：/清单 逾期 查看逾期隐患' : '下一步：/清单 查看在办隐患';
  const missing = facts.targets.some((t) => t.actual === null) ? ' · /目标 标杆学校=… 达标学校=… 示范岗位=… 更新年度目标' : '';
  return facts.unit.kind === 'city' ? `下一步：/进度 丰泽区 查看一个区${missing}` : `下一步：/进度 学校名 查看一所学校 · /清单 逾期${missing}`;
}

/** A 3–5 sentence summary from the facts alone; used without a model and whenever the model's answer is refused. */
export function templateNarrative(facts: SummaryFacts): string {
  const { totals: t, period } = facts;
  const s: string[] = [];
  const rate = facts.closureRate === null ? '' : `，销号率 ${facts.closureRate}%`;
  s.push(`${period.label}${facts.name}新增隐患 ${t.reported} 条，销号 ${t.closed} 条${rate}。`);
  const overdue = t.overdue ? `，已逾期 ${t.overdue} 条，请督促责任人尽快整改` : '，没有逾期';
  const urgent = [t.open.red && `红色 ${t.open.red} 条`, t.open.orange && `橙色 ${t.open.orange} 条`].filter(Boolean).join('、');
  s.push(`目前在办 ${t.openTotal} 条${urgent ? `，其中${urgent}` : ''}${overdue}。`);
  s.push(facts.majors.total ? `重大隐患挂牌督办 ${facts.majors.total} 条，需按五落实盯紧整改直至销号。` : '目前没有在办的重大事故隐患。');
  if (facts.topAreas[0]) s.push(`在办隐患最多的是${facts.topAreas[0].name}（${facts.topAreas[0].open} 条）。`);
  const next = facts.filings.next;
  if (next?.below && next.below.filed < next.below.total) s.push(`${next.alias}还有 ${next.daysLeft} 天截止，未交 ${next.below.total - next.below.filed} 个，请及时催报。`);
  else if (next && next.ownFiled === false) s.push(`${next.alias}还有 ${next.daysLeft} 天截止，本单位尚未报送。`);
  return s.slice(0, 5).join('');
}

/** Byte budget of one message: WeCom markdown stops at 4096 bytes, DingTalk's session webhook near 3800 characters. */
export const MAX_REPLY_BYTES = 3800;

export function summaryMarkdown(facts: SummaryFacts, narrative: string, opts: { digest?: boolean } = {}): string {
  const body = factLines(facts);
  const tail = [`> ${narrative}`, nextStep(facts)];
  const compose = (lines: string[]) => [heading(facts, opts.digest), ...lines, ...tail].join('\n');
  let text = compose(body);
  // Too long (many districts with long names): drop child lines from the end, saying how many were left out.
  const firstChild = body.findIndex((l) => l.startsWith('- '));
  let dropped = 0;
  while (Buffer.byteLength(text, 'utf8') > MAX_REPLY_BYTES && firstChild >= 0 && body.length > firstChild) {
    body.pop();
    dropped++;
    text = compose([...body, `- …另有 ${dropped} 行未列出，/进度 单位名 查看`]);
  }
  return text;
}
