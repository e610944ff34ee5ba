import type { Card } from '../cards/card';

/** A neutral outgoing message; adapters render it for each platform. */
export interface OutgoingMessage {
  /** Markdown in the common subset (headings, bold, quotes, links, <font color>); adapters adapt it. */
  markdown: string;
  /** Title for DingTalk markdown cards and notifications. */
  title?: string;
  mentionMobiles?: string[];
  mentionUserIds?: string[];
  /** Media ids (media table) of pictures to send after the text, e.g. a chart. `enqueue` turns each into its own row. */
  imageMediaIds?: number[];
  /**
   * Files (media table) to send as file messages after the text where the route can (WeCom long connection,
   * DingTalk robot API); the text itself keeps a signed link for every other route.
   */
  files?: { mediaId: number; name: string }[];
  /** Set on a row that is one picture (and no text): one outbox row is one platform message. */
  imageMediaId?: number;
  /** Interactive card where the route can show one (WeCom template_card, DingTalk ActionCard, sandbox); `markdown` stays the text for every other client. */
  card?: Card;
}

/** Where an outbox row goes. Replies prefer the message's own reply channel and fall back to the group push. */
export type OutboxRoute =
  /** `single`: a single chat, where response_url also takes a template_card. */
  | { kind: 'wecom_response_url'; url: string; groupId: number | null; single?: boolean }
  | { kind: 'dingtalk_session'; url: string; expiresAt: number; groupId: number | null }
  /** `updateTaskId`: the answer to a card tap replaces that card in place (aibot_respond_update_msg). */
  | { kind: 'wecom_ws'; reqId: string; chatId: string; groupId: number | null; updateTaskId?: string }
  /** The answer to a DingTalk card tap (tapSeq: its inbound id): a card replaces the tapped one (PUT interactiveCards); words go into the chat. */
  | { kind: 'dingtalk_card'; cardBizId: string; tapSeq: number; groupId: number | null }
  | { kind: 'group'; groupId: number };

export type DeliveryResult =
  /** `skipped`: deliberately not sent, with the reason (the row ends `skipped`). */
  | { ok: true; skipped?: string }
  | {
      ok: false;
      retryable: boolean;
      code: string;
      message: string;
      /** The platform blocks this robot for this long (rate-limit lockout): wait it out, without spending an attempt. */
      retryAfterMs?: number;
      /** This route is spent (a used or expired response_url / sessionWebhook): send the same message this way instead. */
      reroute?: OutboxRoute;
    };

export interface Deliverer {
  deliver(route: OutboxRoute, msg: OutgoingMessage): Promise<DeliveryResult>;
  /** The rate-limit bucket the route sends through (20 a minute), or null when it has none. */
  rateKey?(route: OutboxRoute): Promise<string | null>;
}

export interface EnqueueInput {
  dedupeKey: string;
  kind: string;
  route: OutboxRoute;
  body: OutgoingMessage;
  /** Replies and escalations go at once; reminders wait out quiet hours (set notBefore). */
  urgent?: boolean;
  notBefore?: number;
  robotKey?: string | null;
}
