// Seeding and probing for the tools around the bot: the sandbox's demo world (npm run seed:demo, SANDBOX=1), the
// city-sized ledger of `npm run seed:scale`, and the small worlds and progress counts of `npm run bench` / `soak`.
// Not used on a request path. Raw SQL here only for the bulk multi-row INSERTs (one statement per few hundred rows,
// which TypeORM's insert builder would expand row by row into parameters and metadata work) and for ANALYZE.
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { In, IsNull, Not, type EntitySchema, type ObjectLiteral } from 'typeorm';
import { ChatGroupEntity, type ChatGroup } from '../../../entities/chat-group.entity';
import { FilingEntity } from '../../../entities/filing.entity';
import { HazardEntity } from '../../../entities/hazard.entity';
import { InboundMessageEntity } from '../../../entities/inbound-message.entity';
import { MemberEntity, type Member, type Role } from '../../../entities/member.entity';
import { OutboxMessageEntity } from '../../../entities/outbox-message.entity';
import { SupervisionEntity } from '../../../entities/supervision.entity';
import { UnitEntity, type Unit } from '../../../entities/unit.entity';
import { UnitTargetEntity } from '../../../entities/unit-target.entity';
import { isMysql, managerOf, Room, type Db } from './base';

/**
 * Multi-row INSERTs, ROWS_PER_STATEMENT rows each, committed every ROWS_PER_TRANSACTION rows: one round trip per
 * few hundred rows instead of one per row, and no transaction so large that MariaDB's undo log balloons.
 */
const ROWS_PER_STATEMENT = 500;
const ROWS_PER_TRANSACTION = 20_000;

type NewGroup = Pick<ChatGroup, 'platform' | 'chatId' | 'unitId' | 'name'> & Partial<Pick<ChatGroup, 'pushKind' | 'pushTarget' | 'pushSecret' | 'digest' | 'createdAt'>>;
type NewMember = Pick<Member, 'platform' | 'userId' | 'name' | 'role' | 'unitId'> & Partial<Pick<Member, 'mobile' | 'createdAt' | 'updatedAt'>>;

export class SeedRepository extends Room {
  /**
   * Writes `rows` (entity properties; every row the same keys as the first) in multi-row INSERTs, in transactions
   * of their own on one connection: call it with the DataSource, not inside a transaction.
   */
  async bulkInsert<T extends ObjectLiteral>(entity: EntitySchema<T>, rows: Partial<T>[]): Promise<void> {
    if (!rows.length) return;
    const meta = this.em.connection.getMetadata(entity);
    const driver = this.em.connection.driver;
    const columns = Object.keys(rows[0]).map((key) => {
      const column = meta.findColumnWithPropertyName(key);
      if (!column) throw new Error(`${meta.tableName} has no column for ${key}`);
      const t = column.transformer && !Array.isArray(column.transformer) ? column.transformer : null;
      return { key, name: driver.escape(column.databaseName), to: t ? (v: unknown) => t.to(v) : (v: unknown) => v };
    });
    const one = `(${columns.map(() => '?').join(',')})`;
    const head = `INSERT INTO ${driver.escape(meta.tableName)} (${columns.map((c) => c.name).join(', ')}) VALUES `;
    const qr = this.em.connection.createQueryRunner();
    await qr.connect();
    try {
      for (let t = 0; t < rows.length; t += ROWS_PER_TRANSACTION) {
        await qr.startTransaction();
        try {
          const batch = rows.slice(t, t + ROWS_PER_TRANSACTION);
          for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
            const chunk = batch.slice(i, i + ROWS_PER_STATEMENT);
            const params: unknown[] = [];
            for (const r of chunk) for (const c of columns) params.push(c.to((r as any)[c.key] ?? null));
            await qr.query(head + chunk.map(() => one).join(','), params);
          }
          await qr.commitTransaction();
        } catch (err) {
          await qr.rollbackTransaction();
          throw err;
        }
      }
    } finally {
      await qr.release();
    }
  }

  /** Fresh planner statistics after a bulk load, so a city-sized ledger is planned as one. */
  async analyze(): Promise<void> {
    await this.em.query(isMysql(this.db) ? 'ANALYZE TABLE hazard, supervision, filing, unit' : 'ANALYZE');
  }

  // ---- units, groups, people ----

  unitByName(name: string): Promise<Unit | null> {
    return this.repo(UnitEntity).findOneBy({ name });
  }

  async unitIdByName(name: string): Promise<number | null> {
    return (await this.unitByName(name))?.id ?? null;
  }

  unitsOfKind(kind: Unit['kind']): Promise<Unit[]> {
    return this.repo(UnitEntity).find({ where: { kind }, order: { id: 'ASC' } });
  }

  /** Adds a school under the unit named `parent`; its id. */
  async addSchool(name: string, parent: string, opts: { settings?: string | null; now?: number } = {}): Promise<number> {
    const parentId = await this.unitIdByName(parent);
    if (parentId === null) throw new Error(`no unit named ${parent}`);
    const r = await this.repo(UnitEntity).insert({ name, kind: 'school', parentId, settings: opts.settings ?? null, createdAt: opts.now ?? 0 });
    return Number(r.identifiers[0].id);
  }

  /** A unit unless one of that name exists; true when this call added it. */
  addUnitIfMissing(u: Omit<Unit, 'id'>): Promise<boolean> {
    return this.insertIgnore(UnitEntity, u);
  }

  async addGroup(g: NewGroup): Promise<number> {
    const r = await this.repo(ChatGroupEntity).insert({ digest: false, createdAt: 0, ...g });
    return Number(r.identifiers[0].id);
  }

  /** A group unless (platform, chat) is known; true when this call added it. */
  addGroupIfMissing(g: NewGroup): Promise<boolean> {
    return this.insertIgnore(ChatGroupEntity, { digest: false, createdAt: 0, ...g });
  }

  /** Many groups in one transaction (multi-row inserts). */
  async addGroups(groups: NewGroup[]): Promise<void> {
    const rows = groups.map((g) => ({ digest: false, createdAt: 0, pushKind: null, pushTarget: null, pushSecret: null, ...g }));
    await managerOf(this.db).transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) await tx.getRepository(ChatGroupEntity).insert(rows.slice(i, i + ROWS_PER_STATEMENT));
    });
  }

  async addMember(m: NewMember): Promise<number> {
    const r = await this.repo(MemberEntity).insert({ mobile: null, createdAt: 0, updatedAt: 0, ...m });
    return Number(r.identifiers[0].id);
  }

  /** The member as given, whoever held that (platform, user) before. */
  async replaceMember(m: NewMember): Promise<number> {
    await this.repo(MemberEntity).delete({ platform: m.platform, userId: m.userId });
    return this.addMember(m);
  }

  /** A member unless (platform, user) is known; true when this call added them. */
  addMemberIfMissing(m: NewMember): Promise<boolean> {
    return this.insertIgnore(MemberEntity, { mobile: null, createdAt: 0, updatedAt: 0, ...m });
  }

  /** Places a known member who has no unit yet (a demo person who left their unit keeps it left). */
  async placeIfUnplaced(platform: Member['platform'], userId: string, unitId: number, role: Role): Promise<boolean> {
    const qb = this.em.createQueryBuilder().update(MemberEntity).set({ unitId, role }).where({ platform, userId, unitId: IsNull() });
    return (await this.affected(qb)) > 0;
  }

  member(platform: Member['platform'], userId: string): Promise<Member | null> {
    return this.repo(MemberEntity).findOneBy({ platform, userId });
  }

  /** The first member of a unit in a role (the demo's officer and principal). */
  memberInRole(unitId: number, role: Role): Promise<Member | null> {
    return this.repo(MemberEntity).findOne({ where: { unitId, role }, order: { id: 'ASC' } });
  }

  /** The unit's first group on a platform. */
  groupOf(unitId: number, platform: ChatGroup['platform']): Promise<ChatGroup | null> {
    return this.repo(ChatGroupEntity).findOne({ where: { unitId, platform }, order: { id: 'ASC' } });
  }

  /** Groups and people on a real platform (not the sandbox's 'local'), and the names of all schools. */
  async realFootprint(): Promise<{ groups: number; members: number; schools: string[] }> {
    const groups = await this.repo(ChatGroupEntity).countBy({ platform: Not('local') });
    const members = await this.repo(MemberEntity).countBy({ platform: Not('local') });
    const schools = (await this.repo(UnitEntity).find({ select: { name: true }, where: { kind: 'school' } })).map((u) => u.name);
    return { groups, members, schools };
  }

  // ---- the scale seed (seed:scale marks its schools with `settings = mark`) ----

  countMarkedSchools(mark: string): Promise<number> {
    return this.repo(UnitEntity).countBy({ settings: mark });
  }

  async markedSchoolIds(mark: string): Promise<number[]> {
    return (await this.repo(UnitEntity).find({ select: { id: true }, where: { settings: mark }, order: { id: 'ASC' } })).map((u) => u.id);
  }

  /** Removes a previous scale seed: its schools with their hazards and 挂牌督办, and every row written by 'seed'. */
  async removeScaleSeed(mark: string, by: string): Promise<void> {
    const schools = () => this.em.createQueryBuilder().subQuery().select('u.id').from(UnitEntity, 'u').where('u.settings = :mark').getQuery();
    const hazards = () => this.em.createQueryBuilder().subQuery().select('h.id').from(HazardEntity, 'h').where(`h.unit_id IN ${schools()}`).getQuery();
    const del = (entity: EntitySchema<any>) => this.em.createQueryBuilder().delete().from(entity).setParameters({ mark, by });
    await del(SupervisionEntity).where(`hazard_id IN ${hazards()}`).execute();
    await del(HazardEntity).where(`unit_id IN ${schools()}`).execute();
    await del(FilingEntity).where(`unit_id IN ${schools()} OR filed_by = :by`).execute();
    await del(UnitTargetEntity).where('updated_by = :by').execute();
    await del(UnitEntity).where('settings = :mark').execute();
  }

  async maxHazardId(): Promise<number> {
    const r = await this.repo(HazardEntity).createQueryBuilder('h').select('COALESCE(MAX(h.id), 0)', 'm').getRawOne();
    return Number(r?.m ?? 0);
  }

  // ---- progress probes for the benches ----

  hazardCount(): Promise<number> {
    return this.repo(HazardEntity).count();
  }

  inboundCount(): Promise<number> {
    return this.repo(InboundMessageEntity).count();
  }

  /** Recorded messages not yet processed: the backlog a bench waits out. */
  inboundBacklog(): Promise<number> {
    return this.repo(InboundMessageEntity).countBy({ status: In(['received', 'processing']) });
  }

  outboxSent(): Promise<number> {
    return this.repo(OutboxMessageEntity).countBy({ status: 'sent' });
  }
}

export const seed = (db: Db) => new SeedRepository(db);

/**
 * A scratch database on the MySQL/MariaDB server `serverUrl` names (for a bench run); its URL. Throws when the server
 * is not reachable within two seconds.
 */
export async function createScratchDatabase(serverUrl: string, prefix = 'bench'): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const c = await createConnection({ uri: serverUrl, connectTimeout: 2000 });
  try {
    await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  } finally {
    await c.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropScratchDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`not a scratch database: ${name}`);
  const c = await createConnection({ uri: url });
  try {
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await c.end();
  }
}
