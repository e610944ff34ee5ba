import type { BotContext, Command } from '../context';
import { UserError } from '../errors';
import { T } from '../replies';
import { DL } from './deadline-replies';
import { ROLE_LABEL, isUnitAdminRole } from '../../services/org/roles';
import { resolveFiling } from '../../services/deadlines/filing-alias';
import { loadCalendar } from '../../services/deadlines/store';
import { filerKindOf, owes, shortName } from '../../services/deadlines/audience';
import { markFiled, undoFiling } from '../../services/deadlines/filings';
import { unitOutlook } from '../../services/deadlines/outlook';
import type { Unit } from '../../services/org/types';

/**
 * A filing is made by a unit's administrator for their own unit (schools: 安全员 or 校长, 市属学校 too;
 * districts: 区教育局管理员), whichever group they write in: the reply names the unit, so nobody files for
 * the wrong one by accident.
 */
async function filingTarget(ctx: BotContext, args: string, usage: string) {
  const input = args.trim();
  if (!input) throw new UserError(usage);
  const m = ctx.member;
  if (!m) throw new UserError(T.unbound);
  const unit = ctx.services.units.get(m.unitId);
  if (!unit) throw new UserError(T.unbound);
  if (unit.kind === 'city') throw new UserError(DL.cityNeedsNothing);
  if (!isUnitAdminRole(m.role, unit)) throw new UserError(DL.fileRefused(ROLE_LABEL[m.role]));
  const calendar = await loadCalendar(ctx.services.ds);
  const res = resolveFiling(calendar, input, new Date(ctx.now));
  if (!res.ok) throw new UserError(res.reason === 'unknown' ? `没有找到这个事项。${DL.fileUsage}` : DL.noOccurrence(input));
  const name = shortName(unit, ctx.services.units);
  if (!owes(res.deadline, filerKindOf(unit, ctx.services.units))) throw new UserError(DL.notOwed(res.deadline, res.occurrence, name));
  return { unit, name, ...res, by: `${ctx.msg.platform}:${ctx.msg.senderId}` };
}

export const filedCommand: Command = {
  name: '已报送',
  aliases: ['filed'],
  usage: '/已报送 <事项>',
  summary: '登记本单位已完成报送（方案、自评、季报、年报）',
  section: '提醒与报送',
  async run(ctx, args) {
    const t = await filingTarget(ctx, args, DL.fileUsage);
    const res = await markFiled(ctx.services.ds, { unitId: t.unit.id, deadlineKey: t.deadline.key, occurrence: t.occurrence.date, by: t.by, now: ctx.now });
    await ctx.reply(res.changed ? DL.filed(t.occurrence, t.name, t.deadline.alias) : DL.alreadyFiled(t.occurrence, t.name, res.filing.filedAt));
  },
};

export const undoFiledCommand: Command = {
  name: '撤销报送',
  aliases: ['unfile'],
  usage: '/撤销报送 <事项>',
  summary: '撤销本单位的报送登记',
  section: '提醒与报送',
  async run(ctx, args) {
    const t = await filingTarget(ctx, args, DL.undoUsage);
    const res = await undoFiling(ctx.services.ds, { unitId: t.unit.id, deadlineKey: t.deadline.key, occurrence: t.occurrence.date, by: t.by, now: ctx.now });
    await ctx.reply(res.changed ? DL.undone(t.occurrence, t.name, t.deadline.alias) : DL.notFiledYet(t.occurrence, t.name));
  },
};

export const remindCommand: Command = {
  name: '提醒',
  aliases: ['remind'],
  usage: '/提醒',
  summary: '本单位接下来的截止日期和还欠什么',
  section: '提醒与报送',
  async run(ctx) {
    // The group's unit first: in a school's group everyone asks about that school.
    const unit: Unit | undefined = ctx.unit ?? undefined;
    if (!unit) throw new UserError(T.unbound);
    await ctx.services.units.ensure();
    const calendar = await loadCalendar(ctx.services.ds);
    const outlook = await unitOutlook(ctx.services.ds, ctx.services.units, calendar, unit, ctx.now);
    await ctx.reply(DL.outlook(outlook, shortName(unit, ctx.services.units), (u) => shortName(u, ctx.services.units)));
  },
};
