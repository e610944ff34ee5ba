// Which groups the bot can post into on its own, and which robot each push goes through. The robot key is a
// stable, non-secret string: the outbox's per-robot window (20 a minute) is keyed by it. Webhook keys and
// access tokens are credentials, so only a hash prefix of them appears.
import { createHash } from 'node:crypto';
import type { ChatGroup } from '../../../entities/chat-group.entity';
import type { Config } from '../../config';
import type { Db } from '../../db/repositories/base';
import { pushGroups } from '../../db/repositories/push-groups.repository';

type GroupPush = Pick<ChatGroup, 'platform' | 'chatId' | 'pushKind' | 'pushTarget'>;

const hash16 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Mirrors PlatformDeliverer.push: the same group reaches the same robot, so it is limited as one. */
export function robotKeyOf(g: GroupPush, config: Pick<Config, 'dingtalk'> & { wecomWs?: Config['wecomWs'] }): string | null {
  if (g.platform === 'local' || g.pushKind === 'local') return null;
  if (g.pushKind === 'wecom_webhook' && g.pushTarget) return `wecom:${hash16(g.pushTarget)}`;
  // The long connection pushes with aibot_send_msg into any chat the robot is in: limited per chat like a webhook.
  if (g.platform === 'wecom' && config.wecomWs) return `wecom-ws:${config.wecomWs.botId}:${g.chatId}`.slice(0, 191);
  if (g.pushKind === 'dingtalk_custom' && g.pushTarget) return `dingtalk-custom:${hash16(g.pushTarget)}`;
  const dt = config.dingtalk;
  if (g.platform === 'dingtalk' && dt) {
    // The app robot's limit is per group: 20 a minute into one conversation.
    const conversation = g.pushKind === 'dingtalk_group' && g.pushTarget ? g.pushTarget : g.chatId;
    return `dingtalk-group:${dt.robotCode ?? dt.appKey}:${conversation}`.slice(0, 191);
  }
  return null;
}

/** Can the bot post into this group on its own (not as a reply)? Same rules as PlatformDeliverer.push. */
export function canPush(g: GroupPush, config: Pick<Config, 'dingtalk' | 'sandboxEnabled'> & { wecomWs?: Config['wecomWs'] }): boolean {
  if (g.platform === 'local' || g.pushKind === 'local') return config.sandboxEnabled;
  if ((g.pushKind === 'wecom_webhook' || g.pushKind === 'dingtalk_custom') && g.pushTarget) return true;
  if (g.platform === 'wecom' && config.wecomWs) return true;
  return g.platform === 'dingtalk' && Boolean(config.dingtalk && (config.dingtalk.robotCode || g.pushTarget));
}

/** "****5aaa": enough to tell two keys apart, never enough to use one. */
export function maskSecret(s: string | null | undefined): string {
  if (!s) return '（无）';
  return s.length >= 12 ? `****${s.slice(-4)}` : '****';
}

/** A group the bot can post into, with the robot it goes through. Credentials stay in the row, never in logs. */
export interface PushGroup {
  id: number;
  unitId: number;
  name: string | null;
  platform: ChatGroup['platform'];
  robotKey: string | null;
}

/** Bound groups that can receive pushes, by unit. Groups without push settings are left out (see /推送). */
export async function pushGroupsByUnit(db: Db, config: Pick<Config, 'dingtalk' | 'sandboxEnabled'> & { wecomWs?: Config['wecomWs'] }): Promise<Map<number, PushGroup[]>> {
  const out = new Map<number, PushGroup[]>();
  for (const g of await pushGroups(db).bound()) {
    if (!canPush(g, config)) continue;
    const unitId = g.unitId!;
    const pg: PushGroup = { id: g.id, unitId, name: g.name, platform: g.platform, robotKey: robotKeyOf(g, config) };
    out.set(unitId, [...(out.get(unitId) ?? []), pg]);
  }
  return out;
}
