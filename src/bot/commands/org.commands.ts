import type { Command } from '../context';
import { UserError } from '../errors';
import { T } from '../replies';
import { safeText } from '../../services/hazards/cards';
import { tokens } from '../parser';
import { parseRole, ROLE_LABEL } from '../../services/org/roles';

export const whoamiCommand: Command = {
  name: '我是谁',
  aliases: ['whoami'],
  usage: '/我是谁',
  summary: '查看我的单位和角色',
  section: '单位与成员',
  async run(ctx) {
    await ctx.reply(T.whoami(ctx.member, ctx.services.units.get(ctx.member?.unitId), ctx.msg.senderName ?? ctx.msg.senderId));
  },
};

export const bindCommand: Command = {
  name: '绑定',
  aliases: ['bind'],
  usage: '/绑定 <单位全称>',
  summary: '把本群绑定到学校或教育局（管理员）',
  section: '单位与成员',
  async run(ctx, args) {
    const name = args.trim();
    if (!name) throw new UserError('请写上单位全称，例如：/绑定 泉州市丰泽区东海中学');
    if (ctx.msg.chatType !== 'group') throw new UserError('请在要绑定的群里 @我 发送 /绑定。');
    await ctx.services.units.refresh();
    const { unit, candidates } = ctx.services.units.find(name);
    if (!unit) {
      const hint = candidates.length ? `你是不是要找：${candidates.map((u) => u.name).join('、')}？` : '请检查名称，或请区教育局管理员用 npm run import-org 导入学校名单。';
      throw new UserError(`没有找到单位「${name}」。${hint}`);
    }
    const res = await ctx.services.org.bind(
      ctx.group, unit, { platform: ctx.msg.platform, userId: ctx.msg.senderId, name: ctx.msg.senderName, member: ctx.member }, ctx.now,
    );
    await ctx.reply(T.bound(unit, res.becameAdmin ? ROLE_LABEL[res.becameAdmin] : undefined));
  },
};

export const roleCommand: Command = {
  name: '角色',
  aliases: ['role'],
  usage: '/角色 @某人 <教师|安全员|校长|区教育局管理员|市教育局管理员>',
  summary: '设置成员角色（单位管理员）',
  section: '单位与成员',
  async run(ctx, args) {
    const parts = tokens(args);
    const usage = '用法：/角色 @某人 校长（角色：教师、安全员、校长、区教育局管理员、市教育局管理员）';
    if (parts.length < 2) throw new UserError(usage);
    const role = parseRole(parts[parts.length - 1]);
    if (!role) throw new UserError(`不认识角色「${parts[parts.length - 1]}」。${usage}`);
    if (!ctx.member) throw new UserError(T.unbound);
    const unitId = ctx.group.unitId ?? ctx.member.unitId;
    if (unitId === null) throw new UserError(T.unbound);
    const who = parts.slice(0, -1).join(' ');
    const target = await ctx.services.org.findMention(unitId, who);
    if (!target) throw new UserError(`本单位没有找到「${safeText(who.replace(/^@/, ''), 40)}」。请对方先在群里 @我 说一句话（例如 /我是谁），再设置角色。`);
    await ctx.services.org.setRole(ctx.member, target, role, ctx.now);
    await ctx.reply(T.roleSet(target, ROLE_LABEL[role]));
  },
};
