import type { FindOptionsWhere } from 'typeorm';
import { AuditLogEntity, type AuditLog } from '../../../entities/audit-log.entity';
import { Room, type Db } from './base';

export type { AuditLog } from '../../../entities/audit-log.entity';

/** The append-only audit log: rows are inserted, never updated or deleted by the product. */
export class AuditRepository extends Room {
  async append(row: Omit<AuditLog, 'id'>): Promise<void> {
    await this.affected(this.em.createQueryBuilder().insert().into(AuditLogEntity).values(row));
  }

  /** Newest first, for support and tests. */
  latest(limit = 50, where: FindOptionsWhere<AuditLog> = {}): Promise<AuditLog[]> {
    return this.repo(AuditLogEntity).find({ where, order: { id: 'DESC' }, take: limit });
  }
}

export const audits = (db: Db) => new AuditRepository(db);
