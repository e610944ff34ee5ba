import type { Command } from '../context';
import { UserError } from '../errors';
import { tokens } from '../parser';
import { requireMember } from './hazard-common';
import { deadlineHours } from '../../services/hazards/deadline';
import { parseRiskColour } from '../../services/checklist/colours';
import { RISK_ZH } from '../../services/hazards/hazard.types';
import { isUnitAdminRole, ROLE_LABEL } from '../../services/org/roles';
import type { RiskColour } from '../../services/checklist/types';
import { echo } from '../../platforms/escape';

const show = (h: Record<RiskColour, number>) =>
  (['red', 'orange', 'yellow', 'blue'] as RiskColour[]).map((c) => `${RISK_ZH[c]} ${h[c] % 24 === 0 ? `${h[c] / 24} 天` : `${h[c]} 小时`}`).join(' · ');

/** Per-unit deadlines by colour; new reports use them, existing ones keep theirs. */
export const deadlineSettingsCommand: Command = {
  name: '整改期限', aliases: ['deadlines'], usage: '/整改期限 [红=24小时 橙=3天 黄=7天 蓝=30天]', summary: '查看或设置本校各等级的默认整改期限', section: '上报与整改',
  async run(ctx, args) {
    const m = requireMember(ctx);
    const unit = ctx.unit;
    if (!unit || unit.kind !== 'school') throw new UserError('整改期限按学校设置，请在学校的群里发。');
    const current = deadlineHours(unit.settings);
    if (!args.trim()) return ctx.reply(`**${unit.name} 默认整改期限**\n${show(current)}\n修改：${deadlineSettingsCommand.usage}`);
    if (!(m.unitId === unit.id && isUnitAdminRole(m.role, unit))) throw new UserError(`只有本校安全员或校长可以修改整改期限（你是：${ROLE_LABEL[m.role]}）。`);
    const next = { ...current };
    for (const t of tokens(args)) {
      const mm = /^(.+?)[=＝](\d+)\s*(小时|h|天|d)$/i.exec(t);
      const colour = mm ? parseRiskColour(mm[1]) : undefined;
      if (!mm || !colour) throw new UserError(`看不懂「${echo(t, 40)}」。用法：${deadlineSettingsCommand.usage}`);
      const hours = Number(mm[2]) * (/天|d/i.test(mm[3]) ? 24 : 1);
      if (hours < 1 || hours > 24 * 365) throw new UserError(`「${echo(t, 40)}」超出范围：1 小时到 365 天。`);
      next[colour] = hours;
    }
    await ctx.services.org.setDeadlineHours(m, unit, next, ctx.now);
    await ctx.reply(`✅ 已更新 ${unit.name} 默认整改期限：${show(next)}\n之后的新隐患按此计算，已登记的不变。`);
  },
};
