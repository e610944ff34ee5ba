// What an answer says, in one place for review: the answer in one line first (with the codes behind it), then a
// short list, then what to type next. WeCom markdown has no tables: one item per line.
import { getArea } from '../checklist/catalogue';
import { RISK_EMOJI, STATUS_LABEL } from '../hazards/hazard.types';
import { formatMonthDay, formatMonthDayTime } from '../time';
import type { AskQuery } from './query';
import type { AskResult } from './execute';
import { SHOWN } from './execute';

const COLOUR_ZH = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' } as const;
const STATUS_ZH: Record<NonNullable<AskQuery['status']>, string> = {
  open: '未销号', pending_confirm: '待确认', rectifying: '整改中', pending_verify: '待验收', closed: '已销号', rejected: '被驳回',
};
const EVENT_ZH: Record<string, string> = { report: '上报', confirm: '确认', assign: '指派', regrade: '改级', reject: '驳回', rectify: '提交整改', verify_pass: '验收通过', verify_fail: '验收不通过', supervise: '督办' };
const LIST_LINES = 8;

/** "消防安全红色重大隐患". */
export function subject(q: AskQuery): string {
  const who = `${q.reporter ? `${q.reporter}上报的` : ''}${q.responsible ? `${q.responsible}负责的` : ''}`;
  const parts = [who, q.item ? `「${q.item}」` : '', q.overdue ? '超期' : '', q.status && q.status !== 'closed' ? STATUS_ZH[q.status] : '', q.area ? getArea(q.area)?.name ?? q.area : '', q.colour ? COLOUR_ZH[q.colour] : '', q.major ? '重大' : ''];
  return `${parts.join('')}隐患`;
}

const codes = (list: string[], total: number, max = 5) => (list.length ? `：${list.slice(0, max).join('、')}${total > Math.min(max, list.length) ? ' 等' : ''}` : '');

/** The words /导出 台账 reads for the answer's period. */
function exportWord(r: AskResult): string {
  const p = r.query.period;
  if (p === 'this_month') return '本月';
  if (p === 'last_month') return '上月';
  if (p === 'this_quarter') return '本季度';
  if (p && /^\d{4}-\d{2}$/.test(p)) return `${Number(p.slice(5))}月`;
  if (p && /^\d{4}-Q\d$/.test(p)) return p.replace('-', '');
  return '本年';
}

function when(r: AskResult): string {
  if (!r.range) return r.query.status || r.query.overdue ? '目前' : '目前在办';
  const verb = r.query.status === 'closed' ? '销号' : r.query.status ? '' : '新增';
  return `${r.range.label}${verb}`;
}

/** "本月没有新增" · "目前没有在办" · "目前没有". */
function zeroWhen(r: AskResult): string {
  const w = when(r);
  const m = /^(.*?)(新增|销号|在办)$/.exec(w);
  return m ? `${m[1]}没有${m[2]}` : `${w}没有`;
}

function delta(now: number, before: number, unit: string): string {
  const d = Math.round((now - before) * 10) / 10;
  return d === 0 ? '持平' : d > 0 ? `多 ${d}${unit}` : `少 ${-d}${unit}`;
}

function previousText(r: AskResult, unit: string, fmt: (v: number | null, n: number) => string): string {
  const p = r.previous;
  if (!p) return '';
  const nowV = r.query.measure === 'count' || r.query.measure === 'list' || r.query.measure === 'ranking' ? r.total : r.value;
  const beforeV = r.query.measure === 'count' || r.query.measure === 'list' || r.query.measure === 'ranking' ? p.total : p.value;
  const diff = nowV === null || beforeV === null ? '' : `，${delta(nowV, beforeV, unit)}`;
  return `；${p.range.label}（${formatMonthDay(new Date(p.range.from))}–${formatMonthDay(new Date(p.range.to - 1))}）${fmt(p.value, p.total)}${diff}`;
}

export function headline(r: AskResult): string {
  const q = r.query;
  const who = r.scopeName;
  const s = subject(q);
  switch (q.measure) {
    case 'closure_rate': {
      const rate = (v: number | null, n: number) => (v === null ? '没有新增隐患，无销号率' : `销号率 ${v}%（销号 ${n}）`);
      if (r.value === null) return `${who}${r.range?.label ?? ''}没有新增${s}，无从计算销号率。${previousText(r, ' 个百分点', rate).replace(/^；/, '')}`;
      return `${who}${r.range?.label ?? ''}${s}销号率 ${r.value}%（新增 ${r.base} 条，销号 ${r.total} 条）${previousText(r, ' 个百分点', rate)}。`;
    }
    case 'time_to_close': {
      const days = (v: number | null, n: number) => (v === null ? '没有销号' : `平均 ${v} 天（${n} 条）`);
      if (r.value === null) return `${who}${r.range?.label ?? ''}没有销号的${s}，还算不出整改用时。`;
      return `${who}${r.range?.label ?? ''}销号的${s}平均整改用时 ${r.value} 天（共 ${r.total} 条）${previousText(r, ' 天', days)}。`;
    }
    case 'ranking': {
      if (!r.groups.length) return `${who}${when(r)}没有${s}，没有排名。`;
      const n = q.top ? `前 ${Math.min(q.top, r.groups.length)}` : '排名';
      return `${who}${when(r)}${s}${n}：${r.groups.slice(0, 3).map((g) => `${g.name} ${g.value} 条`).join('、')}${r.groups.length > 3 ? ' …' : ''}（共 ${r.total} 条）。`;
    }
    default: {
      const cnt = (_v: number | null, n: number) => `${n} 条`;
      if (!r.total) return `没有。${who}${zeroWhen(r)}${s}${previousText(r, ' 条', cnt)}。`;
      const b = r.breakdown;
      const within = b ? [b.red !== null && b.red < r.total ? `红色 ${b.red} 条` : '', b.overdue !== null && b.overdue < r.total ? `超期 ${b.overdue} 条` : ''].filter(Boolean).join('，') : '';
      const behind = (within ? `，其中${within}` : '') + (q.groupBy === 'unit' ? `，涉及 ${r.groups.length} 个单位` : q.groupBy ? '' : codes(r.rows.map((x) => x.code), r.total));
      return `${who}${when(r)}${s} ${r.total} 条${behind}${previousText(r, ' 条', cnt)}。`;
    }
  }
}

function groupLines(r: AskResult): string[] {
  const q = r.query;
  const unit = q.measure === 'closure_rate' ? '%' : q.measure === 'time_to_close' ? ' 天' : ' 条';
  const name = (k: string) => (q.groupBy === 'area' ? getArea(k)?.name ?? k : q.groupBy === 'colour' ? `${RISK_EMOJI[k as 'red']}${COLOUR_ZH[k as 'red'] ?? k}` : k);
  const shown = r.groups.slice(0, LIST_LINES);
  const lines = shown.map((g, i) => {
    const of = q.measure === 'closure_rate' ? `（新增 ${g.of}）` : q.measure === 'time_to_close' ? `（${g.of} 条）` : '';
    const rank = q.measure === 'ranking' ? `${i + 1}. ` : '- ';
    return `${rank}${q.groupBy === 'unit' ? g.name : name(g.key)} ${g.value}${unit}${of}${g.codes.length && q.measure !== 'closure_rate' ? `：${g.codes.join('、')}${g.value > g.codes.length ? ' 等' : ''}` : ''}`;
  });
  if (r.groups.length > shown.length) lines.push(`- …另有 ${r.groups.length - shown.length} 个未列出`);
  return lines;
}

function rowLines(r: AskResult): string[] {
  const lines = r.rows.slice(0, LIST_LINES).map((h) => {
    const late = (h.status === 'pending' || h.status === 'rectifying') && h.deadlineAt < r.now ? '（逾期）' : '';
    return `${RISK_EMOJI[h.risk as 'red'] ?? ''} ${h.major ? '⚠️重大 ' : ''}${h.code} ${r.unitName(h.unitId)} · ${STATUS_LABEL[h.status as 'pending'] ?? h.status}${late} · 期限 ${formatMonthDayTime(new Date(h.deadlineAt))}`;
  });
  if (r.total > lines.length) lines.push(`- …另有 ${r.total - lines.length} 条，/导出 台账 ${exportWord(r)} 查看全部`);
  return lines;
}

function filingLines(r: AskResult): { head: string; lines: string[] } {
  const f = r.filing!;
  if (!f.title || !f.date) return { head: `没有找到要报送的「${f.document}」。可以问：${f.known.join('、')}`, lines: [] };
  const due = f.daysLeft < 0 ? `${formatMonthDay(f.date)}已截止` : `${formatMonthDay(f.date)}截止，还有 ${f.daysLeft} 天`;
  const parts: string[] = [];
  if (f.own) parts.push(`${r.scopeName}${f.own.filed ? `已报送（${formatMonthDayTime(new Date(f.own.at!))}）` : '未报送'}`);
  if (f.below.total) {
    const p = f.below.pending;
    parts.push(p.length ? `应交 ${f.below.total} 个，未交 ${p.length} 个` : `应交 ${f.below.total} 个，已全部交齐`);
  }
  if (!parts.length) parts.push(`${r.scopeName}不用报送这一项，下属也没有要报送的单位`);
  const lines = f.below.pending.slice(0, SHOWN).map((n) => `- ${n}`);
  if (f.below.pending.length > SHOWN) lines.push(`- …另有 ${f.below.pending.length - SHOWN} 个，/提醒 查看`);
  return { head: `${f.title}（${due}）：${parts.join('；')}。`, lines };
}

function progressLines(r: AskResult): { head: string; lines: string[] } {
  const items = r.progress ?? [];
  const s = subject({ ...r.query, status: null });
  if (!items.length) return { head: `没有。${r.scopeName}${r.range && r.query.period ? r.range.label : ''}没有找到${s}。`, lines: [] };
  const lines = items.map((p) => {
    const step = p.lastStep ? `，最近：${formatMonthDayTime(new Date(p.lastStep.at))} ${p.lastStep.actor} ${EVENT_ZH[p.lastStep.action] ?? p.lastStep.action}` : '';
    const five = p.fiveDone === null ? '' : ` · 五落实 ${p.fiveDone}/5`;
    return `${RISK_EMOJI[p.risk as 'red'] ?? ''} ${p.major ? '⚠️重大 ' : ''}${p.code} ${r.unitName(p.unitId)} · **${STATUS_LABEL[p.status as 'pending'] ?? p.status}**${p.overdue ? '（逾期）' : ''} · 期限 ${formatMonthDayTime(new Date(p.deadlineAt))} · 责任人 ${p.responsibleName ?? '未指定'}${five}${step}`;
  });
  const first = items[0];
  return { head: `${r.scopeName}${s} ${items.length} 条${items.length >= 5 ? '（最近 5 条）' : ''}，${first.code} ${STATUS_LABEL[first.status as 'pending'] ?? first.status}${first.overdue ? '，已逾期' : ''}。`, lines };
}

function nextStep(r: AskResult): string {
  const q = r.query;
  if (q.measure === 'filing_status') return '下一步：/提醒 查看报送情况 · /截止 查看日期';
  const code = r.progress?.[0]?.code ?? r.rows[0]?.code;
  const look = code ? `/查询 ${code} 看全过程 · ` : '';
  if (q.measure === 'progress') return `下一步：${look}/清单 重大`;
  return `下一步：${look}/导出 台账 ${exportWord(r)} · /进度 ${r.scope.kind === 'school' ? '' : `${r.scopeName} `}${q.period === 'this_week' ? '本周' : '本月'}`.trimEnd();
}

export function answerMarkdown(r: AskResult): { markdown: string; title: string } {
  const q = r.query;
  let head: string;
  let lines: string[] = [];
  if (q.measure === 'filing_status') ({ head, lines } = filingLines(r));
  else if (q.measure === 'progress') ({ head, lines } = progressLines(r));
  else {
    head = headline(r);
    if (r.series.length) lines = [r.series.map((x) => `${x.label} ${x.value}${q.measure === 'closure_rate' ? '%' : ''}`).join(' · ')];
    else if (r.groups.length) lines = groupLines(r);
    else if (q.measure === 'list' || (q.measure === 'count' && r.total > 5)) lines = r.total ? rowLines(r) : [];
  }
  return { markdown: [`**${head}**`, ...lines, nextStep(r)].join('\n'), title: head.slice(0, 40) };
}

export const ASK_TEXT = {
  usage: '用法：/问 <问题>，例如：/问 丰泽区本月新增了多少隐患？ · /问 哪些学校红色隐患超期了？ · /问 还有哪些学校没交季报？',
  notUnderstood: (parts: string, closest: string) => `没看懂「${parts}」。我能回答的最接近的问题是：\n/问 ${closest}\n（可以问：数量、清单、排名、销号率、整改用时、报送情况、某条隐患的进度）`,
  ambiguous: (names: string[]) => `「${names.join('、')}」对应不止一个单位，请写全称，例如：/问 泉州市丰泽区东海中学 本月隐患多少`,
};
