// How the bot posts into a group on its own (reminders, alerts): stored on chat_group. The key or token is a
// credential: it is stored once, shown masked, never logged, and scrubbed from the stored inbound message.
import type { DataSource } from 'typeorm';
import type { ChatGroup, PushKind } from '../../../entities/chat-group.entity';
import type { Member } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';
import type { Config } from '../../config';
import { groups } from '../../db/repositories/group.repository';
import { audit } from '../audit';
import { maskSecret } from '../outbox/push-groups';
import { isUnitAdminRole } from './roles';
import type { UnitDirectory } from './units';

export interface PushSetting {
  kind: PushKind;
  target: string | null;
  secret: string | null;
}

/** The group's own administrators, the district for groups of its units, the city for every group. */
export function canManagePush(member: Member | null, groupUnit: Unit, units: UnitDirectory): boolean {
  if (!member) return false;
  if (member.role === 'city_admin') return true;
  const own = units.get(member.unitId);
  if (member.role === 'district_admin' && own && units.within(groupUnit, own)) return true;
  return member.unitId === groupUnit.id && isUnitAdminRole(member.role, groupUnit);
}

/** Accepts the bare key or the whole webhook address a WeCom group shows. */
export function parseWecomKey(input: string): string | null {
  let key = input.trim();
  if (/^https?:\/\//.test(key)) {
    try {
      key = new URL(key).searchParams.get('key') ?? '';
    } catch {
      return null;
    }
  }
  return /^[A-Za-z0-9-]{16,64}$/.test(key) ? key : null;
}

/** Accepts the bare access_token or the whole custom-robot webhook address. */
export function parseDingtalkToken(input: string): string | null {
  let token = input.trim();
  if (/^https?:\/\//.test(token)) {
    try {
      token = new URL(token).searchParams.get('access_token') ?? '';
    } catch {
      return null;
    }
  }
  return /^[A-Za-z0-9_-]{16,128}$/.test(token) ? token : null;
}

export const isDingtalkSecret = (s: string) => /^SEC[A-Za-z0-9]{16,128}$/.test(s);

/** Describes the current setting without revealing it; null when the bot cannot post into the group. */
export function describePush(g: ChatGroup, config: Pick<Config, 'dingtalk'> & { wecomWs?: Config['wecomWs'] }): string | null {
  if (g.pushKind === 'wecom_webhook' && g.pushTarget) return `企业微信群机器人（key ${maskSecret(g.pushTarget)}）`;
  if (g.pushKind === 'dingtalk_custom' && g.pushTarget) return `钉钉自定义机器人（access_token ${maskSecret(g.pushTarget)}${g.pushSecret ? '，已加签' : ''}）`;
  if (g.pushKind === 'dingtalk_group') return '钉钉应用机器人（本群）';
  if (g.pushKind === 'local' || g.platform === 'local') return '本地试用群';
  if (g.platform === 'dingtalk' && config.dingtalk) return '钉钉应用机器人（默认）';
  if (g.platform === 'wecom' && config.wecomWs) return '企业微信智能机器人长连接（主动推送，无需 webhook key）';
  return null;
}

export async function setGroupPush(
  ds: DataSource,
  group: ChatGroup,
  setting: PushSetting,
  by: { actor: string; unitId: number | null; inboundId: number },
  now: number,
): Promise<void> {
  await ds.transaction(async (em) => {
    await groups(em).setPush(group.id, setting.kind, setting.target, setting.secret);
    await audit(em, {
      at: now, actor: by.actor, unitId: by.unitId, action: 'group.push', target: `group:${group.id}`,
      detail: { kind: setting.kind, target: setting.target && maskSecret(setting.target), signed: Boolean(setting.secret) },
    });
    // The inbound row keeps the raw message for retries; once the credential is stored it has no business there.
    const secrets = [setting.target, setting.secret].filter((s): s is string => Boolean(s && s !== group.chatId));
    if (secrets.length) await groups(em).scrubInbound(by.inboundId, secrets);
  });
  Object.assign(group, { pushKind: setting.kind, pushTarget: setting.target, pushSecret: setting.secret });
}
