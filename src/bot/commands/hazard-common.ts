import type { BotContext } from '../context';
import { UserError } from '../errors';
import { halfWidth, tokens } from '../parser';
import { getHazard, getHazardByCode, hazardsInStatus } from '../../services/hazards/hazard.service';
import { normaliseCode, STATUS_LABEL, type HazardRow, type HazardStatus, type Member } from '../../services/hazards/hazard.types';
import { assertCan, can, type HazardAction } from '../../services/hazards/permissions';
import { listLine } from '../../services/hazards/cards';
import { T } from '../replies';
import { hazardCard } from '../../services/hazards/card-actions';
import { CARD_TEXTS } from '../card-replies';
import type { OutgoingMessage } from '../../services/outbox/outbox.types';
import { echo } from '../../platforms/escape';

export const sourceOf = (ctx: BotContext) => `${ctx.msg.platform}:${ctx.msg.msgId}`;

export function requireMember(ctx: BotContext): Member {
  if (!ctx.member) throw new UserError(T.unbound);
  return ctx.member;
}

/** The schools whose hazards this person works on: their own, or every school under their bureau. */
export function scopeUnitIds(ctx: BotContext, m: Member): number[] {
  const unit = ctx.services.units.get(m.unitId);
  if (!unit) return [];
  return ctx.services.units.schoolsUnder(unit).map((u) => u.id);
}

const SHORT = /^#?(\d{1,9})$/;

/**
 * A code as people write it: the full YH-2025-000123 (any case, with or without dashes, full-width) or the short
 * number on the card (123, 000123, #123). Codes are made from the row id, so a short number names at most one
 * hazard in the city; it is accepted only when that hazard is in the sender's scope.
 */
export async function resolveCode(ctx: BotContext, m: Member, token: string): Promise<HazardRow | null | 'not-a-code'> {
  const t = halfWidth(token).trim();
  const code = normaliseCode(t);
  if (code) return getHazardByCode(ctx.services.ds, code);
  const short = SHORT.exec(t);
  if (!short) return 'not-a-code';
  const h = await getHazard(ctx.services.ds, Number(short[1]));
  return h && scopeUnitIds(ctx, m).includes(h.unitId) ? h : null;
}

export interface HazardArgOptions {
  /** Without a code, the only hazard in this state the person may act on is meant (「销号」 → the one waiting). */
  implicit?: HazardStatus;
}

/** "/验收 YH-2025-000123 通过 …" → the hazard (checked for this person and action) and the remaining words. */
export async function hazardArg(ctx: BotContext, args: string, usage: string, action: HazardAction, opts: HazardArgOptions = {}): Promise<{ h: HazardRow; rest: string[]; member: Member }> {
  const member = requireMember(ctx);
  const all = tokens(args);
  const [first, ...rest] = all;
  const found = first ? await resolveCode(ctx, member, first) : 'not-a-code';
  if (found === 'not-a-code') {
    if (opts.implicit) return { h: checkTapVersion(ctx, action, await onlyOne(ctx, member, action, opts.implicit, usage)), rest: all, member };
    if (!first) throw new UserError(`请写上隐患编号。用法：${usage}`);
    throw new UserError(`「${echo(first, 40)}」不是隐患编号（形如 YH-2025-000123，或卡片上的数字 123）。用法：${usage}`);
  }
  if (!found) {
    const shown = normaliseCode(halfWidth(first!)) ?? first!;
    throw new UserError(`没有找到 ${shown}。发 /清单 查看本单位的隐患，或 /我的 查看你上报的。`);
  }
  assertCan(ctx.services.units, member, action, found);
  return { h: checkTapVersion(ctx, action, found), rest, member };
}

/** A tap on a card that no longer shows the current state (someone else acted first) changes nothing. */
function checkTapVersion(ctx: BotContext, action: HazardAction, h: HazardRow): HazardRow {
  const tapped = ctx.msg.tap?.version;
  if (action !== 'read' && tapped != null && tapped !== h.version) throw new UserError(CARD_TEXTS.stale(h.code, STATUS_LABEL[h.status]));
  return h;
}

async function onlyOne(ctx: BotContext, m: Member, action: HazardAction, status: HazardStatus, usage: string): Promise<HazardRow> {
  const ids = scopeUnitIds(ctx, m);
  if (!ids.length) throw new UserError(`请写上隐患编号。用法：${usage}`);
  const rows = await hazardsInStatus(ctx.services.ds, status, ids, 50);
  const mine = rows.filter((h) => can(ctx.services.units, m, action, h) && !(action === 'verify' && h.rectifiedById === m.id));
  if (mine.length === 1) return mine[0];
  if (!mine.length) throw new UserError(`没有你可以处理的「${STATUS_LABEL[status]}」隐患。请写上编号，用法：${usage}`);
  const word = usage.split(' ')[0];
  throw new UserError([`有 ${mine.length} 条「${STATUS_LABEL[status]}」，请写上是哪一条，例如 ${word} ${mine[0].code.replace(/^YH-\d{4}-0*/, '')}：`, ...mine.slice(0, 5).map((h) => listLine(h, ctx.now))].join('\n'));
}

export const actorOf = (m: Member) => ({ id: m.id, name: m.name });

/** The reply after a change: the text (for clients without cards, naming the commands) and the hazard's new card. */
export function withCard(ctx: BotContext, markdown: string, h: HazardRow): OutgoingMessage {
  return { markdown, card: hazardCard(h, ctx.msg.tap?.taskId) };
}
