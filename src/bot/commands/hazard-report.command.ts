import type { BotContext, Command } from '../context';
import type { MessageHooks } from '../dispatcher';
import { UserError } from '../errors';
import { T } from '../replies';
import { classifierOf, fileReport, validateDescription } from '../../services/hazards/report.flow';
import { attachPhotos } from '../../services/hazards/photos';
import { sourceOf } from './hazard-common';
import { hazardCard } from '../../services/hazards/card-actions';
import type { HazardClassification } from '../../services/hazards/hazard.service';

/** A red-line match is 疑似重大: recorded red and suspected, escalated only when the safety officer confirms it. */
function ledgerView<C extends HazardClassification & { major: { citation?: string } }>(c: C): C {
  if (c.major.flag && c.major.suspected) return { ...c, risk: 'red', major: { ...c.major, flag: false, suspected: true } };
  return c;
}

async function report(ctx: BotContext, text: string, classification?: HazardClassification & { major: { citation?: string } }): Promise<void> {
  if (!ctx.member || !ctx.unit) throw new UserError(T.unbound);
  const { hazard, card } = await fileReport(ctx.services, {
    unit: ctx.unit, groupId: ctx.group.id, reporter: ctx.member, reporterName: ctx.member.name, text, sourceMsg: sourceOf(ctx), now: ctx.now,
    classification: classification ? ledgerView(classification) : undefined,
  });
  let photoNote = '';
  if (ctx.msg.images.length) {
    const att = await attachPhotos(ctx.services, { memberId: ctx.member.id, memberName: ctx.member.name, groupId: ctx.group.id, images: ctx.msg.images, sourceMsg: sourceOf(ctx), now: ctx.now, hazardId: hazard.id, kind: 'report' });
    if (att) photoNote = `\n📷 已附照片 ${att.count} 张`;
  }
  await ctx.reply({ markdown: card + photoNote, card: hazardCard(hazard) });
}

export const reportCommand: Command = {
  name: '隐患', aliases: ['上报', 'report'], usage: '/隐患 <描述>', summary: '上报隐患（也可直接 @我 描述）', section: '上报与整改',
  async run(ctx, args) {
    validateDescription(args);
    const c = ledgerView(await classifierOf(ctx.services).classify(args.trim()));
    await report(ctx, args, c);
  },
};

/** Confident below this, a plain @bot message is asked about instead of recorded. */
const PLAIN_REPORT_CONFIDENCE = 0.35;

/** Plain @bot text that reads as a report becomes one; pictures attach to the sender's latest report. */
export const hazardHooks: MessageHooks = {
  async onText(ctx) {
    if (!ctx.unit || ctx.unit.kind !== 'school' || !ctx.member) return false;
    const text = ctx.msg.text.trim();
    if (!text) return false;
    if (text.length > 2000) {
      await ctx.reply(`描述太长了（${text.length} 字，最多 2000 字）。请精简后用 /隐患 描述 重发。`);
      return true;
    }
    const c = await classifierOf(ctx.services).classify(text);
    if (!c.isHazardLike) return false;
    if (c.confidence < PLAIN_REPORT_CONFIDENCE && !c.major.flag) {
      await ctx.reply(`要登记为隐患吗？回复 /隐患 ${text.slice(0, 60)}\n（看起来像「${c.candidates[0] ? c.item : '安全问题'}」，不是的话忽略即可）`);
      return true;
    }
    await report(ctx, text, ledgerView(c));
    return true;
  },
  async onImages(ctx) {
    if (!ctx.member) return false;
    const att = await attachPhotos(ctx.services, { memberId: ctx.member.id, memberName: ctx.member.name, groupId: ctx.group.id, images: ctx.msg.images, sourceMsg: sourceOf(ctx), now: ctx.now });
    if (!att) {
      await ctx.reply('收到照片，但你 10 分钟内没有上报或整改隐患，不知道该附到哪条。请先 /隐患 描述，再发照片。');
      return true;
    }
    await ctx.reply(`📷 已附到 ${att.code}（${att.kind === 'after' ? '整改后照片' : '现场照片'} ${att.count} 张）`);
    return true;
  },
};
