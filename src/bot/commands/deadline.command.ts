import type { BotContext, Command } from '../context';
import { UserError } from '../errors';
import { tokens } from '../parser';
import { DL } from './deadline-replies';
import { ROLE_LABEL } from '../../services/org/roles';
import { daysBetween, shanghaiDayKey, shanghaiParts } from '../../services/time';
import { occurrencesBetween, yearWithoutPlan, type Deadline, type Duty, type FilerKind } from '../../services/deadlines/calendar';
import { addDeadline, deleteDeadline, loadCalendar } from '../../services/deadlines/store';
import { CALENDAR_LINK_MINUTES, calendarExportLink } from '../../services/deadlines/export-link';
import type { LinkSigner } from '../../services/links';
import { echo } from '../../platforms/escape';

const FILER_WORDS: Record<string, FilerKind> = { 区: 'district', 县: 'district', 区县: 'district', 市属: 'city_school', 市属学校: 'city_school', 学校: 'school', 各校: 'school' };
const CITY = '市教育局安全科';
const DISTRICT = '所在县（市、区）教育局';

function actor(ctx: BotContext): string {
  return `${ctx.msg.platform}:${ctx.msg.senderId}`;
}

function requireRole(ctx: BotContext, roles: string[], refuse: (role: string) => string): void {
  const role = ctx.member?.role;
  if (!role || !roles.includes(role)) throw new UserError(refuse(role ? ROLE_LABEL[role] : '未登记'));
}

/** "/截止 新增 06-30 防溺水专项总结 跟踪 报送=区,市属 报给=市教育局安全科 简称=防溺水" → a Deadline. */
export function parseAddition(args: string[], calendar: readonly Deadline[], year: number): Deadline {
  const [date, title, ...rest] = args;
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(date ?? '');
  if (!m || !title) throw new UserError(DL.calendarUsage);
  const [month, dayOfMonth] = [Number(m[1]), Number(m[2])];
  const probe = new Date(Date.UTC(2025, month - 1, dayOfMonth)); // 2025 has no 02-29: a yearly date must exist every year
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== dayOfMonth) throw new UserError(`${date} 不是每年都有的日期，请写成 MM-DD，例如 06-30。`);
  if (title.length > 60) throw new UserError('事项名请控制在 60 个字以内。');
  let mode: 'tracked' | 'untracked' | 'stage' = 'tracked';
  const opts: Record<string, string> = {};
  for (const t of rest) {
    if (t === '跟踪') mode = 'tracked';
    else if (t === '不跟踪') mode = 'untracked';
    else if (t === '阶段' || t === '阶段结束') mode = 'stage';
    else if (/^(报送|报给|简称)[=＝:：]/.test(t)) opts[t.slice(0, 2)] = t.slice(3).trim();
    else throw new UserError(`看不懂「${echo(t, 40)}」。\n${DL.calendarUsage}`);
  }
  const filerWords = (opts['报送'] ?? (mode === 'stage' ? '区' : '区,市属')).split(/[,，、]/).filter(Boolean);
  const filers = [...new Set(filerWords.map((w) => FILER_WORDS[w] ?? (() => { throw new UserError(`报送= 只能写 区、市属、学校（用逗号分开），不认识「${echo(w, 20)}」。`); })()))];
  const alias = opts['简称'] || title;
  if (alias.length > 32) throw new UserError('简称请控制在 32 个字以内，例如 简称=防溺水。');
  const taken = calendar.find((d) => d.key === alias || d.alias === alias || d.aliases.includes(alias));
  if (taken) throw new UserError(`简称「${echo(alias, 20)}」已被 ${taken.monthDay}「${echo(taken.title, 60)}」使用，请换一个：简称=…`);
  const duties: Duty[] = filers.map((filer) => {
    if (mode === 'stage') return { filer, action: `完成「${title}」`, to: '' };
    const to = opts['报给'] || (filer === 'school' ? DISTRICT : CITY);
    return { filer, action: `向${to}报送「${title}」`, to, document: '其他' };
  });
  const monthDay = `${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
  let key = `c${monthDay.replace('-', '')}`;
  for (let i = 2; calendar.some((d) => d.key === key); i++) key = `c${monthDay.replace('-', '')}-${i}`;
  return {
    key, monthDay, firstYear: year, planYear: year, kind: mode === 'stage' ? 'stage-end' : 'filing', tracked: mode === 'tracked', escalates: mode === 'tracked',
    alias, aliases: [], covers: 'current-year', title, due: title, duties,
  };
}

async function list(ctx: BotContext): Promise<void> {
  const calendar = await loadCalendar(ctx.services.ds);
  const now = new Date(ctx.now);
  const today = shanghaiDayKey(now);
  const rows = calendar.map((deadline) => {
    const next = occurrencesBetween(deadline, now, new Date(ctx.now + 2 * 366 * 86_400_000))[0];
    return { deadline, next, daysLeft: next ? daysBetween(today, next.date) : undefined };
  });
  rows.sort((a, b) => (a.next?.date ?? '9999').localeCompare(b.next?.date ?? '9999'));
  const year = Number(today.slice(0, 4));
  const noPlan = yearWithoutPlan(calendar, year);
  await ctx.reply(DL.calendarList(rows, today, ctx.member?.role === 'city_admin', noPlan ? { year, ...noPlan } : undefined));
}

export const deadlineCommand: Command = {
  name: '截止',
  // Not 'deadlines': /整改期限 (rectification time limits) already answers to that word.
  aliases: ['calendar'],
  usage: '/截止 [新增|删除|导出]',
  summary: '截止日期：查看；市教育局管理员新增、删除、导出',
  section: '提醒与报送',
  async run(ctx, args) {
    const [verb, ...rest] = tokens(args);
    if (!verb || verb === '列表') return list(ctx);
    if (verb === '帮助' || verb === '用法') return ctx.reply(DL.calendarUsage);
    if (verb === '导出') {
      requireRole(ctx, ['city_admin', 'district_admin'], DL.exportRefused);
      const url = calendarExportLink(ctx.services.links as LinkSigner, ctx.member!.unitId, ctx.now);
      return ctx.reply(DL.exportLink(url, CALENDAR_LINK_MINUTES));
    }
    if (verb !== '新增' && verb !== '删除') throw new UserError(DL.calendarUsage);
    requireRole(ctx, ['city_admin'], DL.calendarRefused);
    const calendar = await loadCalendar(ctx.services.ds);
    if (verb === '新增') {
      const d = parseAddition(rest, calendar, shanghaiParts(new Date(ctx.now)).year);
      await addDeadline(ctx.services.ds, d, actor(ctx), ctx.now);
      return ctx.reply(DL.added(d));
    }
    const word = rest.join(' ').trim();
    if (!word) throw new UserError(DL.calendarUsage);
    const single = rest.length > 1 ? rest.find((w) => !/^\d{2}-\d{2}$/.test(w)) ?? word : word;
    const byKey = calendar.filter((d) => d.key === word || d.key === single);
    let hits = byKey.length ? byKey : calendar.filter((d) => [word, single].some((w) => d.alias === w || d.title === w || d.aliases.includes(w) || d.monthDay === w));
    // 「季报 07-01」: a shared word narrowed by the date.
    if (hits.length > 1 && rest.length > 1) hits = hits.filter((d) => rest.includes(d.monthDay));
    if (hits.length === 0) throw new UserError(DL.notFound(word));
    if (hits.length > 1) throw new UserError(DL.ambiguous(hits));
    await deleteDeadline(ctx.services.ds, hits[0], actor(ctx), ctx.now);
    await ctx.reply(DL.deleted(hits[0]));
  },
};
