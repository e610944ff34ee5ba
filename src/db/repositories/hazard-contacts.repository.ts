import { In, IsNull, Not } from 'typeorm';
import { MemberEntity, type Member, type Role } from '../../../entities/member.entity';
import { ChatGroupEntity } from '../../../entities/chat-group.entity';
import { Room, type Db, Statement } from './base';

/** The default responsible of a unit, read on every report: built once. */
const RESPONSIBLE = new Statement<{ unitId: number; safety_officer: string; deputy_principal: string; principal: string }>(['unitId', 'safety_officer', 'deputy_principal', 'principal'], (em) =>
  em.getRepository(MemberEntity).createQueryBuilder('m').select('m.id', 'id').addSelect('m.name', 'name')
    .addSelect(`CASE m.role WHEN :safety_officer THEN 0 WHEN :deputy_principal THEN 1 ELSE 2 END`, 'role_rank')
    .where('m.unitId = :unitId').andWhere('m.role IN (:safety_officer, :deputy_principal, :principal)')
    .orderBy('role_rank', 'ASC').addOrderBy('m.id', 'ASC').limit(1),
);

/**
 * Who is told about a hazard: the people of a unit by role and the unit's groups. Reads of member and chat_group
 * that the hazard loop needs; they may fold into the member and group rooms once those exist.
 */
export class HazardContactsRepository extends Room {
  /** Names and mobiles of a unit's members in these roles, by id. */
  inRoles(unitId: number, roles: Role[]): Promise<Pick<Member, 'id' | 'name' | 'mobile' | 'role'>[]> {
    return this.repo(MemberEntity).find({ select: { id: true, name: true, mobile: true, role: true }, where: { unitId, role: In(roles) }, order: { id: 'ASC' } });
  }

  /** The unit's safety officer, else its 分管安全副校长, else its principal (lowest id within a role). */
  async defaultResponsible(unitId: number): Promise<Pick<Member, 'id' | 'name'> | null> {
    const { rows: [r] } = await RESPONSIBLE.run(this.db, { unitId, safety_officer: 'safety_officer', deputy_principal: 'deputy_principal', principal: 'principal' });
    return r ? { id: Number(r.id), name: r.name } : null;
  }

  /** Mobiles known for these members. */
  async mobilesOf(memberIds: number[]): Promise<string[]> {
    if (!memberIds.length) return [];
    const rows = await this.repo(MemberEntity).find({ select: { id: true, mobile: true }, where: { id: In(memberIds), mobile: Not(IsNull()) } });
    return rows.map((r) => r.mobile!).filter(Boolean);
  }

  async mobileOf(memberId: number): Promise<string | null> {
    return (await this.repo(MemberEntity).findOne({ select: { id: true, mobile: true }, where: { id: memberId } }))?.mobile ?? null;
  }

  /** Ids of the unit's groups, by id. */
  async groupIds(unitId: number): Promise<number[]> {
    const rows = await this.repo(ChatGroupEntity).find({ select: { id: true }, where: { unitId }, order: { id: 'ASC' } });
    return rows.map((g) => g.id);
  }

  async firstGroupId(unitId: number): Promise<number | null> {
    return (await this.repo(ChatGroupEntity).findOne({ select: { id: true }, where: { unitId }, order: { id: 'ASC' } }))?.id ?? null;
  }

  async unitOfGroup(groupId: number): Promise<number | null> {
    return (await this.repo(ChatGroupEntity).findOne({ select: { id: true, unitId: true }, where: { id: groupId } }))?.unitId ?? null;
  }
}

export const hazardContacts = (db: Db) => new HazardContactsRepository(db);
