// How the bot reaches a chat on its own (not as a reply): one entry per channel, the first that matches a chat is
// used. A new transport (a long connection's proactive push) is one more entry, put first with `channels.unshift`.
// Each entry sends exactly one platform message per call: the text, or one picture.
import { createHash } from 'node:crypto';
import type { ChatGroup } from '../../entities/chat-group.entity';
import type { Config } from '../config';
import type { DeliveryResult, OutgoingMessage } from '../services/outbox/outbox.types';
import { robotKeyOf } from '../services/outbox/push-groups';
import { markdownToPlain } from './markdown';
import { hasMarkup, renderFor, type RenderTarget } from './render/targets';
import { sendWecomWebhook } from './wecom/push';
import { sendWecomApp, type WecomAppTarget } from './wecom/app-send';
import type { WecomTokenCache } from './wecom/app-token';
import { sendDingtalkCustomRobot, sendDingtalkGroupMessage, sendDingtalkSingleMessage, type DingtalkGroupMessage } from './dingtalk/push';
import type { DingtalkTokenCache } from './dingtalk/token-cache';
import { sendDingtalkFile, uploadDingtalkMedia } from './dingtalk/media';
import { pushFailure } from './push-result';
import { toDingtalkActionCard, toDingtalkSampleActionCard } from './dingtalk/action-card';
import { sendCardToChat, wantsInteractiveCard, type CardDeliveryDeps } from './dingtalk/card-delivery';

/** What a channel may use: configuration, tokens, pictures by media id, and signed public links to them. */
export interface ChannelDeps {
  config: Config;
  wecomTokens: WecomTokenCache;
  dingtalkTokens: DingtalkTokenCache;
  now(): number;
  loadImage(id: number): Promise<{ data: Buffer; mime: string } | null>;
  /** A public URL of the picture, or null without PUBLIC_BASE_URL (DingTalk only shows pictures by URL). */
  publicImageUrl(id: number): string | null;
  /** The sandbox (local groups). */
  appendLocal(group: ChatGroup, msg: OutgoingMessage): Promise<DeliveryResult>;
  /** DINGTALK_CARDS=interactive: StandardCard delivery (src/platforms/dingtalk/card-delivery.ts). */
  cards?: CardDeliveryDeps;
}

/** A picture DingTalk cannot show (it shows pictures by URL only): recorded as skipped, not as a failure to alert. */
export const SKIPPED_NO_PUBLIC_URL: DeliveryResult = { ok: true, skipped: 'NO_PUBLIC_URL: DingTalk shows pictures by URL; set PUBLIC_BASE_URL' };

export interface GroupChannel {
  name: string;
  /** How its markdown is rendered (render/targets.ts). */
  target: RenderTarget;
  matches(group: ChatGroup, deps: ChannelDeps): boolean;
  /** Can post a file message (a row whose body is `files`); otherwise such a row is skipped (the text has the link). */
  files?: boolean;
  /** The bucket of its rate limit (20 a minute), or null. */
  rateKey(group: ChatGroup, deps: ChannelDeps): string | null;
  send(group: ChatGroup, msg: OutgoingMessage, deps: ChannelDeps): Promise<DeliveryResult>;
}

export function titleOf(msg: OutgoingMessage): string {
  if (msg.title) return msg.title;
  const first = markdownToPlain(msg.markdown).split('\n').find((l) => l.trim()) ?? '校园安全助手';
  return first.slice(0, 40);
}

const hash16 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** "app:<agentid>:<userid>" (app 1:1), "single:<userid>" (智能机器人 单聊, same corp userid), "appchat:<chatid>". */
function wecomAppTarget(group: ChatGroup): WecomAppTarget | null {
  if (group.platform !== 'wecom') return null;
  const app = /^app:[^:]*:(.+)$/.exec(group.chatId);
  if (app) return { kind: 'user', userId: app[1] };
  if (group.chatId.startsWith('single:')) return { kind: 'user', userId: group.chatId.slice('single:'.length) };
  if (group.chatId.startsWith('appchat:')) return { kind: 'appchat', chatId: group.chatId.slice('appchat:'.length) };
  return null;
}

/**
 * DingTalk shows a picture by URL: the signed public link when PUBLIC_BASE_URL is set, otherwise the picture uploaded
 * as DingTalk media (its media id is accepted as photoURL), so it shows with no public address at all.
 */
async function dingtalkImage(id: number, deps: ChannelDeps): Promise<DingtalkGroupMessage | null | DeliveryResult> {
  const url = deps.publicImageUrl(id);
  if (url) return { type: 'image', photoURL: url };
  const dt = deps.config.dingtalk;
  const media = await deps.loadImage(id);
  if (!dt || !media) return null;
  const up = await uploadDingtalkMedia({ oapiBase: deps.config.DINGTALK_OAPI_BASE, tokens: deps.dingtalkTokens.forApp(dt), data: media.data, filename: `image-${id}.png`, type: 'image' });
  return up.ok ? { type: 'image', photoURL: up.mediaId } : up;
}

/** The robot API's text row: a sampleActionCard… when the message carries a card with buttons, else markdown. */
function dingtalkTextOrCard(msg: OutgoingMessage): DingtalkGroupMessage {
  const text = renderFor('dingtalk', msg.markdown);
  const card = msg.card ? toDingtalkSampleActionCard(msg.card, text) : undefined;
  return card ? { type: 'actionCard', ...card } : { type: 'markdown', title: titleOf(msg), text };
}

const isResult = (m: unknown): m is DeliveryResult => typeof m === 'object' && m !== null && 'ok' in m;

export const wecomWebhookChannel: GroupChannel = {
  name: 'wecom_webhook',
  target: 'wecom_webhook',
  matches: (g) => g.pushKind === 'wecom_webhook' && Boolean(g.pushTarget),
  rateKey: (g, d) => robotKeyOf(g, d.config),
  async send(g, msg, d) {
    const apiBase = d.config.WECOM_API_BASE;
    if (msg.imageMediaId !== undefined) {
      const media = await d.loadImage(msg.imageMediaId);
      if (!media) return pushFailure('NO_MEDIA', `media ${msg.imageMediaId} is gone`, false);
      return sendWecomWebhook({ apiBase, key: g.pushTarget!, message: { type: 'image', png: media.data } });
    }
    return sendWecomWebhook({
      apiBase, key: g.pushTarget!,
      message: msg.mentionMobiles?.length
        ? { type: 'text', content: markdownToPlain(msg.markdown), mentionedMobiles: msg.mentionMobiles }
        : { type: 'markdown', content: renderFor('wecom_webhook', msg.markdown) },
    });
  },
};

export const dingtalkCustomChannel: GroupChannel = {
  name: 'dingtalk_custom',
  target: 'dingtalk',
  matches: (g) => g.pushKind === 'dingtalk_custom' && Boolean(g.pushTarget),
  rateKey: (g, d) => robotKeyOf(g, d.config),
  async send(g, msg, d) {
    let text = renderFor('dingtalk', msg.markdown);
    if (msg.imageMediaId !== undefined) {
      const url = d.publicImageUrl(msg.imageMediaId);
      if (!url) return SKIPPED_NO_PUBLIC_URL;
      text = `![图](${url})`;
    }
    // A card with buttons goes as an ActionCard on the text row (the card type has no @: a message that @s stays markdown).
    return sendDingtalkCustomRobot({
      oapiBase: d.config.DINGTALK_OAPI_BASE, accessToken: g.pushTarget!, secret: g.pushSecret ?? undefined, clock: { now: d.now },
      message: msg.card?.buttons.length && msg.imageMediaId === undefined && !msg.mentionMobiles?.length && !msg.mentionUserIds?.length
        ? { type: 'actionCard', actionCard: toDingtalkActionCard(msg.card, text) }
        : { type: 'markdown', title: titleOf(msg), text, atMobiles: msg.mentionMobiles, atUserIds: msg.mentionUserIds },
    });
  },
};

/** The self-built app: message/send to the member (1:1), appchat/send into a chat it created. */
export const wecomAppChannel: GroupChannel = {
  name: 'wecom_app',
  target: 'wecom_app',
  matches: (g, d) => Boolean(d.config.wecomAppSender && wecomAppTarget(g)),
  // WeCom drops app messages over 30 a minute to one member: the 20-a-minute window keeps under it.
  rateKey: (g, d) => `wecom-app:${d.config.wecomAppSender?.agentId}:${hash16(g.chatId)}`,
  async send(g, msg, d) {
    const app = d.config.wecomAppSender!;
    const target = wecomAppTarget(g)!;
    const base = { apiBase: d.config.WECOM_API_BASE, app, tokens: d.wecomTokens, target };
    if (msg.imageMediaId !== undefined) {
      const media = await d.loadImage(msg.imageMediaId);
      if (!media) return pushFailure('NO_MEDIA', `media ${msg.imageMediaId} is gone`, false);
      return sendWecomApp({ ...base, message: { type: 'image', data: media.data, mime: media.mime } });
    }
    // Markdown where the message has markup (the 企业微信 client renders it), plain text otherwise.
    return sendWecomApp({
      ...base,
      message: hasMarkup(msg.markdown) ? { type: 'markdown', content: renderFor('wecom_app', msg.markdown) } : { type: 'text', content: renderFor('wecom_app_text', msg.markdown) },
    });
  },
};

/** DingTalk 单聊: oToMessages/batchSend to the member; a "single:" chat has no openConversationId to push to. */
export const dingtalkSingleChannel: GroupChannel = {
  name: 'dingtalk_single',
  target: 'dingtalk',
  matches: (g, d) => g.platform === 'dingtalk' && g.chatId.startsWith('single:') && Boolean(d.config.dingtalk),
  rateKey: (g, d) => `dingtalk-single:${d.config.dingtalk?.robotCode ?? d.config.dingtalk?.appKey}:${g.chatId}`.slice(0, 191),
  async send(g, msg, d) {
    const dt = d.config.dingtalk!;
    if (d.cards && wantsInteractiveCard(d.config, msg)) return sendCardToChat(d.cards, g.chatId, g.chatId, msg);
    const message = msg.imageMediaId !== undefined ? await dingtalkImage(msg.imageMediaId, d) : dingtalkTextOrCard(msg);
    if (!message) return SKIPPED_NO_PUBLIC_URL;
    if (isResult(message)) return message;
    return sendDingtalkSingleMessage({
      apiBase: d.config.DINGTALK_API_BASE, tokens: d.dingtalkTokens.forApp(dt), robotCode: dt.robotCode ?? dt.appKey, userId: g.chatId.slice('single:'.length), message,
    });
  },
};

export const dingtalkGroupChannel: GroupChannel = {
  name: 'dingtalk_group',
  target: 'dingtalk',
  matches: (g, d) => g.platform === 'dingtalk' && Boolean(d.config.dingtalk && (d.config.dingtalk.robotCode || g.pushTarget)),
  rateKey: (g, d) => robotKeyOf(g, d.config),
  files: true,
  async send(g, msg, d) {
    const dt = d.config.dingtalk!;
    const target = {
      apiBase: d.config.DINGTALK_API_BASE, tokens: d.dingtalkTokens.forApp(dt), robotCode: dt.robotCode ?? dt.appKey,
      openConversationId: g.pushKind === 'dingtalk_group' && g.pushTarget ? g.pushTarget : g.chatId,
    };
    if (d.cards && wantsInteractiveCard(d.config, msg)) return sendCardToChat(d.cards, g.chatId, target.openConversationId, msg);
    const file = msg.files?.[0];
    if (file) {
      const media = await d.loadImage(file.mediaId);
      if (!media) return pushFailure('NO_MEDIA', `media ${file.mediaId} is gone`, false);
      return sendDingtalkFile({ ...target, oapiBase: d.config.DINGTALK_OAPI_BASE, data: media.data, name: file.name });
    }
    const message = msg.imageMediaId !== undefined ? await dingtalkImage(msg.imageMediaId, d) : dingtalkTextOrCard(msg);
    if (!message) return SKIPPED_NO_PUBLIC_URL;
    if (isResult(message)) return message;
    return sendDingtalkGroupMessage({ ...target, message });
  },
};

export const localChannel: GroupChannel = {
  name: 'local',
  target: 'local',
  matches: (g) => g.platform === 'local' || g.pushKind === 'local',
  rateKey: () => null,
  send: (g, msg, d) => d.appendLocal(g, msg),
};

/** In order: explicit push settings first, then what the platform offers for the kind of chat. */
export function defaultChannels(): GroupChannel[] {
  return [localChannel, wecomWebhookChannel, dingtalkCustomChannel, wecomAppChannel, dingtalkSingleChannel, dingtalkGroupChannel];
}
