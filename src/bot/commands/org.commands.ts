import type { BotContext, Command } from '../context';
import { echo } from '../../platforms/escape';
import { BIND_TEXT, MENTION_TEXT, ROLE_TEXT } from '../../services/org/org-texts';
import { canIssueCode, formatJoinCode, issueJoinCode, JOIN_CODE_TTL_MS, newJoinCode, normaliseJoinCode } from '../../services/org/trust';
import { UserError } from '../errors';
import { T } from '../replies';
import { tokens } from '../parser';
import { GRID_WORDS, parseRole, ROLE_LABEL } from '../../services/org/roles';
import { parseGridPlaces } from '../../services/org/grid';

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

/** "东海中学 ABCD-EFGH" → the unit words and the join code (when the last word is one). */
function unitAndCode(args: string): { name: string; code: string | null } {
  const parts = tokens(args);
  const last = parts.length > 1 ? normaliseJoinCode(parts[parts.length - 1]) : null;
  return last ? { name: parts.slice(0, -1).join(' '), code: last } : { name: parts.join(' '), code: null };
}

async function findUnit(ctx: BotContext, name: string) {
  await ctx.services.units.refresh();
  const { unit, candidates } = ctx.services.units.find(name);
  if (unit) return unit;
  const hint = candidates.length ? `你是不是要找：${candidates.map((u) => echo(u.name, 60)).join('、')}？` : '请检查名称，或请区教育局管理员用 npm run import-org 导入学校名单。';
  throw new UserError(`没有找到单位「${echo(name, 60)}」。${hint}`);
}

export const bindCommand: Command = {
  name: '绑定',
  aliases: ['bind'],
  usage: '/绑定 <单位全称> [邀请码]',
  summary: '把本群绑定到学校或教育局（本单位或上级管理员；新学校凭区教育局的邀请码）',
  section: '单位与成员',
  async run(ctx, args) {
    const usage = '请写上单位全称，例如：/绑定 泉州市丰泽区东海中学（学校还没有管理员时：/绑定 泉州市丰泽区东海中学 <邀请码>）';
    if (!args.trim() || args.length > 200) throw new UserError(usage);
    if (ctx.msg.chatType !== 'group') throw new UserError('请在要绑定的群里 @我 发送 /绑定。');
    const { name, code } = unitAndCode(args);
    const unit = await findUnit(ctx, name);
    const res = await ctx.services.org.bind(
      ctx.group, unit, { platform: ctx.msg.platform, userId: ctx.msg.senderId, name: ctx.msg.senderName, member: ctx.member }, code, ctx.now,
    );
    const unitName = echo(unit.name, 60);
    if (res.already) return void (await ctx.reply(BIND_TEXT.alreadyBound(unitName)));
    if (res.from) {
      const by = `${echo(ctx.member?.name ?? ctx.msg.senderName ?? ctx.msg.senderId, 40)}（${ctx.member ? ROLE_LABEL[ctx.member.role] : ''}）`;
      return void (await ctx.reply(BIND_TEXT.moved(echo(res.from.name, 60), unitName, by)));
    }
    const role = res.becameAdmin ?? ctx.member?.role;
    await ctx.reply(BIND_TEXT.bound(unitName, role ? ROLE_LABEL[role] : undefined));
  },
};

export const inviteCodeCommand: Command = {
  name: '邀请码',
  aliases: ['invite'],
  usage: '/邀请码 <学校全称>',
  summary: '给还没有管理员的学校发一次性邀请码（区、市教育局管理员）',
  section: '单位与成员',
  async run(ctx, args) {
    if (!args.trim() || args.length > 200) throw new UserError(BIND_TEXT.codeUsage);
    const unit = await findUnit(ctx, args.trim());
    const unitName = echo(unit.name, 60);
    if (unit.kind !== 'school') throw new UserError(BIND_TEXT.codeOnlySchools(unitName));
    if (!canIssueCode(ctx.member, unit, ctx.services.units)) throw new UserError(BIND_TEXT.codeRefused(unitName, ctx.member ? ROLE_LABEL[ctx.member.role] : undefined));
    const code = newJoinCode();
    const by = `${ctx.msg.platform}:${ctx.msg.senderId}`;
    await issueJoinCode(ctx.services.ds, unit.id, code, by, ctx.now);
    await ctx.reply(BIND_TEXT.codeIssued(unitName, formatJoinCode(code), Math.round(JOIN_CODE_TTL_MS / 86_400_000), ctx.msg.chatType === 'group'));
  },
};

export const roleCommand: Command = {
  name: '角色',
  aliases: ['role'],
  usage: '/角色 @某人 <教师|安全员|分管安全副校长|校长|区教育局管理员|市教育局管理员|网格员 地点…>',
  summary: '设置成员角色或网格员负责的地方（单位管理员）',
  section: '单位与成员',
  async run(ctx, args) {
    const usage = ROLE_TEXT.usage;
    if (args.length > 500) throw new UserError(usage);
    const parts = tokens(args);
    if (parts.length < 2) throw new UserError(usage);
    // The first word after the person that is a role (or 网格员) decides; everything before it names the person.
    const k = parts.findIndex((p, i) => i > 0 && (parseRole(p) !== undefined || GRID_WORDS.includes(p.toLowerCase())));
    if (k < 0) throw new UserError(`不认识角色「${echo(parts[parts.length - 1], 20)}」。${usage}`);
    if (!ctx.member) throw new UserError(T.unbound);
    const unitId = ctx.group.unitId ?? ctx.member.unitId;
    if (unitId === null) throw new UserError(T.unbound);
    const who = parts.slice(0, k).join(' ');
    const target = await ctx.services.org.findMention(unitId, who, ctx.msg);
    if (!target) throw new UserError(MENTION_TEXT.notFound(echo(who.replace(/^[@＠]/, ''), 40), usage));
    if (GRID_WORDS.includes(parts[k].toLowerCase())) {
      const rest = parts.slice(k + 1).join(' ');
      const clear = /^(清除|取消|无|clear)$/.test(rest);
      const parsed = clear ? { places: [] as string[] } : parseGridPlaces(rest);
      if ('error' in parsed) throw new UserError(parsed.error);
      await ctx.services.org.setGrid(ctx.member, target, parsed.places, ctx.now);
      return void (await ctx.reply(ROLE_TEXT.gridSet(echo(target.name, 40), parsed.places.map((p) => echo(p, 30)))));
    }
    const role = parseRole(parts[k])!;
    if (k !== parts.length - 1) throw new UserError(usage);
    await ctx.services.org.setRole(ctx.member, target, role, ctx.now);
    await ctx.reply(T.roleSet(target, ROLE_LABEL[role]));
  },
};
