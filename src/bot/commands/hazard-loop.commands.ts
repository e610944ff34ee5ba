import type { Command } from '../context';
import { UserError } from '../errors';
import { actorOf, hazardArg, resolveCode, sourceOf, withCard } from './hazard-common';
import { askFollowUp, fromCard } from '../taps';
import { mergeHazards } from './merge.command';
import { tellSchoolOfBureauChange } from './bureau-notice';
import { CODE_TOKEN } from '../parser';
import { closeSupervision, edit, getHazard, supervisionOf, transition, type HazardChange } from '../../services/hazards/hazard.service';
import { parseDeadline, deadlineHours } from '../../services/hazards/deadline';
import { RISK_NAME, RISK_ZH, STATUS_LABEL, type Member } from '../../services/hazards/hazard.types';
import { durationText, safeText, statusLine } from '../../services/hazards/cards';
import { parseRiskColour } from '../../services/checklist/colours';
import { HOUR_MS, formatMonthDayTime } from '../../services/time';
import { openSupervision } from '../../services/hazards/hazard.service';
import { notifyMajor } from '../../services/hazards/notify';
import { nextStepLine } from '../../services/hazards/next-steps';
import type { BotContext } from '../context';
import { MENTION_TEXT as T_MENTION } from '../../services/org/org-texts';
import { echo } from '../../platforms/escape';

/** "@赵师傅" and "明天" in any order after the code. */
async function assigneeAndDeadline(ctx: BotContext, unitId: number, rest: string[], usage: string): Promise<{ who?: Member; deadline?: number }> {
  let who: Member | undefined;
  let deadline: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i];
    if (t.startsWith('@')) {
      const m = await ctx.services.org.findMention(unitId, t, ctx.msg);
      if (!m) throw new UserError(T_MENTION.notFound(safeText(t.slice(1), 40), usage));
      who = m;
      continue;
    }
    const d = parseDeadline(t, ctx.now);
    if (d === undefined) throw new UserError(`看不懂「${echo(t, 40)}」。期限可以写 今天、明天、下周五、3天、月底、12月20日。用法：${usage}`);
    if (d <= ctx.now) throw new UserError(`期限「${echo(t, 40)}」已经过去了，请给一个以后的时间。`);
    deadline = d;
  }
  return { who, deadline };
}

export const confirmCommand: Command = {
  name: '确认', aliases: ['confirm'], usage: '/确认 <编号> [@责任人] [期限]', summary: '确认隐患，进入整改（安全员、校长）', section: '上报与整改',
  async run(ctx, args) {
    const usage = '/确认 YH-2025-000123 @赵师傅 明天';
    const { h, rest, member } = await hazardArg(ctx, args, usage, 'manage');
    const { who, deadline } = await assigneeAndDeadline(ctx, h.unitId, rest, usage);
    const set: HazardChange = {};
    if (who) set.responsibleId = who.id, set.responsibleName = who.name;
    else if (h.responsibleId === null) set.responsibleId = member.id, set.responsibleName = member.name;
    if (deadline) set.deadlineAt = deadline;
    // Confirming a suspected repeat says it is its own hazard.
    if (h.duplicateOfId !== null) set.duplicateOfId = null;
    const { hazard } = await transition(ctx.services.ds, { hazard: h, expect: ['pending'], to: 'rectifying', set, actor: actorOf(member), action: 'confirm', note: who ? `责任人 ${who.name}` : null, sourceMsg: sourceOf(ctx), now: ctx.now });
    await ctx.reply(withCard(ctx, `${statusLine(hazard, ctx.now)}\n${nextStepLine(ctx.services.units, hazard, null)}`, hazard));
  },
};

export const assignCommand: Command = {
  name: '指派', aliases: ['assign'], usage: '/指派 <编号> @某人 [期限]', summary: '更换整改责任人', section: '上报与整改',
  async run(ctx, args) {
    const usage = '/指派 YH-2025-000123 @赵师傅 3天';
    const { h, rest, member } = await hazardArg(ctx, args, usage, 'manage');
    const { who, deadline } = await assigneeAndDeadline(ctx, h.unitId, rest, usage);
    if (!who && fromCard(ctx)) return askFollowUp(ctx, `/指派 ${h.code}`, '请 @ 新的责任人（可加期限，如 @赵师傅 3天）', h.version);
    if (!who) throw new UserError(`请 @ 要指派的人。用法：${usage}`);
    const set: HazardChange = { responsibleId: who.id, responsibleName: who.name };
    if (deadline) set.deadlineAt = deadline;
    const { hazard } = await edit(ctx.services.ds, { hazard: h, expect: ['pending', 'rectifying'], set, actor: actorOf(member), action: 'assign', note: `责任人 ${who.name}`, sourceMsg: sourceOf(ctx), now: ctx.now });
    await ctx.reply(withCard(ctx, `${statusLine(hazard, ctx.now)}\n已指派给 ${safeText(who.name, 40)}。`, hazard));
  },
};

export const regradeCommand: Command = {
  name: '改级', aliases: ['regrade'], usage: '/改级 <编号> 红|橙|黄|蓝 [原因]', summary: '调整风险等级；「重大」认定为重大事故隐患', section: '上报与整改',
  async run(ctx, args) {
    const usage = '/改级 YH-2025-000123 橙 已设置警戒线';
    const { h, rest, member } = await hazardArg(ctx, args, usage, 'manage');
    const risk = rest[0] ? parseRiskColour(rest[0]) : undefined;
    if (!risk && !rest.length && fromCard(ctx)) return askFollowUp(ctx, `/改级 ${h.code}`, '请回复新的等级：红、橙、黄 或 蓝（可加原因）', h.version);
    if (!risk) throw new UserError(`请写上新的等级：红、橙、黄 或 蓝。用法：${usage}`);
    const reasonWords = rest.slice(1);
    const setMajor = reasonWords[0] === '重大' && risk === 'red';
    const reason = (setMajor ? reasonWords.slice(1) : reasonWords).join(' ') || null;
    if (h.major && risk !== 'red') throw new UserError(`${h.code} 已认定为重大事故隐患，不能降级。如认定有误，请区教育局核实后 /驳回。`);
    const unit = ctx.services.units.get(h.unitId)!;
    const set: HazardChange = { risk, deadlineAt: h.createdAt + deadlineHours(unit.settings)[risk] * HOUR_MS };
    if (setMajor) set.major = true, set.majorSuspected = false;
    if (!setMajor && h.majorSuspected) set.majorSuspected = false;
    const { hazard, repeated } = await edit(ctx.services.ds, { hazard: h, expect: ['pending', 'rectifying', 'verifying'], set, actor: actorOf(member), action: setMajor ? 'set_major' : 'regrade', note: `${RISK_ZH[h.risk]}→${RISK_ZH[risk]}${reason ? ` ${reason}` : ''}`, sourceMsg: sourceOf(ctx), now: ctx.now });
    if (setMajor && !repeated) {
      await openSupervision(ctx.services.ds, hazard.id, ctx.now);
      await notifyMajor(ctx.services, hazard, undefined, ctx.now);
    }
    await tellSchoolOfBureauChange(ctx, hazard, `改级：${RISK_ZH[h.risk]}→${RISK_ZH[risk]}`);
    await ctx.reply(withCard(ctx, `${hazard.code} → ${RISK_NAME[risk]}${setMajor ? ' · 已认定为重大事故隐患，挂牌督办' : ''} · 期限 ${formatMonthDayTime(new Date(hazard.deadlineAt))}`, hazard));
  },
};

export const rejectCommand: Command = {
  name: '驳回', aliases: ['reject'], usage: '/驳回 <编号> <原因>', summary: '不是隐患或重复上报', section: '上报与整改',
  async run(ctx, args) {
    const usage = '/驳回 YH-2025-000123 与 YH-2025-000120 重复';
    const { h, rest, member } = await hazardArg(ctx, args, usage, 'manage');
    const reason = rest.join(' ').trim();
    if (!reason && fromCard(ctx)) return askFollowUp(ctx, `/驳回 ${h.code}`, '请回复驳回原因', h.version);
    if (!reason) throw new UserError(`请写上驳回原因。用法：${usage}`);
    // 「驳回 … 重复」 is a merge: with the other code named, or the one the card suspected.
    if (/重复|duplicate/i.test(reason)) {
      const named = rest.find((t) => CODE_TOKEN.test(t));
      const other = named ? await resolveCode(ctx, member, named) : h.duplicateOfId !== null ? await getHazard(ctx.services.ds, h.duplicateOfId) : null;
      if (other && other !== 'not-a-code') return mergeHazards(ctx, member, h, other);
    }
    const { hazard } = await transition(ctx.services.ds, { hazard: h, expect: ['pending', 'rectifying'], to: 'rejected', set: { rejectReason: reason }, actor: actorOf(member), action: 'reject', note: reason, sourceMsg: sourceOf(ctx), now: ctx.now });
    await ctx.reply(withCard(ctx, `${hazard.code} → 已驳回：${safeText(reason, 60)}\n上报人 ${safeText(hazard.reporterName, 40)} 如有异议请联系安全员。`, hazard));
  },
};

export const rectifyCommand: Command = {
  name: '整改', aliases: ['rectify', 'fix'], usage: '/整改 <编号> <措施>', summary: '提交整改结果，进入待验收（可附照片）', section: '上报与整改',
  async run(ctx, args) {
    const usage = '/整改 YH-2025-000123 桌椅已搬到一楼仓库';
    const { h, rest, member } = await hazardArg(ctx, args, usage, 'rectify');
    const measures = rest.join(' ').trim();
    if (!measures && fromCard(ctx)) return askFollowUp(ctx, `/整改 ${h.code}`, '请回复整改措施（做了什么），整改后照片可随后发到群里', h.version);
    if (!measures) throw new UserError(`请写上整改措施。用法：${usage}`);
    if (measures.length > 1000) throw new UserError('整改措施最多 1000 字，请精简后重发。');
    const { hazard } = await transition(ctx.services.ds, {
      hazard: h, expect: ['rectifying'], to: 'verifying', set: { measures, rectifiedById: member.id, rectifiedAt: ctx.now }, actor: actorOf(member), action: 'rectify', note: measures, sourceMsg: sourceOf(ctx), now: ctx.now,
    });
    await ctx.reply(withCard(ctx, `${hazard.code} → ${STATUS_LABEL.verifying}\n${nextStepLine(ctx.services.units, hazard, null)}\n整改后照片可在 10 分钟内直接发到群里。`, hazard));
  },
};

export const verifyCommand: Command = {
  name: '验收', aliases: ['verify'], usage: '/验收 <编号> 通过|不通过 [意见]', summary: '验收整改；通过即销号', section: '上报与整改',
  async run(ctx, args) {
    const usage = '/验收 YH-2025-000123 通过';
    const { h, rest, member } = await hazardArg(ctx, args, usage, 'verify', { implicit: 'verifying' });
    const verdict = rest[0];
    const pass = verdict === '通过' || verdict?.toLowerCase() === 'pass';
    const fail = verdict === '不通过' || verdict?.toLowerCase() === 'fail';
    if (!pass && !fail) throw new UserError(`请写「通过」或「不通过」。用法：${usage}`);
    if (h.status === 'verifying' && h.rectifiedById === member.id) throw new UserError(`验收人不能是整改人（${safeText(member.name, 40)}）。请另一位安全员、校长或区教育局验收。`);
    const note = rest.slice(1).join(' ') || null;
    if (fail && !note && fromCard(ctx)) return askFollowUp(ctx, `/验收 ${h.code} 不通过`, '请回复不通过的原因（还要补做什么）', h.version);
    if (pass && h.major) {
      const s = await supervisionOf(ctx.services.ds, h.id);
      const missing = s ? (['measures', 'owner', 'funds', 'timeLimit', 'plan'] as const).filter((k) => !s[k]) : ['measures'];
      if (missing.length) {
        const names: Record<string, string> = { measures: '措施', owner: '责任人', funds: '资金', timeLimit: '时限', plan: '预案' };
        throw new UserError(`重大事故隐患须先落实「五落实」才能销号，还缺：${missing.map((k) => names[k]).join('、')}。\n请发 /督办 ${h.code} ${missing.map((k) => `${names[k]}=…`).join(' ')}`);
      }
    }
    const { hazard } = await transition(ctx.services.ds, pass
      ? {
          hazard: h, expect: ['verifying'], to: 'closed', set: { verifiedById: member.id, verifiedAt: ctx.now, verifyNote: note, closedAt: ctx.now }, actor: actorOf(member), action: 'verify_pass', note, sourceMsg: sourceOf(ctx), now: ctx.now,
          // 销号 and the end of 挂牌督办 commit together.
          alsoInTransaction: h.major ? (tx) => closeSupervision(tx, h.id, ctx.now) : undefined,
        }
      : { hazard: h, expect: ['verifying'], to: 'rectifying', set: { verifiedById: member.id, verifiedAt: ctx.now, verifyNote: note }, actor: actorOf(member), action: 'verify_fail', note, sourceMsg: sourceOf(ctx), now: ctx.now });
    await tellSchoolOfBureauChange(ctx, hazard, pass ? (h.major ? '已销号，挂牌督办解除' : '已销号') : '验收不通过，退回整改');
    if (pass) {
      await ctx.reply(withCard(ctx, `✅ ${hazard.code} 已销号 · 用时 ${durationText(ctx.now - hazard.createdAt)}${h.major ? ' · 挂牌督办解除' : ''}`, hazard));
    } else {
      await ctx.reply(withCard(ctx, `${hazard.code} 验收不通过，退回整改中${note ? `：${safeText(note, 60)}` : ''}\n${nextStepLine(ctx.services.units, hazard, null)}`, hazard));
    }
  },
};
