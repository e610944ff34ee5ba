import type { BotContext } from './context';
import { parseCommand } from './parser';
import { hazardTapCommand } from '../services/hazards/card-actions';
import { commandTapCommand } from '../services/cards/command-card';
import type { IncomingMessage } from '../platforms/types';
import type { Services } from '../services/container';
import { CARD_TEXTS } from './card-replies';
import { askPending, takePending } from '../services/cards/pending-input';

/** How long a tap's question (the reason, the measure) waits for the answer. */
export const ASK_TTL_MS = 10 * 60_000;

/** A tap's key to the command it stands for; undefined for keys that are not ours (or from an older card format). */
export function tapText(key: string): { text: string; version: number | null } | undefined {
  return hazardTapCommand(key) ?? commandTapCommand(key);
}

/**
 * Turns card input into the typed command it stands for, before parsing: a tap becomes its command (with the card's
 * version for the guard); a plain answer to a tap's question becomes that command plus the answer. The question
 * is claimed with a DELETE, so two instances (or a redelivery) complete it once.
 */
export async function cardInput(
  services: Services, msg: IncomingMessage, now: number,
  /** Whether the text is a command of its own (the dispatcher's forgiving parser, `understand`); then it is no answer. */
  isCommand: (text: string) => boolean = (text) => parseCommand(text) !== null,
): Promise<IncomingMessage | { refusal: string }> {
  if (msg.tap) {
    const t = tapText(msg.tap.key);
    if (!t) return { refusal: CARD_TEXTS.unknownTap };
    return { ...msg, text: t.text, tap: { ...msg.tap, version: t.version } };
  }
  if (!msg.text || isCommand(msg.text) || !msg.senderId) return msg;
  const p = await takePending(services.ds, msg, now);
  if (!p) return msg;
  return { ...msg, text: `${p.command} ${msg.text}`, tap: { key: 'answer', version: p.version } };
}

/** Asks the person for what the tapped command still needs; their next plain message in this chat completes it. */
export async function askFollowUp(ctx: BotContext, command: string, question: string, version: number | null): Promise<void> {
  await askPending(ctx.services.ds, ctx.msg, { command, version }, ctx.now, ASK_TTL_MS);
  await ctx.reply(CARD_TEXTS.ask(ctx.member?.name ?? '', question, command));
}

/** Whether an incomplete command came from a card (tap or its answer), so the bot asks instead of explaining usage. */
export const fromCard = (ctx: BotContext) => Boolean(ctx.msg.tap);
