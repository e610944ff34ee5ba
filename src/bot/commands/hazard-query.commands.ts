import type { Command } from '../context';
import { UserError } from '../errors';
import { halfWidth, tokens } from '../parser';
import { hazardArg, requireMember } from './hazard-common';
import { historyText, listLine } from '../../services/hazards/cards';
import { history, myReports, openList, type ListFilter } from '../../services/hazards/queries';
import { parseRiskColour } from '../../services/checklist/colours';
import { nextStepLine } from '../../services/hazards/next-steps';
import { getHazard } from '../../services/hazards/hazard.service';
import { echo } from '../../platforms/escape';

export const queryCommand: Command = {
  name: '查询', aliases: ['query', 'status'], usage: '/查询 <编号>', summary: '查看隐患状态和全部记录', section: '上报与整改',
  async run(ctx, args) {
    const { h, member } = await hazardArg(ctx, args, '/查询 YH-2025-000123', 'read');
    const { events, supervision, photos } = await history(ctx.services.ds, h.id);
    const sup = supervision ? { complete: (['measures', 'owner', 'funds', 'timeLimit', 'plan'] as const).every((k) => Boolean(supervision[k])) } : null;
    const dup = h.duplicateOfId !== null && h.status === 'pending' ? (await getHazard(ctx.services.ds, h.duplicateOfId))?.code : undefined;
    const next = nextStepLine(ctx.services.units, h, member, sup, dup);
    await ctx.reply(next.startsWith('下一步') ? `${historyText(h, events, supervision, photos, ctx.now)}\n${next}` : historyText(h, events, supervision, photos, ctx.now));
  },
};

export const mineCommand: Command = {
  name: '我的', aliases: ['mine', 'my'], usage: '/我的', summary: '我上报的隐患', section: '上报与整改',
  async run(ctx) {
    const m = requireMember(ctx);
    const { rows, total } = await myReports(ctx.services.ds, m.id);
    if (!total) return ctx.reply('你还没有上报过隐患。看到隐患直接 @我 描述，或发 /隐患 描述。');
    await ctx.reply([`**我上报的隐患（共 ${total} 条，最近 ${rows.length} 条）**`, ...rows.map((h) => listLine(h, ctx.now)), '发 /查询 编号 查看详情'].join('\n'));
  },
};

const FILTER_WORDS: Record<string, ListFilter> = { 逾期: 'overdue', overdue: 'overdue', 待验收: 'verifying', 重大: 'major', major: 'major', 全部: 'all', all: 'all' };

export const listCommand: Command = {
  name: '清单', aliases: ['list'], usage: '/清单 [红|橙|黄|蓝|逾期|待验收|重大] [页码]', summary: '本单位在办隐患，最急的在前', section: '上报与整改',
  async run(ctx, args) {
    const m = requireMember(ctx);
    const unit = ctx.unit ?? ctx.services.units.get(m.unitId);
    if (!unit) throw new UserError('你还没有所属单位。请管理员先 /绑定 本群。');
    let filter: ListFilter = 'all';
    let page = 1;
    const words: string[] = [];
    const cn: Record<string, string> = { 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9', 十: '10' };
    const loose = halfWidth(args).replace(/第\s*([0-9]{1,4}|[一二两三四五六七八九十])\s*页/g, (_, n: string) => `第${cn[n] ?? n}页`).replace(/(\d{1,4})\s+页/g, '$1页');
    for (const t of tokens(loose)) {
      const p = /^(?:第|p|page)?(\d{1,4})页?$/i.exec(t);
      if (p) page = Math.max(1, Number(p[1]));
      else if (FILTER_WORDS[t.toLowerCase()]) (filter = FILTER_WORDS[t.toLowerCase()]), words.push(t);
      else if (parseRiskColour(t)) (filter = parseRiskColour(t)!), words.push(t);
      // A page beyond any real list (or beyond a safe integer) is a typing slip, not a query to run.
      else if (/^\d+$/.test(t)) throw new UserError(`页码「${echo(t, 20)}」不对：请写 1 到 9999 之间的数字。用法：${listCommand.usage}`);
      else throw new UserError(`不认识筛选条件「${echo(t, 40)}」。用法：${listCommand.usage}`);
    }
    // A bureau's list covers the schools under it.
    const unitIds = unit.kind === 'school' ? [unit.id] : ctx.services.units.schoolsUnder(unit).map((u) => u.id);
    const { rows, total } = await openList(ctx.services.ds, unitIds, filter, ctx.now, page);
    const pages = Math.max(1, Math.ceil(total / 10));
    if (!total) return ctx.reply(`${unit.name} 没有${filter === 'all' ? '在办' : '符合条件的'}隐患。👍`);
    const lines = [`**${unit.name} · 在办隐患 ${total} 条（第 ${page}/${pages} 页）**`, ...rows.map((h) => listLine(h, ctx.now))];
    if (page < pages) lines.push(`下一页：/清单 ${[...words, `第${page + 1}页`].join(' ')}`);
    else lines.push('发 /查询 编号 查看详情');
    await ctx.reply(lines.join('\n'));
  },
};
