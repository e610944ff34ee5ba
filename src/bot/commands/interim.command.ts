// `/管控 <编号> <临时管控措施>`: what keeps people safe until a red or major hazard is rectified (设置警戒、停用、专人看守…).
// Asked for on the report card of every red and major item; shown in the ledger's 临时管控措施 column.
import type { Command } from '../context';
import { UserError } from '../errors';
import { actorOf, hazardArg } from './hazard-common';
import { setInterimMeasures } from '../../services/hazards/hazard.service';

const USAGE = '/管控 YH-2025-000124 设置警戒线，停用该楼梯，安排专人值守';

export const interimCommand: Command = {
  name: '管控', aliases: ['interim'], usage: '/管控 <编号> <临时管控措施>', summary: '登记红色、重大隐患的临时管控措施', section: '上报与整改',
  async run(ctx, args) {
    const { h, rest, member } = await hazardArg(ctx, args, USAGE, 'manage');
    const text = rest.join(' ').trim();
    if (!text) throw new UserError(`请写上临时管控措施。用法：${USAGE}`);
    if (h.status === 'closed' || h.status === 'rejected') throw new UserError(`${h.code} 已${h.status === 'closed' ? '销号' : '驳回'}，不需要临时管控。`);
    await setInterimMeasures(ctx.services.ds, h, text, actorOf(member), ctx.now);
    await ctx.reply(`✅ 已登记 ${h.code} 临时管控措施，整改完成前请保持。台账「临时管控措施」一栏将显示这条。`);
  },
};
