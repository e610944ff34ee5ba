import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Clock } from '../services/clock';
import { loadMedia } from '../services/media';
import type { LinkSigner } from '../services/links';
import type { Deliverer, DeliveryResult, OutboxRoute, OutgoingMessage } from '../services/outbox/outbox.types';
import { ChatGroupEntity, type ChatGroup } from '../../entities/chat-group.entity';
import { renderMarkdown, markdownToPlain } from './markdown';
import { sendWecomResponseUrl, sendWecomWebhook } from './wecom/push';
import { sendDingtalkCustomRobot, sendDingtalkGroupMessage, sendDingtalkSessionWebhook } from './dingtalk/push';
import { DingtalkTokenCache } from './dingtalk/token-cache';
import { pushFailure, type PushResult } from './push-result';
import type { SandboxStore } from './local/sandbox-store';
import type { SocketModes } from '../transports/sockets';
import { deliverOverWecomWs, wecomWsChatId } from './wecom/ws-deliver';
import { pushElsewhere } from '../transports/socket-routes';
import { sendDingtalkFile, sendDingtalkImages } from './dingtalk/media';
import { toDingtalkActionCard, toDingtalkSampleActionCard } from './dingtalk/action-card';
import { toWecomTemplateCard } from './wecom/template-card';

const MEDIA_LINK_TTL_MS = 7 * 24 * 3600_000;

function titleOf(msg: OutgoingMessage): string {
  if (msg.title) return msg.title;
  const first = markdownToPlain(msg.markdown).split('\n').find((l) => l.trim()) ?? '校园安全助手';
  return first.slice(0, 40);
}

/** The only place that knows how each route reaches each platform. */
export class PlatformDeliverer implements Deliverer {
  private readonly tokens: DingtalkTokenCache;

  constructor(
    private readonly ds: DataSource,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly links: LinkSigner,
    private readonly sandbox: SandboxStore | null,
    private readonly sockets: SocketModes | null = null,
  ) {
    this.tokens = new DingtalkTokenCache({ apiBase: config.DINGTALK_API_BASE, clock });
  }

  async deliver(route: OutboxRoute, msg: OutgoingMessage): Promise<DeliveryResult> {
    if (route.kind === 'wecom_ws') return this.overWecomWs({ reqId: route.reqId, chatId: route.chatId, updateTaskId: route.updateTaskId }, msg);
    if (route.kind === 'wecom_response_url') {
      if (!this.allowedHost(route.url, this.config.WECOM_API_BASE)) return pushFailure('BAD_URL', 'response_url host is not the WeCom API', false);
      const res = await sendWecomResponseUrl(route.url, renderMarkdown(msg.markdown, 'wecom'), route.single && msg.card?.facts.length ? { templateCard: toWecomTemplateCard(msg.card) } : {}); // a buttons-only card would lose the text
      if (!res.ok || !msg.imageMediaIds?.length || route.groupId === null) return res;
      const group = await this.group(route.groupId);
      return group ? this.sendImages(group, msg.imageMediaIds) : res;
    }
    if (route.kind === 'dingtalk_session') {
      const live = route.expiresAt > this.clock.now() + 5_000 && this.allowedHost(route.url, this.config.DINGTALK_OAPI_BASE);
      if (live) {
        const text = renderMarkdown(this.withImages(msg, route.groupId), 'dingtalk');
        const res = await sendDingtalkSessionWebhook(route.url, msg.card?.buttons.length
          ? { type: 'actionCard', actionCard: toDingtalkActionCard(msg.card, text) }
          : { type: 'markdown', title: titleOf(msg), text, atUserIds: msg.mentionUserIds, atMobiles: msg.mentionMobiles });
        if (res.ok && (msg.imageMediaIds?.length || msg.files?.length) && route.groupId !== null) {
          const group = await this.group(route.groupId);
          return group ? this.dingtalkMediaImages(group, msg) : res;
        }
        // An expired session (300001) falls back to the group API rather than losing the reply.
        if (res.ok || res.code !== '300001' || route.groupId === null) return res;
      }
      if (route.groupId === null) return pushFailure('NO_ROUTE', 'session expired and no group to push to', false);
      return this.deliver({ kind: 'group', groupId: route.groupId }, msg);
    }
    const group = await this.group(route.groupId);
    if (!group) return pushFailure('NO_GROUP', `group ${route.groupId} not found`, false);
    return this.push(group, msg);
  }

  private async push(group: ChatGroup, msg: OutgoingMessage): Promise<PushResult> {
    if (group.platform === 'local' || group.pushKind === 'local') {
      if (!this.sandbox) return pushFailure('NO_SANDBOX', 'sandbox is off', false);
      const urls = (msg.imageMediaIds ?? []).map((id) => this.links.sign(`/media/${id}`, null, this.clock.now() + MEDIA_LINK_TTL_MS, { relative: true }));
      // The sandbox page is served by this server, so its links stay relative to wherever it was opened.
      await this.sandbox.append({ groupId: group.id, direction: 'out', senderName: '安全助手', markdown: renderMarkdown(msg.markdown, 'local'), imageUrls: urls, card: msg.card, at: this.clock.now() });
      return { ok: true };
    }
    if (group.pushKind === 'wecom_webhook' && group.pushTarget) {
      const res = await sendWecomWebhook({
        apiBase: this.config.WECOM_API_BASE, key: group.pushTarget,
        message: msg.mentionMobiles?.length
          ? { type: 'text', content: markdownToPlain(msg.markdown), mentionedMobiles: msg.mentionMobiles }
          : { type: 'markdown', content: renderMarkdown(msg.markdown, 'wecom') },
      });
      if (!res.ok || !msg.imageMediaIds?.length) return res;
      return this.sendImages(group, msg.imageMediaIds);
    }
    if (group.platform === 'wecom' && this.config.wecomWs) return this.overWecomWs({ chatId: wecomWsChatId(group.chatId) }, msg);
    if (group.pushKind === 'dingtalk_custom' && group.pushTarget) {
      return sendDingtalkCustomRobot({
        oapiBase: this.config.DINGTALK_OAPI_BASE, accessToken: group.pushTarget, secret: group.pushSecret ?? undefined, clock: this.clock,
        message: msg.card?.buttons.length && !msg.mentionMobiles?.length
          ? { type: 'actionCard', actionCard: toDingtalkActionCard(msg.card, renderMarkdown(this.withImages(msg, group.id), 'dingtalk')) }
          : { type: 'markdown', title: titleOf(msg), text: renderMarkdown(this.withImages(msg, group.id), 'dingtalk'), atMobiles: msg.mentionMobiles, atUserIds: msg.mentionUserIds },
      });
    }
    const dt = this.config.dingtalk;
    if (group.platform === 'dingtalk' && dt && (dt.robotCode || group.pushTarget)) {
      const res = await sendDingtalkGroupMessage({
        apiBase: this.config.DINGTALK_API_BASE,
        tokens: this.tokens.forApp(dt),
        robotCode: dt.robotCode ?? dt.appKey,
        openConversationId: group.pushKind === 'dingtalk_group' && group.pushTarget ? group.pushTarget : group.chatId,
        message: (msg.card && toDingtalkSampleActionCard(msg.card)) ? { type: 'actionCard', ...toDingtalkSampleActionCard(msg.card, renderMarkdown(this.withImages(msg, group.id), 'dingtalk'))! } : { type: 'markdown', title: titleOf(msg), text: renderMarkdown(this.withImages(msg, group.id), 'dingtalk') },
      });
      return res.ok ? this.dingtalkMediaImages(group, msg) : res;
    }
    return pushFailure('NO_PUSH_CHANNEL', `group ${group.id} has no push settings (/推送 设置)`, false);
  }

  /** WeCom long connection: only the instance holding the robot's socket can send; others hand the row back. */
  private async overWecomWs(target: { reqId?: string; chatId: string; updateTaskId?: string }, msg: OutgoingMessage): Promise<PushResult> {
    const client = this.sockets?.wecom;
    if (!client || !this.sockets?.wecomHeld || !client.connected) return pushElsewhere(this.ds, this.config);
    return deliverOverWecomWs(this.ds, client, target, renderMarkdown(msg.markdown, 'wecom'), msg.imageMediaIds, msg.files, msg.card);
  }

  /**
   * Without PUBLIC_BASE_URL, pictures go to DingTalk as uploaded media (they show without any public address);
   * files (the ledger xlsx) always go as file messages where the app robot can post.
   */
  private async dingtalkMediaImages(group: ChatGroup, msg: OutgoingMessage): Promise<PushResult> {
    const dt = this.config.dingtalk;
    if (!dt || group.platform !== 'dingtalk') return { ok: true };
    const target = {
      apiBase: this.config.DINGTALK_API_BASE, oapiBase: this.config.DINGTALK_OAPI_BASE, tokens: this.tokens.forApp(dt), robotCode: dt.robotCode ?? dt.appKey,
      openConversationId: group.pushKind === 'dingtalk_group' && group.pushTarget ? group.pushTarget : group.chatId,
    };
    if (msg.imageMediaIds?.length && !this.config.PUBLIC_BASE_URL) {
      const images: Buffer[] = [];
      for (const id of msg.imageMediaIds) {
        const media = await loadMedia(this.ds, id);
        if (media) images.push(media.data);
      }
      const res = await sendDingtalkImages({ ...target, images });
      if (!res.ok) return res;
    }
    for (const f of msg.files ?? []) {
      const media = await loadMedia(this.ds, f.mediaId);
      if (!media) continue;
      const res = await sendDingtalkFile({ ...target, data: media.data, name: f.name });
      if (!res.ok) return res;
    }
    return { ok: true };
  }

  private async sendImages(group: ChatGroup, ids: number[]): Promise<PushResult> {
    if (group.pushKind !== 'wecom_webhook' || !group.pushTarget) return { ok: true };
    for (const id of ids) {
      const media = await loadMedia(this.ds, id);
      if (!media) continue;
      const res = await sendWecomWebhook({ apiBase: this.config.WECOM_API_BASE, key: group.pushTarget, message: { type: 'image', png: media.data } });
      if (!res.ok) return res;
    }
    return { ok: true };
  }

  /** DingTalk shows pictures inside markdown; that needs a public URL for the signed media link. */
  private withImages(msg: OutgoingMessage, groupId: number | null): string {
    if (!msg.imageMediaIds?.length || !this.config.PUBLIC_BASE_URL) return msg.markdown;
    const urls = msg.imageMediaIds.map((id) => this.links.sign(`/media/${id}`, null, this.clock.now() + MEDIA_LINK_TTL_MS));
    void groupId;
    return `${msg.markdown}\n\n${urls.map((u) => `![图](${u})`).join('\n')}`;
  }

  private allowedHost(url: string, base: string): boolean {
    try {
      return new URL(url).host === new URL(base).host;
    } catch {
      return false;
    }
  }

  private group(id: number | null): Promise<ChatGroup | null> {
    return id === null ? Promise.resolve(null) : this.ds.getRepository(ChatGroupEntity).findOneBy({ id });
  }
}
