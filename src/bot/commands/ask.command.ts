import type { BotContext, Command } from '../context';
import type { MessageHooks } from '../dispatcher';
import { UserError } from '../errors';
import { ask, looksLikeQuestion } from '../../services/ask/ask.service';
import { ASK_TEXT } from '../../services/ask/texts';

async function answer(ctx: BotContext, text: string, force: boolean): Promise<boolean> {
  // Told apart before anything else runs: a report goes on to the report hook untouched.
  if (!force && !looksLikeQuestion(text)) return false;
  // The unit tree decides whose hazards count: read it afresh, as /进度 does.
  await ctx.services.units.refresh();
  const out = await ask(ctx.services, { text, member: ctx.member, groupUnit: ctx.unit, now: ctx.now, force });
  if (!out) return false;
  ctx.log.info({ measure: out.query?.measure, source: out.source }, 'ask');
  await ctx.reply(out.body);
  return true;
}

export const askCommand: Command = {
  name: '问', aliases: ['ask', '提问', '查数'], usage: '/问 <问题>', summary: '用大白话问台账：数量、清单、排名、销号率、报送情况（校长、安全员、教育局）', section: '进度',
  async run(ctx, args) {
    if (!args.trim()) throw new UserError(ASK_TEXT.usage);
    await answer(ctx, args, true);
  },
};

/** Plain @bot text that asks the ledger something is answered, before the report hook could file it. */
export const askHooks: MessageHooks = {
  async onText(ctx) {
    return answer(ctx, ctx.msg.text, false);
  },
};
