import type { DataSource } from 'typeorm';
import { ChatGroupEntity, type ChatGroup, type Platform } from '../../../entities/chat-group.entity';
import { MemberEntity, type Member, type Role } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';
import { exec, insertIgnore } from '../../db/sql';
import { audit } from '../audit';
import { UserError } from '../errors';
import { adminRoleFor, isUnitAdminRole, ROLE_LABEL, rolesForUnit } from './roles';
import type { UnitDirectory } from './units';

export class OrgError extends UserError {}

export class OrgService {
  constructor(private readonly ds: DataSource, readonly units: UnitDirectory) {}

  async group(platform: Platform, chatId: string, name: string | undefined, now: number): Promise<ChatGroup> {
    const repo = this.ds.getRepository(ChatGroupEntity);
    const found = await repo.findOneBy({ platform, chatId });
    if (found) return found;
    await insertIgnore(this.ds, 'chat_group', { platform, chat_id: chatId, unit_id: null, name: name ?? null, digest: 0, created_at: now });
    return (await repo.findOneBy({ platform, chatId }))!;
  }

  async groupById(id: number): Promise<ChatGroup | null> {
    return this.ds.getRepository(ChatGroupEntity).findOneBy({ id });
  }

  async groupsOfUnit(unitId: number): Promise<ChatGroup[]> {
    return this.ds.getRepository(ChatGroupEntity).findBy({ unitId });
  }

  async member(platform: Platform, userId: string): Promise<Member | null> {
    return this.ds.getRepository(MemberEntity).findOneBy({ platform, userId });
  }

  async membersOfUnit(unitId: number): Promise<Member[]> {
    return this.ds.getRepository(MemberEntity).find({ where: { unitId }, order: { id: 'ASC' } });
  }

  /** Someone the bot does not know, writing in a bound group, becomes a teacher of that unit. */
  async resolveSender(platform: Platform, userId: string, name: string | undefined, group: ChatGroup, now: number): Promise<Member | null> {
    const known = await this.member(platform, userId);
    if (known) {
      if (name && known.name !== name && known.name === known.userId) {
        await exec(this.ds, `UPDATE member SET name = ?, updated_at = ? WHERE id = ?`, [name.slice(0, 100), now, known.id]);
        known.name = name;
      }
      return known;
    }
    if (group.unitId === null) return null;
    await insertIgnore(this.ds, 'member', {
      platform, user_id: userId, name: (name ?? userId).slice(0, 100), role: 'teacher', unit_id: group.unitId, mobile: null, created_at: now, updated_at: now,
    });
    return this.member(platform, userId);
  }

  /** `/绑定`: admins bind within their scope; anyone may claim a unit nobody has joined yet and becomes its administrator. */
  async bind(group: ChatGroup, unit: Unit, actor: { platform: Platform; userId: string; name?: string; member: Member | null }, now: number): Promise<{ becameAdmin?: Role }> {
    const m = actor.member;
    const actorUnit = m ? this.units.get(m.unitId) : undefined;
    const adminInScope = Boolean(m && actorUnit && (m.role === 'city_admin' || (m.role === 'district_admin' && this.units.within(unit, actorUnit))));
    const memberCount = Number((await this.ds.query(`SELECT COUNT(*) AS n FROM member WHERE unit_id = ?`, [unit.id]))[0].n);
    let becameAdmin: Role | undefined;
    if (!adminInScope) {
      if (memberCount > 0) {
        throw new OrgError(`只有区、市教育局管理员可以把群绑定到「${unit.name}」（该单位已有成员）。请联系你所在区教育局管理员。`);
      }
      becameAdmin = adminRoleFor(unit);
    }
    await this.ds.transaction(async (em) => {
      await exec(em, `UPDATE chat_group SET unit_id = ?, name = COALESCE(name, ?) WHERE id = ?`, [unit.id, unit.name, group.id]);
      if (becameAdmin) {
        if (m) await exec(em, `UPDATE member SET unit_id = ?, role = ?, updated_at = ? WHERE id = ?`, [unit.id, becameAdmin, now, m.id]);
        else {
          await insertIgnore(em, 'member', {
            platform: actor.platform, user_id: actor.userId, name: (actor.name ?? actor.userId).slice(0, 100), role: becameAdmin, unit_id: unit.id, mobile: null, created_at: now, updated_at: now,
          });
        }
      }
      await audit(em, { at: now, actor: `${actor.platform}:${actor.userId}`, unitId: unit.id, action: 'group.bind', target: `group:${group.id}`, detail: { becameAdmin } });
    });
    group.unitId = unit.id;
    return { becameAdmin };
  }

  /** `/角色`: the unit's administrators, the district for its schools, the city for everyone. */
  async setRole(actor: Member, target: Member, role: Role, now: number): Promise<void> {
    const unit = this.units.get(target.unitId);
    if (!unit) throw new OrgError(`${target.name} 还没有所属单位。`);
    const actorUnit = this.units.get(actor.unitId);
    const allowed =
      actor.role === 'city_admin' ||
      (actor.role === 'district_admin' && actorUnit && this.units.within(unit, actorUnit)) ||
      (actorUnit?.id === unit.id && isUnitAdminRole(actor.role, unit));
    if (!allowed) throw new OrgError(`只有「${unit.name}」的管理员（学校：安全员或校长；区：区教育局管理员）可以设置角色（你是：${ROLE_LABEL[actor.role]}）。`);
    if (!rolesForUnit(unit).includes(role)) {
      throw new OrgError(`「${unit.name}」的成员只能是：${rolesForUnit(unit).map((r) => ROLE_LABEL[r]).join('、')}。`);
    }
    if (actor.id === target.id && role !== actor.role && !['city_admin'].includes(actor.role)) {
      const admins = (await this.membersOfUnit(unit.id)).filter((x) => isUnitAdminRole(x.role, unit));
      if (admins.length <= 1) throw new OrgError('你是本单位唯一的管理员，请先给别人设置管理员角色，再改自己的角色。');
    }
    await this.ds.transaction(async (em) => {
      await exec(em, `UPDATE member SET role = ?, updated_at = ? WHERE id = ?`, [role, now, target.id]);
      await audit(em, { at: now, actor: `${actor.platform}:${actor.userId}`, unitId: unit.id, action: 'member.role', target: `member:${target.id}`, detail: { from: target.role, to: role } });
    });
  }

  /** Finds "@张三" among a unit's members by display name or user id. */
  async findMention(unitId: number, mention: string): Promise<Member | null> {
    const name = mention.replace(/^@/, '').trim();
    if (!name) return null;
    const members = await this.membersOfUnit(unitId);
    return members.find((m) => m.name === name) ?? members.find((m) => m.userId === name) ?? null;
  }
}
