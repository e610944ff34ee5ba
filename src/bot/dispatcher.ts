import type { Command, BotContext } from './context';
import { editDistance, understand, type ParsedCommand } from './parser';
import { T } from './replies';
import { P } from './platform-replies';
import { dropUnusedImages, intakeImages } from '../services/hazards/photos';
import { BIND_TEXT } from '../services/org/org-texts';
import { isDbError, UserError } from '../services/errors';
import type { Services } from '../services/container';
import type { IncomingMessage } from '../platforms/types';
import type { OutboxRoute, OutgoingMessage } from '../services/outbox/outbox.types';
import type { ChatGroup } from '../services/types';
import { cardInput } from './taps';
import { passiveHold } from '../services/cards/passive-reply';

/** Features hook plain text and pictures (hazard reports, photos) without the dispatcher knowing them. */
export interface MessageHooks {
  onText?(ctx: BotContext): Promise<boolean>;
  onImages?(ctx: BotContext): Promise<boolean>;
}

export function replyRoute(msg: IncomingMessage, group: ChatGroup, n: number, inboundId = 0): OutboxRoute {
  // response_url works once (wecom.md §4); later replies use the group's push credentials.
  if (n === 0 && msg.reply.kind === 'wecom_response_url') return { kind: 'wecom_response_url', url: msg.reply.url, groupId: group.id, ...(msg.chatType === 'single' ? { single: true } : {}) };
  // Over the WeCom long connection the first answer goes through the frame; later ones are pushed into the chat.
  // A card tap's first answer replaces the tapped card in place.
  if (n === 0 && msg.reply.kind === 'wecom_ws') return { kind: 'wecom_ws', reqId: msg.reply.reqId, chatId: msg.reply.chatId, groupId: group.id, ...(msg.tap?.taskId ? { updateTaskId: msg.tap.taskId } : {}) };
  if (n === 0 && msg.reply.kind === 'dingtalk_card') return { kind: 'dingtalk_card', cardBizId: msg.reply.cardBizId, tapSeq: inboundId, groupId: group.id };
  if (msg.reply.kind === 'dingtalk_session') return { kind: 'dingtalk_session', url: msg.reply.url, expiresAt: msg.reply.expiresAt, groupId: group.id };
  return { kind: 'group', groupId: group.id };
}

/** dedupe → parse → route → the one error boundary. */
export class Dispatcher {
  private readonly byWord = new Map<string, Command>();

  constructor(private readonly services: Services, private readonly commands: Command[], private readonly hooks: MessageHooks[] = []) {
    for (const c of commands) for (const w of [c.name, ...c.aliases]) this.byWord.set(w.toLowerCase(), c);
    this.words = [...this.byWord.keys()];
  }

  private readonly words: string[];

  list(): Command[] {
    return this.commands;
  }

  async handle(inboundId: number, msg: IncomingMessage): Promise<void> {
    const { services } = this;
    const now = services.clock.now();
    await services.units.ensure();
    const group = await services.org.group(msg.platform, msg.chatId, msg.chatName, now);
    const member = await services.org.resolveSender(msg.platform, msg.senderId, msg.senderName, group, now, msg.external === true);
    const unit = services.units.get(group.unitId) ?? services.units.get(member?.unitId) ?? null;
    let n = 0;
    const log = services.log.child({ platform: msg.platform, chat: msg.chatId, msgId: msg.msgId });
    const ctx: BotContext = {
      msg, inboundId, group, member, unit, now, services, log,
      reply: async (content) => {
        const body: OutgoingMessage = typeof content === 'string' ? { markdown: content } : content;
        const i = n++;
        // A tap's card answer over the 智能机器人 HTTP callback waits for that callback's response to take it (passive-reply.ts).
        const notBefore = i === 0 ? passiveHold(msg, body) : undefined;
        await services.outbox.enqueue(services.ds, { dedupeKey: `reply:${inboundId}:${i}`, kind: 'reply', route: replyRoute(msg, group, i, inboundId), body, urgent: true, ...(notBefore ? { notBefore } : {}) });
      },
    };
    if (!msg.mentioned) return;
    // Not staff of the organisation (an external contact, a DingTalk external user): nothing of the ledger, no account.
    if (msg.external) {
      await ctx.reply(BIND_TEXT.external);
      services.outbox.kick();
      return;
    }
    const lookup = (w: string) => this.byWord.get(w)?.name;
    let parsed: ParsedCommand | null = null;
    try {
      // Pictures are fetched first: WeCom's links last 5 minutes, and a failure has a reason worth telling.
      if (msg.images.length) ctx.msg = { ...msg, images: await intakeImages(services, msg) };
      if (msg.voice === false) {
        await ctx.reply(P.voiceNeedsText);
        return;
      }
      // A card tap (or the answer to its question) becomes the typed command it stands for; what the parser reads
      // as a command is never taken as an answer.
      const input = await cardInput(services, ctx.msg, now, (text) => understand(text, this.words, lookup) !== null);
      if ('refusal' in input) throw new UserError(input.refusal);
      ctx.msg = input;
      parsed = understand(input.text, this.words, lookup);
      if (parsed) {
        const cmd = parsed.known ? this.byWord.get(parsed.word.toLowerCase()) : undefined;
        if (!cmd) {
          await ctx.reply(T.unknownCommand(parsed.word, this.nearest(parsed.word)));
        } else {
          log.info({ command: cmd.name }, 'command');
          await cmd.run(ctx, parsed.args);
        }
      } else if (msg.images.length && !msg.text) {
        for (const h of this.hooks) if (await h.onImages?.(ctx)) break;
      } else {
        let handled = false;
        for (const h of this.hooks) if ((handled = Boolean(await h.onText?.(ctx)))) break;
        // Text that is no report, sent with pictures (a WeCom mixed message): the pictures may still belong to one.
        if (!handled && msg.images.length) for (const h of this.hooks) if ((handled = Boolean(await h.onImages?.(ctx)))) break;
        if (!handled) await ctx.reply(group.unitId === null && msg.chatType === 'group' ? T.unbound : T.notSafety);
      }
    } catch (err: any) {
      if (err instanceof UserError) await ctx.reply(err.message);
      else if (isDbError(err)) throw err; // the worker retries the whole message once the database is back
      else {
        log.error({ err: { message: err?.message, code: err?.code, stack: err?.stack }, command: parsed?.word }, 'command failed');
        await ctx.reply(T.sorry);
      }
    } finally {
      if (ctx.msg.images !== msg.images) await dropUnusedImages(services, ctx.msg.images).catch((err) => log.warn({ err: err?.message }, 'could not drop unused pictures'));
      services.outbox.kick();
    }
  }

  private nearest(word: string): Command | undefined {
    let best: { c: Command; d: number } | undefined;
    for (const [w, c] of this.byWord) {
      const d = editDistance(word, w) / Math.max(word.length, w.length);
      if (!best || d < best.d) best = { c, d };
    }
    return best && best.d <= 0.67 ? best.c : undefined;
  }
}
