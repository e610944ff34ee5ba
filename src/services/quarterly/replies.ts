/** Every /季报 reply, kept together for review. Short, no tables (neither platform renders them), next action last. */
import type { Role } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';
import { ROLE_LABEL } from '../org/roles';
import { formatMonthDayTime } from '../time';
import { cellLabel, parseCellId, type TokenError } from './fields.js';
import { whoMayFill } from './filer';
import type { Colour, Proposals } from './ledger';
import type { FormProgress } from './overview';
import { dueText, quarterName, type Quarter, type QuarterFiling } from './period';
import type { Change, Submission } from './store';
import { echo } from '../../platforms/escape';

const EMOJI: Record<Colour, string> = { red: '🔴', orange: '🟠', yellow: '🟡', blue: '🔵' };
const COLOUR_NAME: Record<Colour, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };

const label = (cell: string): string => {
  const ref = parseCellId(cell);
  return ref ? cellLabel(ref) : cell;
};
const fmt = (v: number): string => String(v);
const firstFew = (items: readonly string[], n = 5): string => (items.length > n ? `${items.slice(0, n).join('、')} 等 ${items.length} 项` : items.join('、'));
const names = (units: readonly Unit[], n = 8): string => (units.length > n ? `${units.slice(0, n).map((u) => u.name).join('、')} 等 ${units.length} 个` : units.map((u) => u.name).join('、'));
const when = (at: number | null): string => (at ? formatMonthDayTime(new Date(at)) : '');
const dueDay = (f: QuarterFiling): string => `${Number(f.due.slice(5, 7))}月${Number(f.due.slice(8, 10))}日`;
const filledOf = (p: readonly FormProgress[]) => ({ filled: p.reduce((a, x) => a + x.filled, 0), total: p.reduce((a, x) => a + x.total, 0) });

export const USAGE = [
  '/季报 — 本单位本季度进度和台账建议',
  '/季报 自查隐患数量=12 整改隐患数量=10 — 填数（可一次多项）',
  '/季报 采用建议 — 采用台账算出的数；/季报 其余填0 — 没有的项填 0',
  '/季报 提交 | 撤回 [学校名] | 汇总 [单位] | 导出 [2025Q1]',
].join('\n');

export const Q = {
  usage: `**季报用法**\n${USAGE}`,
  askPhone: '📞 报表上的「联系电话」取自提交人的资料，你还没有登记。请回复 /季报 电话=13800000000（只需一次）。',
  phoneSaved: (mobile: string) => `✅ 已登记联系电话 ${mobile}，导出的季报表「联系电话」将填这个号码。`,
  cityFilesNothing: '市教育局不填季报，由各区和市属学校填报。发 /季报 汇总 查看谁已提交，/季报 导出 下载全市汇总表。',
  notStarted: (q: Quarter) => `${quarterName(q)}还没开始，不能填报。发 /季报 查看当前季度。`,
  notBound: '你还没有所属单位。请管理员先 /绑定 本群。',
  mayNotFill: (unit: Unit, role: Role) => `只有${whoMayFill(unit)}可以填报、提交或撤回「${unit.name}」的季报（你是：${ROLE_LABEL[role]}）。`,
  /** self: the unit, before the deadline; parent: the bureau above; late: the unit, after the deadline. */
  locked: (unit: Unit, s: Submission, f: QuarterFiling, who: 'self' | 'parent' | 'late') =>
    `没有保存：${unit.name} ${quarterName(f.quarter)}季报已于 ${when(s.submittedAt)} 提交（${s.submittedByName ?? ''}），已锁定。` +
    (who === 'self' ? '要更正请先发 /季报 撤回。' : who === 'parent' ? `要更正请先发 /季报 撤回 ${unit.name}。` : `已过截止日，请联系上级教育局管理员发 /季报 撤回 ${unit.name}。`),
  parentOnlyAfterWithdrawal: (unit: Unit) =>
    `「${unit.name}」的季报由${whoMayFill(unit)}填写。已提交的数有误时，先发 /季报 撤回 ${unit.name}，再代为更正。`,
  badTokens: (errors: readonly TokenError[]) =>
    [`没有保存（整条消息都没有保存）：`, ...errors.map((e) => `- ${e.message}`), '请改正后重发整条。'].join('\n'),
  rejected: (problems: readonly string[]) =>
    problems.length === 1 ? `没有保存：${problems[0]}。请核对后重发。` : ['没有保存：', ...problems.map((p) => `- ${p}`), '请核对后重发。'].join('\n'),
  noProposals: '台账没有可建议的项。请直接填数：/季报 名称=数字',
  nothingBlank: '没有空着的项了。核对无误后发 /季报 提交',
  notSubmitted: (problems: readonly string[]) =>
    ['没有提交：', ...problems.map((p) => `- ${p}`), '补齐、改正后再发 /季报 提交（确实没有的项可发 /季报 其余填0）。'].join('\n'),
  changedMeanwhile: '刚刚有人改动或提交了这份季报，请发 /季报 查看最新情况后再操作。',
  notYetSubmitted: (unit: Unit, q: Quarter) => `${unit.name} ${quarterName(q)}季报还没有提交，不用撤回。直接 /季报 名称=数字 修改即可。`,
  tooLateToWithdraw: (unit: Unit, f: QuarterFiling, parent: Unit | undefined) =>
    `已过截止日（${dueDay(f)}），本单位不能再撤回。请联系${parent?.name ?? '上级教育局'}管理员发 /季报 撤回 ${unit.name}。`,
  unknownUnit: (name: string, candidates: readonly Unit[]) =>
    `没有找到单位「${echo(name, 40)}」。${candidates.length ? `你是不是要找：${candidates.map((u) => echo(u.name, 60)).join('、')}？` : `用法：\n${USAGE}`}`,
  outOfScope: (unit: Unit) => `「${unit.name}」不在你的管辖范围内。`,
  summaryOnlyBureaus: '汇总只给区、市教育局管理员用。发 /季报 查看本单位进度。',
  entryRefused: (role: Role) => `只有本校安全员或校长（区：区教育局管理员）可以填报季报（你是：${ROLE_LABEL[role]}）。`,
  exportRefused: (role: Role) => `只有安全员、校长或教育局管理员可以导出季报（你是：${ROLE_LABEL[role]}）。`,
  notASchool: (unit: Unit) => `「${unit.name}」不是学校。撤回区、市属学校的季报请直接发 /季报 撤回。`,
};

export interface StatusInput {
  unit: Unit;
  filing: QuarterFiling;
  submission: Submission | null;
  progress: readonly FormProgress[];
  proposals: Proposals;
  now: number;
  /** For a district: how many of its schools have submitted. */
  schools?: { submitted: number; total: number; pending: readonly Unit[] };
  /** The unit shown is not the asker's own (a district looking at a school). */
  other?: boolean;
  /** The asker may enter figures (a teacher only looks). */
  canAct: boolean;
}

export function statusText(s: StatusInput): string {
  const { filled, total } = filledOf(s.progress);
  const submitted = s.submission?.status === 'submitted';
  const lines = [`**${s.unit.name} · ${quarterName(s.filing.quarter)}季报**`];
  lines.push(`${dueText(s.filing, s.now)} · ${submitted ? `✅ 已提交（${when(s.submission!.submittedAt)} ${s.submission!.submittedByName ?? ''}）` : '草稿'} · 已填 ${filled}/${total} 项`);
  if (!submitted) {
    for (const p of s.progress) lines.push(`${p.annex}：已填 ${p.filled}/${p.total}${p.missing.length ? `，缺 ${firstFew(p.missing)}` : ' ✅'}`);
  }
  if (s.schools) {
    lines.push(`学校已提交 ${s.schools.submitted}/${s.schools.total}${s.schools.pending.length ? `（未提交：${names(s.schools.pending, 5)}）` : ''}，只计入已提交学校的数`);
  }
  if (s.proposals.values.size && !submitted) {
    const parts = [...s.proposals.values].map(([cell, v]) => `${label(cell)}=${fmt(v)}`);
    lines.push(`台账建议（截至 ${when(s.proposals.asOf)}）：${parts.join(' ')}`);
  }
  if (s.proposals.risk.schoolCount === 1) {
    const r = s.proposals.risk;
    const top = (Object.keys(r.schools) as Colour[]).find((c) => r.schools[c] > 0)!;
    lines.push(`在办隐患 ${(['red', 'orange', 'yellow', 'blue'] as Colour[]).map((c) => `${EMOJI[c]}${r.open[c]}`).join(' ')}，整体风险按最高等级计为${COLOUR_NAME[top]}`);
  }
  const target = s.other ? ` ${s.unit.name}` : '';
  if (!s.canAct) lines.push(`季报由${whoMayFill(s.unit)}填报；有疑问请联系他们。`);
  else if (submitted) lines.push(`下一步：/季报 导出${target} 下载报表；要更正请 /季报 撤回${target}`);
  else if (filled < total) lines.push(`下一步：${s.proposals.values.size ? '/季报 采用建议；' : ''}其他项 /季报${target} 名称=数字（没有的填 0，或 /季报 其余填0）；填完 /季报 提交`);
  else lines.push(`下一步：核对无误后 /季报 提交${target}`);
  return lines.join('\n');
}

export function savedText(unit: Unit, q: Quarter, changes: readonly Change[], shown: readonly { cell: string; value: number }[], progress: readonly FormProgress[], verb = '已保存'): string {
  const old = new Map(changes.map((c) => [c.cell, c.old]));
  const items = shown.map(({ cell, value }) => {
    const was = old.get(cell);
    return `${label(cell)}=${fmt(value)}${was !== undefined && was !== value ? `（原 ${fmt(was)}）` : ''}`;
  });
  const { filled, total } = filledOf(progress);
  const head = `${verb} ${shown.length} 项：${firstFew(items, 12)}`;
  const left = total - filled;
  const next = left ? `${unit.name} ${quarterName(q)}还差 ${left} 项。继续 /季报 名称=数字，或 /季报 查看缺哪些` : `${unit.name} ${quarterName(q)}已全部填好 ✅ 核对无误后发 /季报 提交`;
  return `${head}\n${next}`;
}

export function zeroFilledText(unit: Unit, q: Quarter, count: number): string {
  return `已把 ${unit.name} ${quarterName(q)}空着的 ${count} 项填 0。核对无误后发 /季报 提交（要改某项：/季报 名称=数字）`;
}

export function submittedText(unit: Unit, f: QuarterFiling, s: Submission, already: boolean, filed: boolean, district?: { counted: number; pending: readonly Unit[] }): string {
  if (already) return `${unit.name} ${quarterName(f.quarter)}季报已于 ${when(s.submittedAt)} 提交（${s.submittedByName ?? ''}）。发 /季报 导出 下载报表。`;
  const lines = [`✅ 已提交 ${unit.name} ${quarterName(f.quarter)}季报，数据已锁定。`];
  if (filed) lines.push('已记为本期「季报」已报送，不再提醒。');
  if (district) lines.push(`计入学校 ${district.counted} 所${district.pending.length ? `；未提交、未计入：${names(district.pending, 5)}` : ''}。`);
  lines.push(`下一步：/季报 导出 下载报表；要更正请在截止前 /季报 撤回`);
  return lines.join('\n');
}

export function withdrawnText(unit: Unit, q: Quarter, byParent: boolean): string {
  return byParent
    ? `已撤回 ${unit.name} ${quarterName(q)}季报，恢复为草稿。可代为更正：/季报 ${unit.name} 名称=数字；改好后 /季报 提交 ${unit.name}（或请学校提交）。`
    : `已撤回 ${unit.name} ${quarterName(q)}季报，恢复为草稿。改好后再发 /季报 提交。`;
}

export interface RollLine {
  title: string;
  submitted: readonly Unit[];
  pending: readonly { unit: Unit; filled: number; total: number }[];
}

export function summaryText(unit: Unit, f: QuarterFiling, now: number, rolls: readonly RollLine[]): string {
  const lines = [`**${unit.name} · ${quarterName(f.quarter)}季报汇总**`, dueText(f, now)];
  for (const r of rolls) {
    const all = r.submitted.length + r.pending.length;
    if (!all) continue;
    lines.push(`${r.title}已提交 ${r.submitted.length}/${all}${r.submitted.length ? `：${names(r.submitted)}` : ''}`);
    if (r.pending.length) {
      const shown = r.pending.slice(0, 8).map((p) => `${p.unit.name}（已填 ${p.filled}/${p.total}）`);
      lines.push(`未提交 ${r.pending.length}：${shown.join('、')}${r.pending.length > 8 ? ` 等 ${r.pending.length} 个` : ''}`);
    }
  }
  lines.push('下一步：/季报 导出 下载汇总表；查看某单位 /季报 <单位名>');
  return lines.join('\n');
}

export function exportText(unit: Unit, q: Quarter, link: string, expiresAt: number, draft: boolean): string {
  return [`**${unit.name} · ${quarterName(q)}季报表（附件3-6）**`, `[点击下载 xlsx](${link})`, `链接 ${when(expiresAt)} 前有效，仅限本单位。${draft ? '（含未提交的草稿数据）' : ''}`].join('\n');
}
