import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Clock } from '../services/clock';
import { loadMedia } from '../services/media';
import type { LinkSigner } from '../services/links';
import type { Deliverer, DeliveryResult, OutboxRoute, OutgoingMessage } from '../services/outbox/outbox.types';
import type { ChatGroup } from '../../entities/chat-group.entity';
import { pushGroups } from '../db/repositories/push-groups.repository';
import { renderFor } from './render/targets';
import { sendWecomResponseUrl } from './wecom/push';
import { WecomTokenCache } from './wecom/app-token';
import { sendDingtalkSessionWebhook } from './dingtalk/push';
import { DingtalkTokenCache } from './dingtalk/token-cache';
import { pushFailure } from './push-result';
import type { SandboxStore } from './local/sandbox-store';
import { defaultChannels, SKIPPED_NO_PUBLIC_URL, titleOf, type ChannelDeps, type GroupChannel } from './channels';
import type { SocketModes } from '../transports/sockets';
import { deliverOverWecomWs, wecomWsChatId } from './wecom/ws-deliver';
import { pushElsewhere } from '../transports/socket-routes';
import { robotKeyOf } from '../services/outbox/push-groups';
import { toDingtalkActionCard } from './dingtalk/action-card';
import { toWecomTemplateCard } from './wecom/template-card';
import { sendCardToChat, updateTappedCard, wantsInteractiveCard, type CardDeliveryDeps } from './dingtalk/card-delivery';

// A weekly digest is scrolled back to for months: its chart must outlive the week (issue 20).
const MEDIA_LINK_TTL_MS = 400 * 24 * 3600_000;

type RouteOf<K extends OutboxRoute['kind']> = Extract<OutboxRoute, { kind: K }>;

/** How one kind of outbox route is sent, and which rate-limit bucket it takes. One entry per route kind. */
interface RouteHandler<K extends OutboxRoute['kind']> {
  rateKey(route: RouteOf<K>): Promise<string | null>;
  deliver(route: RouteOf<K>, msg: OutgoingMessage): Promise<DeliveryResult>;
}

/**
 * The only place that knows how each route reaches each platform. Replies try their own single-use channel
 * (response_url, sessionWebhook) and, once it is spent, hand the same message back to the sender rerouted to the
 * group route, which takes the group's own slot. Group routes go through the first matching `channels` entry.
 */
export class PlatformDeliverer implements Deliverer {
  readonly channels: GroupChannel[] = defaultChannels();
  readonly wecomTokens: WecomTokenCache;
  readonly dingtalkTokens: DingtalkTokenCache;
  private readonly deps: ChannelDeps;
  private readonly routes: { [K in OutboxRoute['kind']]: RouteHandler<K> };

  constructor(
    private readonly ds: DataSource,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly links: LinkSigner,
    private readonly sandbox: SandboxStore | null,
    private readonly sockets: SocketModes | null = null,
  ) {
    this.dingtalkTokens = new DingtalkTokenCache({ apiBase: config.DINGTALK_API_BASE, clock });
    this.wecomTokens = new WecomTokenCache({ apiBase: config.WECOM_API_BASE, clock });
    this.deps = {
      config, wecomTokens: this.wecomTokens, dingtalkTokens: this.dingtalkTokens, now: () => clock.now(),
      loadImage: (id) => loadMedia(ds, id),
      publicImageUrl: (id) => (config.PUBLIC_BASE_URL ? this.links.sign(`/media/${id}`, null, clock.now() + MEDIA_LINK_TTL_MS) : null),
      appendLocal: (g, msg) => this.appendLocal(g, msg),
      cards: { ds, config, dingtalkTokens: this.dingtalkTokens, now: () => clock.now() },
    };
    this.routes = {
      // The reply channels answer one message each and publish no per-minute limit (the 智能机器人's is 3 messages in
      // flight per user, which replies cannot exceed): no bucket. Once spent, the message is rerouted to the group
      // route, and there it takes the group's slot like any push.
      wecom_response_url: {
        rateKey: async () => null,
        deliver: (r, msg) => this.viaResponseUrl(r, msg),
      },
      dingtalk_session: {
        rateKey: async () => null,
        deliver: (r, msg) => this.viaSession(r, msg),
      },
      // The WeCom long connection's answer to its frame (req_id); pictures and files of the reply go into the chat.
      wecom_ws: {
        rateKey: async () => null,
        // A card tap's answer (updateTaskId) replaces the tapped card in place; a card answer rides the stream reply.
        deliver: (r, msg) => this.overWecomWs({ reqId: r.reqId, chatId: r.chatId, updateTaskId: r.updateTaskId }, msg),
      },
      // DINGTALK_CARDS=interactive: a tap's card answer replaces the tapped card; words go into the chat (group route).
      dingtalk_card: {
        rateKey: async () => null,
        deliver: async (r, msg) => (await updateTappedCard(this.cardDeps(), r.cardBizId, r.tapSeq, msg))
          ?? this.fallback(r.groupId, pushFailure('CARD_WORDS', 'a card tap answered with words goes into the chat', false)),
      },
      group: {
        rateKey: (r) => this.groupRateKey(r.groupId),
        deliver: (r, msg) => this.viaGroup(r.groupId, msg),
      },
    };
    // A stored group-robot key still wins; otherwise a WeCom chat is reached over the long connection.
    if (config.wecomWs) this.channels.splice(this.channels.findIndex((c) => c.name === 'wecom_webhook') + 1, 0, this.wecomWsChannel());
  }

  deliver(route: OutboxRoute, msg: OutgoingMessage): Promise<DeliveryResult> {
    const handler = this.routes[route.kind] as RouteHandler<typeof route.kind> | undefined;
    if (!handler) return Promise.resolve(pushFailure('NO_ROUTE', `unknown route ${(route as { kind: string }).kind}`, false));
    return handler.deliver(route as never, msg);
  }

  /** WeCom 智能机器人 long connection: aibot_send_msg into any chat the robot is in, no group-robot key needed. */
  private wecomWsChannel(): GroupChannel {
    return {
      name: 'wecom_ws',
      target: 'wecom_aibot',
      files: true,
      matches: (g) => g.platform === 'wecom' && Boolean(this.config.wecomWs) && !g.chatId.startsWith('app:') && !g.chatId.startsWith('appchat:'),
      rateKey: (g) => robotKeyOf(g, this.config),
      send: (g, msg) => this.overWecomWs({ chatId: wecomWsChatId(g.chatId) }, msg),
    };
  }

  /** Only the instance holding the robot's socket can send; the others hand the row back (socket-routes.ts). */
  private async overWecomWs(target: { reqId?: string; chatId: string; updateTaskId?: string }, msg: OutgoingMessage): Promise<DeliveryResult> {
    const client = this.sockets?.wecom;
    if (!client || !this.sockets?.wecomHeld || !client.connected) return pushElsewhere(this.ds, this.config);
    const images = msg.imageMediaId !== undefined ? [msg.imageMediaId] : (msg.imageMediaIds ?? []);
    return deliverOverWecomWs(this.ds, client, target, msg.markdown.trim() ? renderFor('wecom_aibot', msg.markdown) : '', images, msg.files, msg.card);
  }

  /** What the DingTalk StandardCard delivery needs (src/platforms/dingtalk/card-delivery.ts). */
  cardDeps(): CardDeliveryDeps {
    return this.deps.cards!;
  }

  rateKey(route: OutboxRoute): Promise<string | null> {
    const handler = this.routes[route.kind] as RouteHandler<typeof route.kind> | undefined;
    return handler ? handler.rateKey(route as never) : Promise.resolve(null);
  }

  /** The channel a group is reached through, or undefined when it has none (no push settings, no app). */
  async channelOf(groupId: number | null): Promise<{ group: ChatGroup; channel: GroupChannel } | undefined> {
    const group = await this.group(groupId);
    const channel = group ? this.channels.find((c) => c.matches(group, this.deps)) : undefined;
    return group && channel ? { group, channel } : undefined;
  }

  private async groupRateKey(groupId: number): Promise<string | null> {
    const hit = await this.channelOf(groupId);
    return hit ? hit.channel.rateKey(hit.group, this.deps) : null;
  }

  private async viaGroup(groupId: number, msg: OutgoingMessage): Promise<DeliveryResult> {
    const group = await this.group(groupId);
    if (!group) return pushFailure('NO_GROUP', `group ${groupId} not found`, false);
    const channel = this.channels.find((c) => c.matches(group, this.deps));
    if (!channel) return pushFailure('NO_PUSH_CHANNEL', `group ${group.id} has no push settings (/推送 设置)`, false);
    // A file row where the channel cannot post files: the text before it already carries the signed link.
    if (msg.files?.length && !channel.files) return { ok: true, skipped: `NO_FILE_ROUTE: ${channel.name} cannot post files; the text carries the link` };
    return channel.send(group, msg, this.deps);
  }

  /** Spent or failed: the group route if the group has one, else the failure itself (retried, then given up). */
  private async fallback(groupId: number | null, failure: Exclude<DeliveryResult, { ok: true }>): Promise<DeliveryResult> {
    if (groupId !== null && (await this.channelOf(groupId))) return { ...failure, reroute: { kind: 'group', groupId } };
    if (failure.retryable) return failure;
    return pushFailure('NO_ROUTE', `${failure.code}: ${failure.message}; and the group has no other route`, false);
  }

  private async viaResponseUrl(r: RouteOf<'wecom_response_url'>, msg: OutgoingMessage): Promise<DeliveryResult> {
    if (!this.allowedHost(r.url, this.config.WECOM_API_BASE)) return pushFailure('BAD_URL', 'response_url host is not the WeCom API', false);
    if (msg.imageMediaId !== undefined) return this.fallback(r.groupId, pushFailure('NO_IMAGE', 'response_url carries markdown only', false));
    // A single chat's response_url would also take a template_card, but the card holds only a few short facts: the
    // reply's own text (voice mark, photo notes, next steps with the commands to type) would be lost. The text goes;
    // cards go where they can be updated in place (the long connection).
    const res = await sendWecomResponseUrl(r.url, renderFor('wecom_aibot', msg.markdown));
    // Usable once, for an hour (wecom.md §4): whatever went wrong, a second POST to it cannot be trusted.
    return res.ok ? res : this.fallback(r.groupId, res);
  }

  private async viaSession(r: RouteOf<'dingtalk_session'>, msg: OutgoingMessage): Promise<DeliveryResult> {
    const live = r.expiresAt > this.clock.now() + 5_000 && this.allowedHost(r.url, this.config.DINGTALK_OAPI_BASE);
    if (!live) return this.fallback(r.groupId, pushFailure('300001', 'sessionWebhook expired', false));
    // Files, and pictures without a public URL, go as uploaded media through the robot API (the group route).
    const needsUpload = Boolean(msg.files?.length) || (msg.imageMediaId !== undefined && !this.deps.publicImageUrl(msg.imageMediaId));
    if (needsUpload && r.groupId !== null) return this.viaGroup(r.groupId, msg);
    // DINGTALK_CARDS=interactive: a card goes through the robot API (the sessionWebhook takes no interactive card).
    const cardGroup = wantsInteractiveCard(this.config, msg) ? await this.group(r.groupId) : null;
    if (cardGroup && wantsInteractiveCard(this.config, msg)) return sendCardToChat(this.cardDeps(), cardGroup.chatId, cardGroup.chatId, msg);
    let text = renderFor('dingtalk_session', msg.markdown);
    if (msg.imageMediaId !== undefined) {
      const url = this.deps.publicImageUrl(msg.imageMediaId);
      if (!url) return SKIPPED_NO_PUBLIC_URL;
      text = `![图](${url})`;
    }
    // A card with buttons goes as an ActionCard (dtmd sendMessage buttons) on the text row; its text is the message's own.
    // The card type has no @: a message that @s someone (a grid member) stays markdown.
    const mentions = Boolean(msg.mentionMobiles?.length || msg.mentionUserIds?.length);
    const res = await sendDingtalkSessionWebhook(r.url, msg.card?.buttons.length && msg.imageMediaId === undefined && !mentions
      ? { type: 'actionCard', actionCard: toDingtalkActionCard(msg.card, text) }
      : { type: 'markdown', title: titleOf(msg), text, atUserIds: msg.mentionUserIds, atMobiles: msg.mentionMobiles });
    // An expired session (300001) falls back to the group API (or oToMessages in a single chat).
    return res.ok || res.code !== '300001' ? res : this.fallback(r.groupId, res);
  }

  private async appendLocal(group: ChatGroup, msg: OutgoingMessage): Promise<DeliveryResult> {
    if (!this.sandbox) return pushFailure('NO_SANDBOX', 'sandbox is off', false);
    const ids = msg.imageMediaId !== undefined ? [msg.imageMediaId] : (msg.imageMediaIds ?? []);
    const urls = ids.map((id) => this.links.sign(`/media/${id}`, null, this.clock.now() + MEDIA_LINK_TTL_MS, { relative: true }));
    // The sandbox page is served by this server, so its links stay relative to wherever it was opened.
    await this.sandbox.append({ groupId: group.id, direction: 'out', senderName: '安全助手', markdown: renderFor('local', msg.markdown), imageUrls: urls, card: msg.card, at: this.clock.now() });
    return { ok: true };
  }

  private allowedHost(url: string, base: string): boolean {
    try {
      return new URL(url).host === new URL(base).host;
    } catch {
      return false;
    }
  }

  private group(id: number | null): Promise<ChatGroup | null> {
    return id === null ? Promise.resolve(null) : pushGroups(this.ds).byId(id);
  }
}
