import type { DataSource } from 'typeorm';
import type { ChatGroup, Platform } from '../../../entities/chat-group.entity';
import type { Member, Role } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';
import { groups } from '../../db/repositories/group.repository';
import { org } from '../../db/repositories/org.repository';
import { audit } from '../audit';
import { UserError } from '../errors';
import { isSchoolAdminRole, isUnitAdminRole, ROLE_LABEL, rolesForUnit } from './roles';
import { adminOver, claimJoinCode } from './trust';
import { BIND_TEXT } from './org-texts';
import { setGrid } from './grid';
import { echo } from '../../platforms/escape';
import type { UnitDirectory } from './units';
import type { IncomingMessage } from '../../platforms/types';

export class OrgError extends UserError {}

export interface BindResult {
  unit: Unit;
  /** The group was already bound to this unit: nothing changed. */
  already?: boolean;
  /** The unit the group was bound to before (a move). */
  from?: Unit;
  /** The role the join-code holder received. */
  becameAdmin?: Role;
}

export class OrgService {
  constructor(private readonly ds: DataSource, readonly units: UnitDirectory) {}

  async group(platform: Platform, chatId: string, name: string | undefined, now: number): Promise<ChatGroup> {
    return groups(this.ds).ensure(platform, chatId, name ?? null, now);
  }

  async groupById(id: number): Promise<ChatGroup | null> {
    return groups(this.ds).byId(id);
  }

  async groupsOfUnit(unitId: number): Promise<ChatGroup[]> {
    return groups(this.ds).ofUnit(unitId);
  }

  async member(platform: Platform, userId: string): Promise<Member | null> {
    return org(this.ds).member(platform, userId);
  }

  async membersOfUnit(unitId: number): Promise<Member[]> {
    return org(this.ds).membersOfUnit(unitId);
  }

  /** Someone the bot does not know, writing in a bound group, becomes a teacher of that unit. */
  async resolveSender(platform: Platform, userId: string, name: string | undefined, group: ChatGroup, now: number, external = false): Promise<Member | null> {
    if (external) return null;
    const known = await this.member(platform, userId);
    if (known) {
      if (name && known.name !== name && known.name === known.userId) {
        await org(this.ds).updateMember(known.id, { name: name.slice(0, 100) }, now);
        known.name = name;
      }
      return known;
    }
    if (group.unitId === null) return null;
    await org(this.ds).claimMember({
      platform, userId, name: (name ?? userId).slice(0, 100), role: 'teacher', unitId: group.unitId, mobile: null, createdAt: now, updatedAt: now,
    });
    return this.member(platform, userId);
  }

  /**
   * `/绑定`: a group is bound by an administrator of the unit it is bound to (the school's own 安全员/校长/分管副校长,
   * its district, the city), or by the holder of a one-time join code the district issued for that school. A bound
   * group moves only by an administrator over its current unit too. Bureaus are never claimable from chat.
   */
  async bind(
    group: ChatGroup, unit: Unit, actor: { platform: Platform; userId: string; name?: string; member: Member | null }, code: string | null, now: number,
  ): Promise<BindResult> {
    const m = actor.member;
    const current = this.units.get(group.unitId);
    if (current?.id === unit.id) return { unit, already: true };
    const byAdmin = adminOver(m, unit, this.units);
    if (!byAdmin) {
      if (unit.kind !== 'school') throw new OrgError(BIND_TEXT.bureauNotClaimable(unit.name));
      if (!code) throw new OrgError(BIND_TEXT.needAdminOrCode(unit.name, m ? ROLE_LABEL[m.role] : undefined));
      if (m && m.unitId !== unit.id && m.role !== 'teacher') throw new OrgError(BIND_TEXT.adminElsewhere(ROLE_LABEL[m.role], this.units.get(m.unitId)?.name ?? ''));
    }
    if (current && !adminOver(m, current, this.units)) throw new OrgError(BIND_TEXT.moveRefused(current.name, m ? ROLE_LABEL[m.role] : undefined));
    const who = `${actor.platform}:${actor.userId}`;
    let becameAdmin: Role | undefined;
    await this.ds.transaction(async (em) => {
      if (!byAdmin) {
        if (!(await claimJoinCode(em, unit.id, code!, who, now))) throw new OrgError(BIND_TEXT.badCode(unit.name));
        becameAdmin = 'safety_officer';
        if (m) {
          if (m.unitId === unit.id && isSchoolAdminRole(m.role)) becameAdmin = undefined;
          else await org(em).updateMember(m.id, { unitId: unit.id, role: becameAdmin }, now);
        } else {
          await org(em).claimMember({
            platform: actor.platform, userId: actor.userId, name: (actor.name ?? actor.userId).slice(0, 100), role: becameAdmin, unitId: unit.id, mobile: null, createdAt: now, updatedAt: now,
          });
        }
      }
      // Guarded on the unit the group had when we checked: a concurrent move makes this one fail, not both win.
      const moved = current ? await groups(em).move(group.id, current.id, unit.id) : await groups(em).bind(group.id, unit.id, unit.name);
      if (!moved) throw new OrgError(BIND_TEXT.raced);
      await audit(em, {
        at: now, actor: who, unitId: unit.id, action: current ? 'group.move' : 'group.bind', target: `group:${group.id}`,
        detail: { from: current?.id ?? null, to: unit.id, byCode: !byAdmin, becameAdmin },
      });
    });
    group.unitId = unit.id;
    return { unit, from: current, becameAdmin };
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
    if (!allowed) throw new OrgError(`只有「${echo(unit.name, 60)}」的管理员（学校：安全员、校长或分管安全副校长；区：区教育局管理员）可以设置角色（你是：${ROLE_LABEL[actor.role]}）。`);
    if (!rolesForUnit(unit).includes(role)) {
      throw new OrgError(`「${unit.name}」的成员只能是：${rolesForUnit(unit).map((r) => ROLE_LABEL[r]).join('、')}。`);
    }
    if (actor.id === target.id && role !== actor.role && !['city_admin'].includes(actor.role)) {
      const admins = (await this.membersOfUnit(unit.id)).filter((x) => isUnitAdminRole(x.role, unit));
      if (admins.length <= 1) throw new OrgError('你是本单位唯一的管理员，请先给别人设置管理员角色，再改自己的角色。');
    }
    await this.ds.transaction(async (em) => {
      await org(em).updateMember(target.id, { role }, now);
      await audit(em, { at: now, actor: `${actor.platform}:${actor.userId}`, unitId: unit.id, action: 'member.role', target: `member:${target.id}`, detail: { from: target.role, to: role } });
    });
  }

  /** A member's mobile number as they typed it for a form (电话=…). */
  async setMobile(memberId: number, mobile: string, now: number): Promise<void> {
    await org(this.ds).updateMember(memberId, { mobile: mobile.slice(0, 32) }, now);
  }

  /** `/整改期限`: a school's default rectification hours per colour (the caller checked the actor may); audited. */
  async setDeadlineHours(actor: Member, unit: Unit, hours: Record<string, number>, now: number): Promise<void> {
    const settings = { ...(unit.settings ? JSON.parse(unit.settings) : {}), deadlineHours: hours };
    await this.ds.transaction(async (em) => {
      await org(em).setUnitSettings(unit.id, JSON.stringify(settings));
      await audit(em, { at: now, actor: `${actor.platform}:${actor.userId}`, unitId: unit.id, action: 'unit.deadlines', detail: hours });
    });
    await this.units.refresh();
  }

  /** `/角色 @某人 网格员 …`: who may set roles may set the places a 网格员 watches (an empty list clears the tag). */
  async setGrid(actor: Member, target: Member, places: string[], now: number): Promise<void> {
    const unit = this.units.get(target.unitId);
    if (!unit) throw new OrgError(`${echo(target.name, 40)} 还没有所属单位。`);
    if (!this.maySetRoles(actor, unit)) throw new OrgError(`只有「${echo(unit.name, 60)}」的管理员（学校：安全员、校长或分管安全副校长；区：区教育局管理员）可以设置网格员（你是：${ROLE_LABEL[actor.role]}）。`);
    await this.ds.transaction(async (em) => {
      await setGrid(em, target.id, places, now);
      await audit(em, { at: now, actor: `${actor.platform}:${actor.userId}`, unitId: unit.id, action: 'member.grid', target: `member:${target.id}`, detail: { places } });
    });
  }

  private maySetRoles(actor: Member, unit: Unit): boolean {
    const actorUnit = this.units.get(actor.unitId);
    return Boolean(
      actor.role === 'city_admin' ||
      (actor.role === 'district_admin' && actorUnit && this.units.within(unit, actorUnit)) ||
      (actorUnit?.id === unit.id && isUnitAdminRole(actor.role, unit)),
    );
  }

  /**
   * The member an "@张三" in a command means. The platform's own list of mentioned user ids decides (DingTalk
   * atUsers[].staffId); a display name never does, because anyone can take anyone's nickname. Without a list
   * (WeCom 智能机器人 sends none) the typed text must be the person's userid. Only the sandbox, whose people are
   * demo fixtures, matches names.
   */
  async findMention(unitId: number, typed: string, msg: Pick<IncomingMessage, 'platform' | 'mentions'>): Promise<Member | null> {
    const ids = msg.mentions ?? [];
    if (ids.length > 1) throw new OrgError('一条指令只能 @ 一个人，请分开发送。');
    const members = await this.membersOfUnit(unitId);
    const samePlatform = members.filter((m) => m.platform === msg.platform);
    if (ids.length === 1) return samePlatform.find((m) => m.userId === ids[0]) ?? null;
    const token = typed.replace(/^[@＠]/, '').trim();
    if (!token) return null;
    return samePlatform.find((m) => m.userId === token) ?? (msg.platform === 'local' ? samePlatform.find((m) => m.name === token) ?? null : null);
  }
}
