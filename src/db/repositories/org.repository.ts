import { IsNull, MoreThan } from 'typeorm';
import { JoinCodeEntity, type JoinCode } from '../../../entities/join-code.entity';
import { MemberEntity, type Member } from '../../../entities/member.entity';
import { UnitEntity, type Unit } from '../../../entities/unit.entity';
import { Room, type Db, Statement } from './base';

/** A unit's 网格员, read on every report (gridNotice): built once. */
const GRID_MEMBERS = new Statement<{ unitId: number }>(['unitId'], (em) =>
  em.getRepository(MemberEntity).createQueryBuilder('m').where('m.unitId = :unitId AND m.grid IS NOT NULL').orderBy('m.id', 'ASC'),
);

type MemberFields = Partial<Pick<Member, 'name' | 'role' | 'unitId' | 'mobile' | 'grid'>>;

/**
 * Units and members, and the one-time join codes a district issues for a school. Members are keyed by
 * (platform, user id): `claimMember` is the keyed insert that makes two first messages one member.
 */
export class OrgRepository extends Room {
  units(): Promise<Unit[]> {
    return this.repo(UnitEntity).find();
  }

  unitByName(name: string): Promise<Unit | null> {
    return this.repo(UnitEntity).findOneBy({ name });
  }

  /** The city bureau (the first, should there ever be two). */
  city(): Promise<Unit | null> {
    return this.repo(UnitEntity).findOne({ where: { kind: 'city' }, order: { id: 'ASC' } });
  }

  /** The new unit's id. */
  async addUnit(u: Omit<Unit, 'id'>): Promise<number> {
    const res = await this.em.createQueryBuilder().insert().into(UnitEntity).values(u).execute();
    return Number(res.identifiers[0].id);
  }

  async setUnitSettings(id: number, settings: string | null): Promise<void> {
    await this.repo(UnitEntity).update({ id }, { settings });
  }

  member(platform: string, userId: string): Promise<Member | null> {
    return this.oneBy(MemberEntity, { platform: platform as Member['platform'], userId });
  }

  membersOfUnit(unitId: number): Promise<Member[]> {
    return this.repo(MemberEntity).find({ where: { unitId }, order: { id: 'ASC' } });
  }

  /** The unit's members tagged 网格员 (with places). */
  gridMembersOfUnit(unitId: number): Promise<Member[]> {
    return GRID_MEMBERS.entities<Member>(this.db, { unitId }, MemberEntity, 'm');
  }

  /** Keyed insert: true when this call created the member (false: (platform, user id) exists). */
  claimMember(m: Omit<Member, 'id' | 'grid'> & { grid?: string | null }): Promise<boolean> {
    return this.insertIgnore(MemberEntity, m);
  }

  async updateMember(id: number, set: MemberFields, now: number): Promise<void> {
    await this.repo(MemberEntity).update({ id }, { ...set, updatedAt: now });
  }

  async updateMemberByUser(platform: string, userId: string, set: MemberFields, now: number): Promise<void> {
    await this.repo(MemberEntity).update({ platform: platform as Member['platform'], userId }, { ...set, updatedAt: now });
  }

  /** Everyone with a role above teacher, by unit kind, unit name and role (the CLI's list). */
  admins(): Promise<Member[]> {
    return this.qb(MemberEntity, 'm').leftJoin(UnitEntity.options.name, 'u', 'u.id = m.unitId')
      .where('m.role <> :teacher', { teacher: 'teacher' })
      .orderBy('u.kind').addOrderBy('u.name').addOrderBy('m.role').addOrderBy('m.id')
      .getMany();
  }

  async addJoinCode(c: Omit<JoinCode, 'id'>): Promise<void> {
    await this.em.createQueryBuilder().insert().into(JoinCodeEntity).values(c).execute();
  }

  /** One guarded UPDATE: of two people using a code at once, exactly one gets true. */
  async claimJoinCode(unitId: number, codeHash: string, usedBy: string, now: number): Promise<boolean> {
    const qb = this.em.createQueryBuilder().update(JoinCodeEntity)
      .set({ usedAt: now, usedBy })
      .where({ codeHash, unitId, usedAt: IsNull(), expiresAt: MoreThan(now) });
    return (await this.affected(qb)) === 1;
  }
}

export const org = (db: Db) => new OrgRepository(db);
