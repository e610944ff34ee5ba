import type { Command } from '../context';
import { UserError } from '../errors';
import { actorOf, hazardArg, sourceOf } from './hazard-common';
import { superviseHazard, type SupervisionFields } from '../../services/hazards/hazard.service';
import { tellSchoolOfBureauChange } from './bureau-notice';
import { echo } from '../../platforms/escape';

const FIELDS: Record<string, 'measures' | 'owner' | 'funds' | 'timeLimit' | 'plan'> = {
  措施: 'measures', 整改措施: 'measures', 责任人: 'owner', 负责人: 'owner', 资金: 'funds', 经费: 'funds', 时限: 'timeLimit', 期限: 'timeLimit', 预案: 'plan', 应急预案: 'plan',
};

export const superviseCommand: Command = {
  name: '督办', aliases: ['supervise'], usage: '/督办 <编号> 措施=… 责任人=… 资金=… 时限=… 预案=…', summary: '重大隐患挂牌督办，填写五落实', section: '上报与整改',
  async run(ctx, args) {
    const usage = '/督办 YH-2025-000124 措施=收缴电池并安装充电桩 责任人=林校长 资金=2万元 时限=12月10日 预案=宿舍火灾应急预案';
    const { h, member } = await hazardArg(ctx, args, usage, 'supervise');
    if (!h.major) throw new UserError(`${h.code} 不是重大事故隐患，不需要挂牌督办。如需认定，请安全员 /改级 ${h.code} 红 重大`);
    const body = args.trim().replace(/^\S+\s*/, '');
    const pairs = [...body.matchAll(/(\S+?)[=＝](.*?)(?=\s+\S+?[=＝]|$)/g)];
    if (!pairs.length) throw new UserError(`请用「字段=内容」填写。用法：${usage}`);
    const set: SupervisionFields = {};
    for (const [, k, v] of pairs) {
      const col = FIELDS[k];
      if (!col) throw new UserError(`不认识「${echo(k, 20)}」。五落实字段：措施、责任人、资金、时限、预案。`);
      if (!v.trim()) throw new UserError(`「${echo(k, 20)}」不能为空。`);
      set[col] = v.trim().slice(0, col === 'measures' || col === 'plan' ? 1000 : 100);
    }
    const s = await superviseHazard(ctx.services.ds, h, set, pairs.map(([, k, v]) => `${k}=${v.trim()}`).join('；'), actorOf(member), ctx.now);
    const missing = Object.entries({ 措施: s.measures, 责任人: s.owner, 资金: s.funds, 时限: s.timeLimit, 预案: s.plan }).filter(([, v]) => !v).map(([k]) => k);
    await tellSchoolOfBureauChange(ctx, h, missing.length ? `督办信息更新，五落实还缺：${missing.join('、')}` : '五落实已齐全');
    await ctx.reply(missing.length ? `已记录 ${h.code} 督办信息。五落实还缺：${missing.join('、')}` : `✅ ${h.code} 五落实已齐全。整改完成后 /整改 ${h.code} 措施，由区教育局 /验收。`);
  },
};
