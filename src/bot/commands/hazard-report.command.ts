import type { BotContext, Command } from '../context';
import type { MessageHooks } from '../dispatcher';
import { UserError } from '../errors';
import { T } from '../replies';
import { P } from '../platform-replies';
import { classifierOf, fileReport, validateDescription } from '../../services/hazards/report.flow';
import { attachPhotos } from '../../services/hazards/photos';
import { sourceOf } from './hazard-common';
import { hazardCard } from '../../services/hazards/card-actions';
import type { HazardClassification } from '../../services/hazards/hazard.service';
import { classifyLocal } from '../../services/classifier/local';
import type { Classification } from '../../services/classifier/types';
import { fileEmergency } from '../../services/emergency/emergency.flow';
import { dropAsk, MAX_ASKS, pendingAsk, saveAsk, vagueness, WITHDRAW } from '../../services/hazards/ask-back';
import { ASK_GIVE_UP, ASK_WITHDRAWN, askBack } from '../../services/hazards/conversation-texts';
import { echo } from '../../platforms/escape';

/** A red-line match is 疑似重大: recorded red and suspected, escalated only when the safety officer confirms it. */
function ledgerView<C extends HazardClassification & { major: { citation?: string } }>(c: C): C {
  if (c.major.flag && c.major.suspected) return { ...c, risk: 'red', major: { ...c.major, flag: false, suspected: true } };
  return c;
}

async function report(ctx: BotContext, text: string, classification?: HazardClassification & { major: { citation?: string } }): Promise<void> {
  if (!ctx.member || !ctx.unit) throw new UserError(T.unbound);
  const { hazard, card, grid } = await fileReport(ctx.services, {
    unit: ctx.unit, groupId: ctx.group.id, reporter: ctx.member, reporterName: ctx.member.name, text, sourceMsg: sourceOf(ctx), now: ctx.now,
    classification: classification ? ledgerView(classification) : undefined,
  });
  const notes: string[] = [];
  if (ctx.msg.voice) notes.push(P.voiceNote);
  if (ctx.msg.images.length) {
    const att = await attachPhotos(ctx.services, { memberId: ctx.member.id, memberName: ctx.member.name, groupId: ctx.group.id, images: ctx.msg.images, sourceMsg: sourceOf(ctx), now: ctx.now, hazardId: hazard.id, kind: 'report' });
    if (att?.count) notes.push(P.photoNote(att.count));
    if (att?.failures.length) notes.push(P.photoFailed(att.failures));
  }
  const markdown = [card, ...notes].join('\n');
  await ctx.reply({ markdown, card: hazardCard(hazard), ...(grid?.mobiles.length ? { mentionMobiles: grid.mobiles } : {}) });
  if (ctx.member) await dropAsk(ctx.services.ds, ctx.group.id, ctx.member.id);
}

/**
 * An incident in progress is decided locally (never waits on the model) and answered in this processing cycle:
 * immediate steps, the two alerts and the 紧急 record. Returns false when the text is not an emergency.
 */
async function reportEmergency(ctx: BotContext, text: string, local: Classification): Promise<boolean> {
  if (!local.emergency) return false;
  if (!ctx.member || !ctx.unit) throw new UserError(T.unbound);
  const { hazard, card } = await fileEmergency(ctx.services, {
    unit: ctx.unit, groupId: ctx.group.id, reporter: ctx.member, reporterName: ctx.member.name, text, sourceMsg: sourceOf(ctx), now: ctx.now, classification: local,
  });
  let photoNote = '';
  if (ctx.msg.images.length) {
    const att = await attachPhotos(ctx.services, { memberId: ctx.member.id, memberName: ctx.member.name, groupId: ctx.group.id, images: ctx.msg.images, sourceMsg: sourceOf(ctx), now: ctx.now, hazardId: hazard.id, kind: 'report' });
    if (att) photoNote = `\n📷 已附照片 ${att.count} 张`;
  }
  await ctx.reply({ markdown: card + photoNote, card: hazardCard(hazard) });
  if (ctx.member) await dropAsk(ctx.services.ds, ctx.group.id, ctx.member.id);
  return true;
}

/** Too vague to file: one short question, remembered in the database for the same person's next message. */
async function ask(ctx: BotContext, text: string, c: Classification, asks: number): Promise<void> {
  await saveAsk(ctx.services.ds, { groupId: ctx.group.id, memberId: ctx.member!.id, text, asks, sourceMsg: sourceOf(ctx), now: ctx.now });
  await ctx.reply(askBack(c.location, asks > 1));
}

/** The answer to 「在哪里？看到了什么？」: with it the report is complete, or one more question, then the bot lets go. */
async function followUp(ctx: BotContext, text: string): Promise<boolean> {
  const pending = await pendingAsk(ctx.services.ds, ctx.group.id, ctx.member!.id, ctx.now);
  if (!pending) return false;
  if (WITHDRAW.test(text)) {
    await dropAsk(ctx.services.ds, ctx.group.id, ctx.member!.id);
    await ctx.reply(ASK_WITHDRAWN);
    return true;
  }
  const combined = `${pending.text}，${text}`.slice(0, 2000);
  const c = await classifierOf(ctx.services).classify(combined);
  if (!vagueness(combined, c, { explicit: true }).vague) {
    await report(ctx, combined, ledgerView(c));
    return true;
  }
  if (pending.asks < MAX_ASKS) {
    await ask(ctx, combined, c, pending.asks + 1);
    return true;
  }
  await dropAsk(ctx.services.ds, ctx.group.id, ctx.member!.id);
  await ctx.reply(ASK_GIVE_UP);
  return true;
}

export const reportCommand: Command = {
  name: '隐患', aliases: ['上报', 'report'], usage: '/隐患 <描述>', summary: '上报隐患（也可直接 @我 描述）', section: '上报与整改',
  async run(ctx, args) {
    validateDescription(args);
    const local = classifyLocal(args.trim());
    if (await reportEmergency(ctx, args, local)) return;
    const raw = await classifierOf(ctx.services).classify(args.trim(), local);
    // "/隐患 有问题" files nothing: it is asked about, like a vague plain message.
    if (ctx.member && ctx.unit?.kind === 'school' && vagueness(args, raw, { explicit: true }).vague) return ask(ctx, args.trim(), raw, 1);
    await report(ctx, args, ledgerView(raw));
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
    const local = classifyLocal(text);
    if (await reportEmergency(ctx, text, local)) return true;
    if (await followUp(ctx, text)) return true;
    const c = await classifierOf(ctx.services).classify(text, local);
    const v = vagueness(text, c);
    // 「有问题」「这里不太安全」「能不能管管」, or a bare place (「锅炉房」), are asked about; talk about meetings and papers is not.
    if (v.vague && (v.cue || c.isHazardLike)) {
      await ask(ctx, text, c, 1);
      return true;
    }
    if (!c.isHazardLike) return false;
    if (c.confidence < PLAIN_REPORT_CONFIDENCE && !c.major.flag) {
      await ctx.reply(`要登记为隐患吗？回复 /隐患 ${echo(text, 60)}\n（看起来像「${c.candidates[0] ? c.item : '安全问题'}」，不是的话忽略即可）`);
      return true;
    }
    await report(ctx, text, ledgerView(c));
    return true;
  },
  async onImages(ctx) {
    if (!ctx.member) return false;
    // From a 单聊 a picture goes to the sender's latest report wherever it was made.
    const att = await attachPhotos(ctx.services, {
      memberId: ctx.member.id, memberName: ctx.member.name, groupId: ctx.group.id, images: ctx.msg.images, sourceMsg: sourceOf(ctx), now: ctx.now, anyGroup: ctx.msg.chatType === 'single',
    });
    if (!att) {
      const failed = ctx.msg.images.flatMap((r) => (r.kind === 'failed' ? [r.reason] : []));
      await ctx.reply(failed.length === ctx.msg.images.length ? P.photoFailed(failed) : P.photoNoReport);
      return true;
    }
    await ctx.reply([att.count ? P.photoAttached(att.code, att.kind, att.count) : '', att.failures.length ? P.photoFailed(att.failures) : ''].filter(Boolean).join('\n'));
    return true;
  },
};
