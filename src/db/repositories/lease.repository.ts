import { ConnectionLeaseEntity, type ConnectionLease } from '../../../entities/connection-lease.entity';
import { Room, type Db } from './base';

export type { ConnectionLease } from '../../../entities/connection-lease.entity';

/**
 * Who holds each long connection. Every write is a claim: insert-ignore for a lease nobody had, and guarded
 * UPDATEs (expired, or still ours) whose affected count says whether this instance holds it.
 */
export class LeaseRepository extends Room {
  /** True when this instance now holds `name`: a first claim, or a takeover of an expired lease. */
  async tryAcquire(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    if (await this.insertIgnore(ConnectionLeaseEntity, { name, holder, acquiredAt: now, expiresAt: now + ttlMs })) return true;
    const taken = this.update().set({ holder, acquiredAt: now, expiresAt: now + ttlMs }).where('name = :name AND expires_at < :now', { name, now });
    return (await this.affected(taken)) === 1;
  }

  /** Extends a lease this holder still has; false when another instance took it over. */
  async renew(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    return (await this.affected(this.update().set({ expiresAt: now + ttlMs }).where('name = :name AND holder = :holder', { name, holder }))) === 1;
  }

  /** Lets go at once, so another instance takes over on its next poll. */
  async release(name: string, holder: string): Promise<void> {
    await this.affected(this.update().set({ expiresAt: 0 }).where('name = :name AND holder = :holder', { name, holder }));
  }

  find(name: string): Promise<ConnectionLease | null> {
    return this.repo(ConnectionLeaseEntity).findOneBy({ name });
  }

  private update() {
    return this.em.createQueryBuilder().update(ConnectionLeaseEntity);
  }
}

export const leases = (db: Db) => new LeaseRepository(db);
