import type { BotContext } from '../context';
import { UserError } from '../errors';
import { tokens } from '../parser';
import { getHazardByCode } from '../../services/hazards/hazard.service';
import { normaliseCode, type HazardRow } from '../../services/hazards/hazard.types';
import { assertCan, type HazardAction } from '../../services/hazards/permissions';
import { T } from '../replies';
import { STATUS_LABEL } from '../../services/hazards/hazard.types';
import { hazardCard } from '../../services/hazards/card-actions';
import { CARD_TEXTS } from '../card-replies';
import type { OutgoingMessage } from '../../services/outbox/outbox.types';
import type { Member } from '../../../entities/member.entity';

export const sourceOf = (ctx: BotContext) => `${ctx.msg.platform}:${ctx.msg.msgId}`;

export function requireMember(ctx: BotContext): Member {
  if (!ctx.member) throw new UserError(T.unbound);
  return ctx.member;
}

/** "/验收 YH-2025-000123 通过 …" → the hazard (checked for this person and action) and the remaining words. */
export async function hazardArg(ctx: BotContext, args: string, usage: string, action: HazardAction): Promise<{ h: HazardRow; rest: string[]; member: Member }> {
  const member = requireMember(ctx);
  const [first, ...rest] = tokens(args);
  if (!first) throw new UserError(`请写上隐患编号。用法：${usage}`);
  const code = normaliseCode(first);
  if (!code) throw new UserError(`「${first}」不是隐患编号（形如 YH-2025-000123）。用法：${usage}`);
  const h = await getHazardByCode(ctx.services.ds, code);
  if (!h) throw new UserError(`没有找到 ${code}。发 /清单 查看本单位的隐患，或 /我的 查看你上报的。`);
  assertCan(ctx.services.units, member, action, h);
  // A tap on a card that no longer shows the current state (someone else acted first) changes nothing.
  const tapped = ctx.msg.tap?.version;
  if (action !== 'read' && tapped != null && tapped !== h.version) throw new UserError(CARD_TEXTS.stale(h.code, STATUS_LABEL[h.status]));
  return { h, rest, member };
}

export const actorOf = (m: Member) => ({ id: m.id, name: m.name });

/** The reply after a change: the text (for clients without cards, naming the commands) and the hazard's new card. */
export function withCard(ctx: BotContext, markdown: string, h: HazardRow): OutgoingMessage {
  return { markdown, card: hazardCard(h, ctx.msg.tap?.taskId) };
}
