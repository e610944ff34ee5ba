import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { OutboxMessageEntity, type OutboxMessage } from '../../../entities/outbox-message.entity';
import { Room, type Db, Statement, claimDue } from './base';

export type { OutboxMessage, OutboxStatus } from '../../../entities/outbox-message.entity';

/** A new row: the claim is its unique dedupe key. */
export type NewOutboxRow = Pick<OutboxMessage, 'dedupeKey' | 'kind' | 'groupId' | 'route' | 'body' | 'robotKey' | 'urgent' | 'afterKey' | 'notBefore' | 'createdAt'>;

/** How a claimed row is handed back to `pending`: when it is due, and whether this attempt is given back. */
export interface HandBack {
  notBefore: number;
  /** The attempt did not count (rate slot, socket elsewhere, lockout). */
  refund?: boolean;
  lastError?: string;
  /** The route to use next (a spent reply channel rerouted). */
  route?: string;
}

// The two settlements nearly every row ends with (sent; handed back for its robot's next slot), built once.
const SENT = new Statement<{ id: number; token: string; now: number; sent: string }>(['id', 'token', 'now', 'sent'], (em) =>
  em.createQueryBuilder().update(OutboxMessageEntity).set({ status: () => ':sent', sentAt: () => ':now', lastError: () => 'NULL' }).where('id = :id AND claimed_by = :token'),
);
const WAIT = new Statement<{ id: number; token: string; notBefore: number; pending: string }>(['id', 'token', 'notBefore', 'pending'], (em) =>
  em
    .createQueryBuilder()
    .update(OutboxMessageEntity)
    .set({ status: () => ':pending', claimedBy: () => 'NULL', attempts: () => 'attempts - 1', notBefore: () => ':notBefore' })
    .where('id = :id AND claimed_by = :token'),
);

/** The sender's claim (see claimDue), built once per batch size: every pass of every sender runs it. */
const CLAIMS = new Map<number, Statement<{ token: string; now: number; pending: string; sending: string }>>();
function claimDueStatement(batch: number) {
  let st = CLAIMS.get(batch);
  if (!st) {
    st = new Statement(['token', 'now', 'pending', 'sending'], (em) => {
      const due = em
        .createQueryBuilder()
        .select('o.id', 'id')
        .from(OutboxMessageEntity, 'o')
        .where('o.status = :pending')
        .andWhere('o.notBefore <= :now')
        .andWhere(
          new Brackets((w) =>
            w.where('o.afterKey IS NULL').orWhere((qb: SelectQueryBuilder<OutboxMessage>) => {
              const before = qb.subQuery().select('1').from(OutboxMessageEntity, 'p').where('p.dedupeKey = o.afterKey').andWhere('p.status IN (:pending, :sending)').getQuery();
              return `NOT EXISTS ${before}`;
            }),
          ),
        )
        .orderBy('o.urgent', 'DESC')
        .addOrderBy('o.notBefore', 'ASC')
        .addOrderBy('o.id', 'ASC')
        .limit(batch);
      return claimDue(em, OutboxMessageEntity, 'pending', 'sending', due);
    });
    CLAIMS.set(batch, st);
  }
  return st;
}
const CLAIMED = new Statement<{ token: string; sending: string }>(['token', 'sending'], (em) =>
  em.getRepository(OutboxMessageEntity).createQueryBuilder('o').where('o.claimedBy = :token AND o.status = :sending').orderBy('o.id', 'ASC'),
);

/**
 * The outbox: one row per platform message, sent exactly once. A sender claims due rows with one guarded UPDATE
 * under its own token and settles each with `WHERE id = ? AND claimed_by = ?`, so two instances never send a row
 * twice and a crashed sender's claim is taken back after the lease.
 */
export class OutboxRepository extends Room {
  /** Inserts the row unless its dedupe key exists; true when this call created it. */
  enqueue(row: NewOutboxRow): Promise<boolean> {
    return this.insertIgnore(OutboxMessageEntity, { ...row, status: 'pending', attempts: 0 });
  }

  /** A pending row deliberately not sent (a reminder missed by more than 12 hours). */
  async skipPending(dedupeKey: string, reason: string): Promise<number> {
    return this.affected(this.update().set({ status: 'skipped', lastError: reason }).where('dedupe_key = :dedupeKey AND status = :pending', { dedupeKey, pending: 'pending' }));
  }

  /** Claims older than `before` belong to a sender that died: they become due again. */
  releaseAbandoned(before: number): Promise<number> {
    return this.affected(this.update().set({ status: 'pending', claimedBy: null }).where('status = :sending AND claimed_at < :before', { sending: 'sending', before }));
  }

  /**
   * Claims up to `batch` due rows for `token` (urgent first, then by due time): one UPDATE, whichever instance runs
   * it. A picture waits until the row before it (its text) is no longer pending or being sent. The id list sits in a
   * derived table, as MariaDB neither takes LIMIT in an IN subquery nor reads the table it updates.
   */
  async claimDue(token: string, now: number, batch: number): Promise<number> {
    return (await claimDueStatement(batch).run(this.db, { token, now, pending: 'pending', sending: 'sending' })).affected;
  }

  /** The rows `token` holds, in id order. */
  claimed(token: string): Promise<OutboxMessage[]> {
    return CLAIMED.entities<OutboxMessage>(this.db, { token, sending: 'sending' }, OutboxMessageEntity, 'o');
  }

  /** Back to pending, due at `notBefore`; only while `token` still holds the row. */
  async handBack(id: number, token: string, h: HandBack): Promise<number> {
    if (h.refund && h.lastError === undefined && h.route === undefined) return (await WAIT.run(this.db, { id, token, notBefore: h.notBefore, pending: 'pending' })).affected;
    const set: Record<string, unknown> = { status: 'pending', claimedBy: null, notBefore: h.notBefore };
    if (h.refund) set.attempts = () => 'attempts - 1';
    if (h.lastError !== undefined) set.lastError = h.lastError;
    if (h.route !== undefined) set.route = h.route;
    return this.affected(this.update().set(set).where('id = :id AND claimed_by = :token', { id, token }));
  }

  async markSent(id: number, token: string, now: number): Promise<number> {
    return (await SENT.run(this.db, { id, token, now, sent: 'sent' })).affected;
  }

  markSkipped(id: number, token: string, reason: string): Promise<number> {
    return this.settle(id, token, { status: 'skipped', lastError: reason });
  }

  markFailed(id: number, token: string, error: string): Promise<number> {
    return this.settle(id, token, { status: 'failed', lastError: error });
  }

  /** The long connection came back: replies that failed for want of it are due now, not after their back-off. */
  wakeNotConnected(now: number): Promise<number> {
    return this.affected(this.update().set({ notBefore: now }).where('status = :pending AND last_error LIKE :prefix', { pending: 'pending', prefix: 'NOT_CONNECTED:%' }));
  }

  /** Rows still to go (pending or being sent), for /metrics. */
  backlog(): Promise<number> {
    return this.repo(OutboxMessageEntity).createQueryBuilder('o').where('o.status IN (:...open)', { open: ['pending', 'sending'] }).getCount();
  }

  /** Retention (src/ops/retention.ts): ids and creation times after `afterId`, in id order. */
  async timesAfter(afterId: number, limit: number): Promise<{ id: number; at: number }[]> {
    const rows = await this.qb(OutboxMessageEntity, 'o').select(['o.id', 'o.createdAt']).where('o.id > :afterId', { afterId }).orderBy('o.id', 'ASC').take(limit).getMany();
    return rows.map((r) => ({ id: r.id, at: r.createdAt }));
  }

  /** Retention: clears the bodies of sent rows with afterId < id <= upto created before `cutoff`. */
  pruneBodies(afterId: number, upto: number, cutoff: number, pruned: string): Promise<number> {
    return this.affected(
      this.update()
        .set({ body: pruned })
        .where('id > :afterId AND id <= :upto AND created_at < :cutoff AND status = :sent AND body <> :pruned', { afterId, upto, cutoff, sent: 'sent', pruned }),
    );
  }

  private settle(id: number, token: string, set: Partial<OutboxMessage>): Promise<number> {
    return this.affected(this.update().set(set).where('id = :id AND claimed_by = :token', { id, token }));
  }

  private update() {
    return this.em.createQueryBuilder().update(OutboxMessageEntity);
  }
}

export const outbox = (db: Db) => new OutboxRepository(db);
