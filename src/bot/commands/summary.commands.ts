import { commandButton, commandCard } from '../../services/cards/command-card';
import type { BotContext, Command } from '../context';
import { UserError } from '../errors';
import { T } from '../replies';
import { tokens } from '../parser';
import { audit } from '../../services/audit';
import { ROLE_LABEL } from '../../services/org/roles';
import { canPush, setGroupDigest } from '../../services/outbox/push-groups';
import { shanghaiParts } from '../../services/time';
import { PERIOD_WORDS, parsePeriodWord, periodOf, type PeriodKey } from '../../services/summary/period';
import { findUnit, homeScope, summaryScope } from '../../services/summary/scope';
import { summaryMessage } from '../../services/summary/message';
import { parseTargetArgs, setTargets, targetLines, targetsOf, TARGET_LABEL, TARGET_METRICS } from '../../services/summary/targets';
import { displayName } from '../../services/summary/names';
import { TARGET_TEXT, DIGEST_TEXT } from './summary-replies';

export const progressCommand: Command = {
  name: '进度', aliases: ['汇总', 'summary', 'progress'], usage: `/进度 [单位] [${PERIOD_WORDS}]`,
  summary: '隐患、报送和年度目标进度，附图（校长、安全员、教育局）', section: '进度',
  async run(ctx, args) {
    let key: PeriodKey = 'month';
    const unitWords: string[] = [];
    for (const t of tokens(args)) {
      const p = parsePeriodWord(t);
      if (p) key = p;
      else unitWords.push(t);
    }
    // The unit tree decides whose hazards count: read it afresh (a few thousand rows) rather than trust this
    // instance's copy, which can be seconds behind a school another instance just added.
    await ctx.services.units.refresh();
    const unit = summaryScope(ctx.services.units, ctx.member, ctx.unit, unitWords.join('') || undefined);
    const { body } = await summaryMessage(ctx.services, unit, periodOf(key, ctx.now), ctx.now);
    // Period switches and the ledger export as buttons; the unit named in the message stays named.
    const who = unitWords.length ? `${unitWords.join('')} ` : '';
    const switches = (['week', 'month', 'quarter'] as const).filter((k) => k !== key).map((k) => commandButton({ week: '本周', month: '本月', quarter: '本季度' }[k], `/进度 ${who}${{ week: '本周', month: '本月', quarter: '本季度' }[k]}`));
    const exportWord = key === 'quarter' ? '本季度' : key === 'year' ? '本年' : '本月';
    const shown: Record<string, string> = { week: '本周', last_week: '上周', month: '本月', quarter: '本季度', year: '本年' };
    await ctx.reply({ ...body, card: commandCard({ subject: `sum-${unit.id}`, title: `${unit.name.slice(0, 16)} 进度`, desc: shown[key] ?? '', buttons: [...switches, commandButton('导出台账', `/导出 台账 ${exportWord}`)] }) });
  },
};

/** The bureau the asker enters targets for: their own, or a district they oversee named in the message. */
function targetUnit(ctx: BotContext, unitWords: string[]) {
  const { units } = ctx.services;
  if (!ctx.member) throw new UserError(T.unbound);
  const home = homeScope(units, ctx.member);
  if (!home || home.kind === 'school') throw new UserError(TARGET_TEXT.who(ROLE_LABEL[ctx.member.role]));
  if (!unitWords.length) return home;
  const { unit } = findUnit(units, unitWords.join(''));
  if (!unit || unit.kind === 'school' || !units.within(unit, home)) throw new UserError(TARGET_TEXT.badUnit(unitWords.join('')));
  return unit;
}

export const targetCommand: Command = {
  name: '目标', aliases: ['target', 'targets'], usage: '/目标 [标杆学校=9 达标学校=41 示范岗位=96]',
  summary: '填报本单位年度目标完成数（区、市教育局）', section: '进度',
  async run(ctx, args) {
    const { unitWords, values } = parseTargetArgs(tokens(args));
    const unit = targetUnit(ctx, unitWords);
    const { ds, units } = ctx.services;
    const year = shanghaiParts(new Date(ctx.now)).year;
    if (Object.keys(values).length) {
      await setTargets(ds, unit.id, year, values, `${ctx.msg.platform}:${ctx.msg.senderId}`, ctx.now);
    }
    const children = unit.kind === 'city' ? units.childrenOf(unit.id).filter((u) => u.kind === 'district') : [];
    const entered = await targetsOf(ds, [unit.id, ...children.map((c) => c.id)], year);
    const lines = targetLines(unit, units.schoolsUnder(unit).length, entered.get(unit.id) ?? {}, children.map((c) => entered.get(c.id) ?? {}));
    const own = entered.get(unit.id) ?? {};
    const ownText = TARGET_METRICS.map((m) => `${TARGET_LABEL[m]} ${own[m] ?? '未填'}`).join(' · ');
    await ctx.reply(TARGET_TEXT.show(displayName(unit), year, Object.keys(values).length > 0, ownText, lines));
  },
};

export const digestCommand: Command = {
  name: '周报', aliases: ['digest'], usage: '/周报 [开启|关闭]', summary: '本群每周一 08:30 收上周安全周报（管理员）', section: '进度',
  async run(ctx, args) {
    const { units, ds, config } = ctx.services;
    const unit = units.get(ctx.group.unitId);
    if (!unit) throw new UserError(T.unbound);
    const verb = tokens(args)[0] ?? '';
    const pushable = canPush(ctx.group, config);
    if (!verb || verb === '查看' || verb === '状态') return ctx.reply(DIGEST_TEXT.status(ctx.group.digest, pushable));
    const on = ['开启', '打开', '开', 'on'].includes(verb) ? true : ['关闭', '关', 'off'].includes(verb) ? false : null;
    if (on === null) throw new UserError(DIGEST_TEXT.usage);
    const home = ctx.member && homeScope(units, ctx.member);
    if (!ctx.member || !home || !units.within(unit, home)) throw new UserError(DIGEST_TEXT.who(ctx.member ? ROLE_LABEL[ctx.member.role] : '未登记'));
    await setGroupDigest(ds, ctx.group.id, on);
    await audit(ds, { at: ctx.now, actor: `${ctx.msg.platform}:${ctx.msg.senderId}`, unitId: unit.id, action: on ? 'digest.on' : 'digest.off', target: `group:${ctx.group.id}` });
    await ctx.reply(on ? DIGEST_TEXT.on(pushable) : DIGEST_TEXT.off);
  },
};
