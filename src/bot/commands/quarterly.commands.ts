import { commandButton, commandCard } from '../../services/cards/command-card';
import type { BotContext, Command } from '../context';
import { UserError } from '../errors';
import { tokens } from '../parser';
import { T } from '../replies';
import type { Unit } from '../../services/org/types';
import type { LinkSigner } from '../../services/links';
import { formOfToken } from '../../services/quarterly/fields.js';
import { canView, filerRoleOf, isOwnAdmin, isParentAdmin } from '../../services/quarterly/filer';
import { quarterlyResource } from '../../services/quarterly/export';
import { cityFilers, progress, rollCall, unitState } from '../../services/quarterly/overview';
import { parseQuarter, type Quarter } from '../../services/quarterly/period';
import * as svc from '../../services/quarterly/quarterly.service';
import { Q, exportText, savedText, statusText, submittedText, summaryText, withdrawnText, zeroFilledText, type RollLine } from '../../services/quarterly/replies';
import { echo } from '../../platforms/escape';

export const QUARTERLY_LINK_TTL_MS = 30 * 60_000;

type Sub = 'submit' | 'withdraw' | 'adopt' | 'summary' | 'export' | 'zero' | 'help';
const SUB: Record<string, Sub> = {
  提交: 'submit', submit: 'submit', 撤回: 'withdraw', withdraw: 'withdraw', 采用建议: 'adopt', 采用: 'adopt', adopt: 'adopt',
  汇总: 'summary', summary: 'summary', 导出: 'export', export: 'export', 其余填0: 'zero', 其余为0: 'zero', 补0: 'zero', 帮助: 'help', help: 'help', 用法: 'help',
};

const PHONE = /(?:^|\s)(电话|联系电话|手机)[=:]([0-9][0-9 -]{5,18}[0-9])(?=\s|$)/;

async function saveMobile(ctx: BotContext, memberId: number, mobile: string): Promise<void> {
  await ctx.services.org.setMobile(memberId, mobile, ctx.now);
}

export interface QuarterlyArgs {
  quarter?: Quarter;
  sub?: Sub;
  unitName?: string;
  /** `名称=数字 …`, handed to parseAssignments as typed. */
  text: string;
}

/** `[季度] [子命令] [单位] [名称=数字 …]` in any order before the first value; the values run to the end. */
const MAX_QUARTERLY_ARGS = 2000;

export function parseQuarterlyArgs(args: string): QuarterlyArgs {
  // Linear: whitespace runs collapse first (`\s*=` over a run of 20,000 spaces rescanned it from every position).
  const norm = args.replace(/\s+/g, ' ').replace(/ ?[=＝] ?/g, '=').replace(/ ?[:：] ?/g, ':').replace(/其余 ?[填为] ?0/g, '其余填0');
  const toks = tokens(norm);
  const out: QuarterlyArgs = { text: '' };
  let i = 0;
  for (; i < toks.length; i++) {
    const t = toks[i];
    if (/[=:]/.test(t) || formOfToken(t)) break;
    const quarter = parseQuarter(t);
    const sub = SUB[t.toLowerCase()];
    if (quarter && !out.quarter) out.quarter = quarter;
    else if (sub && !out.sub) out.sub = sub;
    else if (!out.unitName) out.unitName = t;
    else break;
  }
  out.text = toks.slice(i).join(' ');
  return out;
}

function actingOf(ctx: BotContext) {
  if (!ctx.member) throw new UserError(T.unbound);
  return { member: ctx.member, by: `${ctx.msg.platform}:${ctx.msg.senderId}`, sourceMsg: `${ctx.msg.platform}:${ctx.msg.msgId}` };
}

/** The unit asked about: a named one in scope, else the group's unit when it is below the asker's, else the asker's own. */
function targetUnit(ctx: BotContext, name: string | undefined): Unit {
  const { units } = ctx.services;
  const m = actingOf(ctx).member;
  const home = units.get(m.unitId);
  if (!home) throw new UserError(Q.notBound);
  if (name) {
    const { unit, candidates } = units.find(name);
    if (!unit) throw new UserError(Q.unknownUnit(name, candidates));
    if (!canView(units, m, unit)) throw new UserError(Q.outOfScope(unit));
    return unit;
  }
  return ctx.unit && ctx.unit.id !== home.id && units.within(ctx.unit, home) ? ctx.unit : home;
}

async function showStatus(ctx: BotContext, unit: Unit, quarter: Quarter | undefined): Promise<void> {
  const deps = { ds: ctx.services.ds, units: ctx.services.units };
  const f = await svc.filingFor(deps.ds, unit, quarter, ctx.now, unit.id === ctx.member?.unitId);
  const state = await unitState(deps.ds, deps.units, unit, f.quarter);
  const roll = unit.kind === 'district' ? await rollCall(deps.ds, deps.units, deps.units.schoolsUnder(unit).sort((x, y) => x.id - y.id), f.quarter) : undefined;
  const canAct = Boolean(ctx.member && (isOwnAdmin(ctx.member, unit) || isParentAdmin(deps.units, ctx.member, unit)));
  const mine = unit.id === ctx.member?.unitId;
  const buttons = [
    ...(canAct && mine && state.submission?.status !== 'submitted' ? [commandButton('采用建议', '/季报 采用建议'), commandButton('提交', '/季报 提交', 'primary')] : []),
    commandButton('导出', mine ? '/季报 导出' : `/季报 ${unit.name} 导出`),
  ];
  await ctx.reply({ markdown: statusText({
    unit, filing: f, submission: state.submission, progress: progress(state.role, state.values), now: ctx.now,
    proposals: await svc.proposalsFor(deps, unit, f, ctx.now), other: unit.id !== ctx.member?.unitId,
    canAct: Boolean(ctx.member && (isOwnAdmin(ctx.member, unit) || isParentAdmin(deps.units, ctx.member, unit))),
    schools: roll && { submitted: roll.submitted.length, total: roll.submitted.length + roll.pending.length, pending: roll.pending.map((p) => p.unit) },
  }), card: commandCard({ subject: `qr-${unit.id}`, title: `${unit.name.slice(0, 16)} 季报`, desc: state.submission?.status === 'submitted' ? '已提交' : '填报中', buttons }) });
}

async function showSummary(ctx: BotContext, unit: Unit, quarter: Quarter | undefined): Promise<void> {
  const m = actingOf(ctx).member;
  if (m.role !== 'district_admin' && m.role !== 'city_admin') throw new UserError(Q.summaryOnlyBureaus);
  if (unit.kind === 'school') return showStatus(ctx, unit, quarter);
  const { ds, units } = ctx.services;
  const f = await svc.filingFor(ds, unit, quarter, ctx.now, false);
  const rolls: RollLine[] = [];
  if (unit.kind === 'district') {
    rolls.push({ title: '学校', ...(await rollCall(ds, units, units.schoolsUnder(unit).sort((a, b) => a.id - b.id), f.quarter)) });
    rolls.push({ title: '区教育局本级', ...(await rollCall(ds, units, [unit], f.quarter)) });
  } else {
    const { districts, cityRunSchools } = cityFilers(units);
    rolls.push({ title: '县（市、区）', ...(await rollCall(ds, units, districts, f.quarter)) });
    rolls.push({ title: '市属学校', ...(await rollCall(ds, units, cityRunSchools, f.quarter)) });
  }
  await ctx.reply(summaryText(unit, f, ctx.now, rolls));
}

async function exportLink(ctx: BotContext, unit: Unit, quarter: Quarter | undefined): Promise<void> {
  const m = actingOf(ctx).member;
  if (m.role === 'teacher') throw new UserError(Q.exportRefused(m.role));
  const { ds, units } = ctx.services;
  const f = await svc.filingFor(ds, unit, quarter, ctx.now, false);
  const expires = ctx.now + QUARTERLY_LINK_TTL_MS;
  const link = (ctx.services.links as LinkSigner).sign(quarterlyResource(unit.id, f.quarter), unit.id, expires);
  const draft = filerRoleOf(units, unit) ? (await unitState(ds, units, unit, f.quarter)).submission?.status !== 'submitted' : false;
  await ctx.reply(exportText(unit, f.quarter, link, expires, draft));
}

export const quarterlyCommand: Command = {
  name: '季报',
  aliases: ['quarterly'],
  usage: '/季报 [名称=数字 …|采用建议|提交|撤回|汇总|导出]',
  summary: '季度报表（附件3-6）：进度、填数、提交、汇总、导出',
  section: '季报',
  async run(ctx, args) {
    const a = actingOf(ctx);
    // Who may enter figures is checked before anything is parsed; a message this long is not a form entry.
    if (a.member.role === 'teacher' && /[=＝:：]/.test(args)) throw new UserError(Q.entryRefused(a.member.role));
    if (args.length > MAX_QUARTERLY_ARGS) throw new UserError(`内容太长（${args.length} 字）。一次最多 ${MAX_QUARTERLY_ARGS} 字，请分几条发送。${Q.usage}`);
    const p = parseQuarterlyArgs(args);
    if (p.sub === 'help') return ctx.reply(Q.usage);
    // 联系电话 for the forms, from the submitter's profile: `/季报 提交 电话=…` or `/季报 电话=…` sets it.
    const phone = PHONE.exec(p.text);
    if (phone) {
      p.text = p.text.replace(PHONE, '').trim();
      a.member.mobile = phone[2].trim();
      await saveMobile(ctx, a.member.id, a.member.mobile);
      if (!p.sub && !p.text) return ctx.reply(Q.phoneSaved(a.member.mobile));
    }
    if (p.sub && p.text) throw new UserError(`看不懂「${echo(p.text, 60)}」。${Q.usage}`);
    const unit = targetUnit(ctx, p.unitName);
    const deps = { ds: ctx.services.ds, units: ctx.services.units };
    const now = ctx.now;
    if (p.sub === 'summary' || (unit.kind === 'city' && !p.sub && !p.text)) return showSummary(ctx, unit, p.quarter);
    if (p.sub === 'export') return exportLink(ctx, unit, p.quarter);
    if (!p.sub && !p.text) return showStatus(ctx, unit, p.quarter);
    svc.roleOrRefuse(deps.units, unit);
    // Moving on past a filed quarter is for the unit's own work; withdrawing or correcting is about that quarter.
    const f = await svc.filingFor(deps.ds, unit, p.quarter, now, p.sub !== 'withdraw' && unit.id === a.member.unitId);
    if (p.sub === 'withdraw') {
      await svc.withdraw(deps, unit, a, f, now);
      return ctx.reply(withdrawnText(unit, f.quarter, unit.id !== a.member.unitId));
    }
    if (p.sub === 'submit') {
      const r = await svc.submit(deps, unit, a, f, now);
      const district = r.district && { counted: r.district.counted.length, pending: r.district.pending.map((x) => x.unit) };
      const text = submittedText(unit, f, r.submission, r.already, r.filed, district);
      // Asked once: the first submission by someone whose profile has no phone number.
      return ctx.reply(a.member.mobile ? text : `${text}\n${Q.askPhone}`);
    }
    const role = svc.roleOrRefuse(deps.units, unit);
    if (p.sub === 'adopt') {
      const r = await svc.adoptProposals(deps, unit, a, f, now);
      const shown = [...r.proposals.values].map(([cell, value]) => ({ cell, value }));
      return ctx.reply(savedText(unit, f.quarter, r.changes, shown, progress(role, r.values), '已采用台账建议'));
    }
    if (p.sub === 'zero') {
      const r = await svc.fillZeros(deps, unit, a, f, now);
      return ctx.reply(zeroFilledText(unit, f.quarter, r.changes.length));
    }
    const r = await svc.setValues(deps, unit, a, f, p.text, now);
    await ctx.reply(savedText(unit, f.quarter, r.changes, r.parsed.map((v) => ({ cell: v.cell, value: v.value })), progress(role, r.values)));
  },
};
