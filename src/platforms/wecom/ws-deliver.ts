// Replies and pushes over the WeCom long connection (doc 101463 回复消息 / 主动推送消息 / 上传临时素材).
import type { DataSource } from 'typeorm';
import { loadMedia } from '../../services/media';
import { fitUtf8 } from '../markdown';
import { pushFailure, PUSH_OK, type PushResult } from '../push-result';
import { reqId, WecomWsError, type WecomWsClient } from './ws-client';
import type { Card } from '../../services/cards/card';
import { toWecomTemplateCard, wecomUpdateCardReply } from './template-card';

/** Stream content limit (20480 bytes); proactive markdown is kept to the group-robot limit (4096 bytes). */
const STREAM_MAX_BYTES = 20_480;
const PUSH_MAX_BYTES = 4_096;
/** Invalid or expired req_id, stale stream: the frame can no longer be answered; push into the chat instead. */
const REPLY_GONE = new Set(['846605', '846608', '600039']);

export interface WecomWsTarget {
  /** The callback's req_id when this is the answer to it. */
  reqId?: string;
  /** chatid of the group, or the userid for a single chat. */
  chatId: string;
  /** The answer to a card tap: replace the tapped card (task_id) rather than answer with a stream. */
  updateTaskId?: string;
}

/** Where a stored group's chat id points for aibot_send_msg. */
export function wecomWsChatId(storedChatId: string): string {
  return storedChatId.startsWith('single:') ? storedChatId.slice('single:'.length) : storedChatId;
}

function failure(err: unknown): PushResult {
  if (err instanceof WecomWsError) {
    // Not connected here, no ack in time, platform busy: retry. Other errcodes (no such chat, robot removed): permanent.
    const retryable = ['NOT_CONNECTED', 'TIMEOUT', '-1', '45009', '45033'].includes(err.code);
    return pushFailure(err.code, err.message, retryable, err.code === '45009' ? 60_000 : undefined);
  }
  return pushFailure('exception', String((err as any)?.message ?? err), true);
}

/** Text through the frame (or into the chat), then each picture uploaded through the channel and sent as an image. */
export async function deliverOverWecomWs(
  ds: DataSource, client: WecomWsClient, target: WecomWsTarget, markdown: string, imageMediaIds: number[] = [], files: { mediaId: number; name: string }[] = [], card?: Card,
): Promise<PushResult> {
  try {
    let replied = false;
    if (card && target.reqId && target.updateTaskId) {
      // The tapped card shows the new state in place; if WeCom no longer takes the update (past 5 s), a new card follows.
      try {
        await client.updateCard(target.reqId, wecomUpdateCardReply({ ...card, taskId: target.updateTaskId }));
        replied = true; // pictures and files (the /进度 chart) still follow below
      } catch (err) {
        if (!(err instanceof WecomWsError) || err.code === 'NOT_CONNECTED') throw err;
      }
    }
    if (!replied && card && target.reqId && !target.updateTaskId) {
      // The answer to a message: its text and the card in one reply through the frame (SDK replyStreamWithCard).
      try {
        await client.respond(target.reqId, {
          msgtype: 'stream_with_template_card', stream: { id: reqId('stream'), finish: true, content: fitUtf8(markdown, STREAM_MAX_BYTES) }, template_card: toWecomTemplateCard(card),
        });
        replied = true;
      } catch (err) {
        if (!(err instanceof WecomWsError && REPLY_GONE.has(err.code))) throw err;
      }
    }
    if (card && !replied) {
      // No frame to answer (a push, a reply after the first, a stale req_id): a proactive template_card into the chat.
      // A card of buttons only (a reminder) follows its text, which the card itself does not hold.
      if (!card.facts.length) await client.sendMessage(target.chatId, { msgtype: 'markdown', markdown: { content: fitUtf8(markdown, PUSH_MAX_BYTES) } });
      await client.sendMessage(target.chatId, { msgtype: 'template_card', template_card: toWecomTemplateCard(card) });
      replied = true;
    } else if (!replied && !card && target.reqId && target.updateTaskId && markdown.trim()) {
      // A tap answered with words only (a refusal, a question): a short follow-up in the chat; the card stays as it was.
      await client.sendMessage(target.chatId, { msgtype: 'markdown', markdown: { content: fitUtf8(markdown, PUSH_MAX_BYTES) } });
      replied = true;
    } else if (!replied && !card && target.reqId && markdown.trim()) {
      try {
        await client.respond(target.reqId, { msgtype: 'stream', stream: { id: reqId('stream'), finish: true, content: fitUtf8(markdown, STREAM_MAX_BYTES) } });
        replied = true;
      } catch (err) {
        if (!(err instanceof WecomWsError && REPLY_GONE.has(err.code))) throw err;
      }
    }
    if (!replied && markdown.trim()) await client.sendMessage(target.chatId, { msgtype: 'markdown', markdown: { content: fitUtf8(markdown, PUSH_MAX_BYTES) } });
    for (const id of imageMediaIds) {
      const media = await loadMedia(ds, id);
      if (!media) continue;
      const mediaId = await client.uploadMedia(media.data, 'image', `image-${id}.png`);
      await client.sendMessage(target.chatId, { msgtype: 'image', image: { media_id: mediaId } });
    }
    for (const f of files) {
      const media = await loadMedia(ds, f.mediaId);
      if (!media) continue;
      const mediaId = await client.uploadMedia(media.data, 'file', f.name);
      await client.sendMessage(target.chatId, { msgtype: 'file', file: { media_id: mediaId } });
    }
    return PUSH_OK;
  } catch (err) {
    return failure(err);
  }
}
