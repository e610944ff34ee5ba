// The server-side root of trust: `npm run admin -- grant <platform> <userId> <角色> [--unit 单位] [--name 姓名]`.
// Whoever can run this on the server (or edit the import file) is trusted; nobody in a chat is.
import type { DataSource } from 'typeorm';
import type { Platform } from '../../../entities/chat-group.entity';
import type { Member, Role } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';
import { org } from '../../db/repositories/org.repository';
import { audit } from '../audit';
import { parseRole, ROLE_LABEL, rolesForUnit } from './roles';

export class GrantError extends Error {}

export interface Grant {
  platform: Platform;
  userId: string;
  role: string;
  /** Required for everything but 市教育局管理员 (the city unit). */
  unit?: string;
  name?: string;
}

const PLATFORMS: Platform[] = ['wecom', 'dingtalk', 'local'];

export async function grantRole(ds: DataSource, g: Grant, actor: string, now: number): Promise<{ role: Role; unit: string; created: boolean }> {
  if (!PLATFORMS.includes(g.platform)) throw new GrantError(`平台应为 ${PLATFORMS.join('、')}，不是「${g.platform}」`);
  const userId = g.userId.trim();
  if (!userId || userId.length > 191) throw new GrantError('用户ID不能为空（企业微信 userid 或钉钉 staffId，在管理后台通讯录里查看）');
  const role = parseRole(g.role);
  if (!role) throw new GrantError(`不认识角色「${g.role}」（${Object.values(ROLE_LABEL).join('、')}）`);
  const unit = g.unit ? await org(ds).unitByName(g.unit.trim()) : role === 'city_admin' ? await org(ds).city() : null;
  if (!g.unit && role !== 'city_admin') throw new GrantError(`${ROLE_LABEL[role]}需要用 --unit 指定单位`);
  if (!unit) throw new GrantError(`没有单位「${g.unit ?? '市教育局'}」。先用 npm run import-org 导入单位`);
  if (!rolesForUnit({ kind: unit.kind }).includes(role)) throw new GrantError(`「${unit.name}」不能有角色「${ROLE_LABEL[role]}」`);
  let created = false;
  await ds.transaction(async (em) => {
    created = await org(em).claimMember({
      platform: g.platform, userId, name: (g.name?.trim() || userId).slice(0, 100), role, unitId: unit.id, mobile: null, createdAt: now, updatedAt: now,
    });
    // A name given replaces the known one; without one the member keeps theirs.
    if (!created) await org(em).updateMemberByUser(g.platform, userId, { role, unitId: unit.id, ...(g.name?.trim() ? { name: g.name.trim() } : {}) }, now);
    await audit(em, { at: now, actor, unitId: unit.id, action: 'member.grant', target: `${g.platform}:${userId}`, detail: { role } });
  });
  return { role, unit: unit.name, created };
}

/** Takes every role away: the member stays known (history keeps their name) but becomes a 教师 of the same unit. */
export async function revokeRole(ds: DataSource, platform: Platform, userId: string, actor: string, now: number): Promise<boolean> {
  const m = await org(ds).member(platform, userId);
  if (!m) return false;
  await ds.transaction(async (em) => {
    await org(em).updateMember(m.id, { role: 'teacher' }, now);
    await audit(em, { at: now, actor, unitId: m.unitId, action: 'member.revoke', target: `${platform}:${userId}`, detail: { from: m.role } });
  });
  return true;
}

/** Every administrator (any role but 教师) with their unit, by unit kind, unit name and role. */
export async function listAdmins(ds: DataSource): Promise<{ member: Member; unit: Unit | null }[]> {
  const units = new Map((await org(ds).units()).map((u) => [u.id, u]));
  return (await org(ds).admins()).map((member) => ({ member, unit: member.unitId === null ? null : units.get(member.unitId) ?? null }));
}
