import type { BotContext, Command } from '../context';
import { UserError } from '../errors';
import { T } from '../replies';
import { tokens } from '../parser';
import { PUSH } from './deadline-replies';
import { ROLE_LABEL } from '../../services/org/roles';
import {
  canManagePush, describePush, isDingtalkSecret, parseDingtalkToken, parseWecomKey, setGroupPush, type PushSetting,
} from '../../services/org/push-settings';
import { canPush, robotKeyOf } from '../../services/outbox/push-groups';
import { pushFailureReason } from '../../services/outbox/push-alert';
import { takeSlot } from '../../services/outbox/rate-limit';
import type { Deliverer } from '../../services/outbox/outbox.types';
import type { Unit } from '../../services/org/types';

function groupUnit(ctx: BotContext): Unit {
  if (ctx.msg.chatType !== 'group') throw new UserError('请在要接收提醒的群里 @我 发送 /推送。');
  const unit = ctx.services.units.get(ctx.group.unitId);
  if (!unit) throw new UserError(T.unbound);
  const role = ctx.member?.role;
  if (!canManagePush(ctx.member, unit, ctx.services.units)) throw new UserError(PUSH.refused(role ? ROLE_LABEL[role] : '未登记'));
  return unit;
}

function parseSetting(ctx: BotContext, words: string[]): PushSetting {
  const [kind, ...rest] = words;
  const platform = ctx.group.platform;
  if (kind === '企业微信') {
    if (platform === 'dingtalk') throw new UserError(PUSH.wrongPlatform('企业微信'));
    const key = parseWecomKey(rest.join(''));
    if (!key) throw new UserError(PUSH.badWecomKey);
    return { kind: 'wecom_webhook', target: key, secret: null };
  }
  if (kind === '钉钉群') {
    if (platform !== 'dingtalk') throw new UserError(PUSH.wrongPlatform('钉钉'));
    if (!ctx.services.config.dingtalk) throw new UserError(PUSH.noDingtalkApp);
    // The app robot posts by openConversationId, which is the conversationId this message came from.
    return { kind: 'dingtalk_group', target: ctx.group.chatId, secret: null };
  }
  if (kind === '钉钉自定义') {
    if (platform === 'wecom') throw new UserError(PUSH.wrongPlatform('钉钉'));
    const token = parseDingtalkToken(rest[0] ?? '');
    const secret = rest[1] ?? null;
    if (!token || (secret !== null && !isDingtalkSecret(secret))) throw new UserError(PUSH.badDingtalkToken);
    return { kind: 'dingtalk_custom', target: token, secret };
  }
  throw new UserError(PUSH.usage);
}

/** A real push through the group's channel, answered on the reply channel, which works even when the push does not. */
async function test(ctx: BotContext): Promise<string> {
  const { config, ds } = ctx.services;
  if (!canPush(ctx.group, config)) return PUSH.show(null, false);
  const robotKey = robotKeyOf(ctx.group, config);
  if (robotKey) {
    const wait = await takeSlot(ds, robotKey, ctx.now);
    if (wait > 0) return PUSH.testThrottled(Math.ceil((wait - ctx.now) / 1000));
  }
  const deliverer = ctx.services.deliverer as Deliverer;
  const res = await deliverer.deliver({ kind: 'group', groupId: ctx.group.id }, { markdown: PUSH.testBody, title: '推送测试' });
  if (res.ok) return PUSH.testOk;
  ctx.log.warn({ code: res.code }, 'push test failed');
  return PUSH.testFailed(pushFailureReason(res.code));
}

export const pushCommand: Command = {
  name: '推送',
  aliases: ['push'],
  usage: '/推送 [设置 企业微信 <key> | 设置 钉钉群 | 设置 钉钉自定义 <token> | 测试]',
  summary: '设置本群接收提醒的方式（管理员）',
  section: '提醒与报送',
  async run(ctx, args) {
    const unit = groupUnit(ctx);
    const [verb, ...rest] = tokens(args);
    const { config } = ctx.services;
    if (!verb || verb === '查看') return ctx.reply(PUSH.show(describePush(ctx.group, config), canPush(ctx.group, config)));
    if (verb === '测试') return ctx.reply(await test(ctx));
    if (verb !== '设置') throw new UserError(PUSH.usage);
    const setting = parseSetting(ctx, rest);
    await setGroupPush(ctx.services.ds, ctx.group, setting, { actor: `${ctx.msg.platform}:${ctx.msg.senderId}`, unitId: unit.id, inboundId: ctx.inboundId }, ctx.now);
    await ctx.reply(PUSH.set(describePush(ctx.group, config) ?? setting.kind));
  },
};
