import type { Command } from '../context';
import { T } from '../replies';
import { ROLE_LABEL } from '../../services/org/roles';
import type { Role } from '../../services/org/types';

/**
 * What each role needs, in the order they need it: a teacher reports and follows their reports; a safety officer
 * runs the loop first and files second; leaders look at progress first. Commands not listed here (added by other
 * features) still appear under 「/帮助 全部」.
 */
export const HELP_ORDER: Record<Role | 'none', string[]> = {
  none: ['绑定', '我是谁'],
  teacher: ['隐患', '我的', '查询', '清单', '整改', '我是谁'],
  safety_officer: ['清单', '确认', '指派', '整改', '验收', '驳回', '合并', '改级', '督办', '查询', '导出', '提醒', '已报送', '季报', '进度', '整改期限', '推送', '角色', '周报'],
  principal: ['清单', '验收', '确认', '督办', '驳回', '合并', '进度', '提醒', '已报送', '季报', '导出', '角色', '周报'],
  deputy_principal: ['清单', '验收', '确认', '督办', '驳回', '合并', '进度', '提醒', '已报送', '季报', '导出', '角色', '周报'],
  district_admin: ['进度', '清单', '验收', '督办', '提醒', '已报送', '季报', '目标', '导出', '截止', '推送', '角色', '绑定', '邀请码', '周报'],
  city_admin: ['进度', '季报', '提醒', '截止', '目标', '清单', '查询', '导出', '推送', '绑定', '邀请码', '角色', '周报'],
};

/** /帮助: what this person can do here, in order; `/帮助 全部` lists every command; `/帮助 验收` explains one. */
export function helpCommand(all: () => Command[]): Command {
  return {
    name: '帮助',
    aliases: ['help'],
    usage: '/帮助 [全部|指令]',
    summary: '我能做什么；「全部」列出所有指令，或某个指令的用法',
    section: '单位与成员',
    async run(ctx, args) {
      const word = args.trim().replace(/^[/／]/, '').toLowerCase();
      if (word === '全部' || word === 'all') return ctx.reply(T.help(all()));
      const one = word ? all().find((c) => c.name === word || c.aliases.some((a) => a.toLowerCase() === word)) : undefined;
      if (one) {
        await ctx.reply(`**${one.usage}**\n${one.summary}\n别名：${[one.name, ...one.aliases].map((a) => `/${a}`).join('、')}`);
        return;
      }
      const role = ctx.member?.role ?? 'none';
      const byName = new Map(all().map((c) => [c.name, c]));
      const mine = HELP_ORDER[role].map((n) => byName.get(n)).filter((c): c is Command => Boolean(c));
      const unit = ctx.services.units.get(ctx.member?.unitId);
      await ctx.reply(T.roleHelp(role === 'none' ? null : ROLE_LABEL[role], unit?.name ?? null, mine, role === 'teacher' || role === 'none'));
    },
  };
}
