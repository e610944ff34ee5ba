import type { BotContext, Command } from '../context';
import { UserError } from '../errors';
import { tokens } from '../parser';
import { actorOf, requireMember, resolveCode, sourceOf } from './hazard-common';
import { addEvent, getHazard, movePhotos, transition } from '../../services/hazards/hazard.service';
import { memberMobile } from '../../services/hazards/contacts';
import { assertCan } from '../../services/hazards/permissions';
import { OPEN_STATUSES, type HazardRow, type Member } from '../../services/hazards/hazard.types';
import { mergedNotice, mergedReply } from '../../services/hazards/conversation-texts';

const USAGE = '/合并 YH-2025-000124 YH-2025-000123';

/**
 * Two reports of one hazard become one: the later is closed as 已驳回「重复，已合并到 …」, its photos move to the
 * earlier, both histories say so, and the reporter of the merged one is told where to follow it.
 */
export async function mergeHazards(ctx: BotContext, member: Member, a: HazardRow, b: HazardRow): Promise<void> {
  if (a.id === b.id) throw new UserError(`请写两个不同的编号。用法：${USAGE}`);
  if (a.unitId !== b.unitId) throw new UserError(`${a.code} 和 ${b.code} 不是同一所学校的隐患，不能合并。`);
  for (const h of [a, b]) {
    assertCan(ctx.services.units, member, 'manage', h);
    if (!OPEN_STATUSES.includes(h.status)) throw new UserError(`${h.code} 已经${h.status === 'closed' ? '销号' : '驳回'}，不能合并。发 /查询 ${h.code} 查看。`);
  }
  // The earlier report keeps the record; the later one is the repeat, whichever order they were typed in.
  const [keep, merged] = a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id) ? [a, b] : [b, a];
  if (merged.status !== 'pending' && merged.status !== 'rectifying') throw new UserError(`${merged.code} 已在验收中，请先验收或退回后再合并。`);
  const src = sourceOf(ctx);
  const { repeated } = await transition(ctx.services.ds, {
    hazard: merged, expect: ['pending', 'rectifying'], to: 'rejected', set: { rejectReason: `重复，已合并到 ${keep.code}`, duplicateOfId: keep.id },
    actor: actorOf(member), action: 'merge', note: `重复，已合并到 ${keep.code}`, sourceMsg: src, now: ctx.now,
    alsoInTransaction: async (tx) => {
      await movePhotos(tx, merged.id, keep.id);
      await addEvent(tx, keep.id, ctx.now, actorOf(member), 'merge', null, null, `合并了重复上报 ${merged.code}（${merged.reporterName}）`, `${src}:keep`);
    },
  });
  const kept = (await getHazard(ctx.services.ds, keep.id))!;
  const sameGroup = merged.groupId === null || merged.groupId === ctx.group.id;
  if (!repeated && !sameGroup && merged.reporterId !== member.id) {
    const mobile = merged.reporterId === null ? null : await memberMobile(ctx.services.ds, merged.reporterId);
    await ctx.services.outbox.enqueue(ctx.services.ds, {
      dedupeKey: `merge:${merged.id}:reporter`, kind: 'notice', route: { kind: 'group', groupId: merged.groupId! }, urgent: false,
      body: { markdown: mergedNotice(merged, kept), mentionMobiles: mobile ? [mobile] : [] },
    });
  }
  await ctx.reply(mergedReply(merged, kept, sameGroup && merged.reporterId !== member.id));
}

export const mergeCommand: Command = {
  name: '合并', aliases: ['merge'], usage: '/合并 <编号> <编号>', summary: '两条上报是同一个隐患：合并为一条（安全员、校长）', section: '上报与整改',
  async run(ctx, args) {
    const member = requireMember(ctx);
    const [x, y] = tokens(args);
    if (!x || !y) throw new UserError(`请写上两个编号（重复的和原来的）。用法：${USAGE}`);
    const found: HazardRow[] = [];
    for (const t of [x, y]) {
      const h = await resolveCode(ctx, member, t);
      if (h === 'not-a-code') throw new UserError(`「${t}」不是隐患编号。用法：${USAGE}`);
      if (!h) throw new UserError(`没有找到 ${t}。发 /清单 查看本单位的隐患。`);
      found.push(h);
    }
    await mergeHazards(ctx, member, found[0], found[1]);
  },
};
