import type { Command } from '../context';
import { UserError } from '../errors';
import { tokens } from '../parser';
import { requireMember } from './hazard-common';
import { parsePeriod } from '../../services/hazards/ledger';
import { ROLE_LABEL } from '../../services/org/roles';
import { formatMonthDayTime } from '../../services/time';
import type { LinkSigner } from '../../services/links';
import { ledgerFileFor } from './export-file';
import { echo } from '../../platforms/escape';

export const LINK_TTL_MS = 30 * 60_000;

export const exportCommand: Command = {
  name: '导出', aliases: ['export'], usage: '/导出 台账 [本月|上月|11月|本季度|2025Q3|本年]', summary: '隐患台账 xlsx 下载链接（安全员、校长、教育局）', section: '上报与整改',
  async run(ctx, args) {
    const m = requireMember(ctx);
    const [what, ...rest] = tokens(args);
    if (what !== '台账' && what !== 'ledger') throw new UserError(`用法：${exportCommand.usage}${what ? '（季报请用 /季报 导出）' : ''}`);
    if (m.role === 'teacher') throw new UserError(`只有安全员、校长或教育局管理员可以导出台账（你是：${ROLE_LABEL.teacher}）。`);
    const unit = ctx.services.units.get(m.unitId);
    if (!unit) throw new UserError('你还没有所属单位。');
    const period = parsePeriod(rest.join(''), ctx.now);
    if (!period) throw new UserError(`看不懂时间「${echo(rest.join(' '), 40)}」。可以写 本月、上月、11月、本季度、2025Q3、本年。`);
    const expires = ctx.now + LINK_TTL_MS;
    const link = (ctx.services.links as LinkSigner).sign(`/files/ledger/${unit.id}/${period.from}-${period.to}.xlsx`, unit.id, expires);
    const text = `**${unit.name} · ${period.label} 隐患台账**\n[点击下载 xlsx](${link})\n链接 ${formatMonthDayTime(new Date(expires))} 前有效，仅限本单位。`;
    // Where the channel takes file messages (WeCom long connection, DingTalk robot), the xlsx itself follows the link.
    const files = await ledgerFileFor(ctx, unit, period);
    await ctx.reply(files ? { markdown: text, files } : text);
  },
};
