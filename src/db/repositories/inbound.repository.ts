import { InboundMessageEntity, type InboundMessage } from '../../../entities/inbound-message.entity';
import { Room, type Db, Statement, claimDue } from './base';

export type { InboundMessage, InboundStatus } from '../../../entities/inbound-message.entity';

export type NewInboundRow = Pick<InboundMessage, 'platform' | 'msgId' | 'chatId' | 'senderId' | 'payload' | 'receivedAt'>;

const RECORD_COLUMNS = ['platform', 'msgId', 'chatId', 'senderId', 'payload', 'receivedAt'] as const;
/** The ack's insert-ignore, built once (it runs on every webhook call). */
const RECORD = new Statement<NewInboundRow & { received: string; zero: number }>([...RECORD_COLUMNS, 'received', 'zero'], (em) =>
  em
    .createQueryBuilder()
    .insert()
    .into(InboundMessageEntity)
    .values({ ...Object.fromEntries(RECORD_COLUMNS.map((c) => [c, () => `:${c}`])), status: () => ':received', attempts: () => ':zero' })
    .orIgnore(),
);

/**
 * Claims up to `limit` received rows for a token, oldest first, in one UPDATE (built once per limit: a worker's
 * every pass runs it; base.ts claimDue).
 */
const CLAIMS = new Map<number, Statement<{ token: string; now: number; received: string; processing: string }>>();
function claimStatement(limit: number) {
  let st = CLAIMS.get(limit);
  if (!st) {
    st = new Statement(['token', 'now', 'received', 'processing'], (em) => {
      const due = em.createQueryBuilder().select('i.id', 'id').from(InboundMessageEntity, 'i').where('i.status = :received').orderBy('i.id', 'ASC').limit(limit);
      return claimDue(em, InboundMessageEntity, 'received', 'processing', due);
    });
    CLAIMS.set(limit, st);
  }
  return st;
}

/** The rows a token holds, in id order; and a processed row marked done. Both run once per message. */
const CLAIMED = new Statement<{ token: string; processing: string }>(['token', 'processing'], (em) =>
  em.createQueryBuilder().select('i.id', 'id').addSelect('i.payload', 'payload').addSelect('i.attempts', 'attempts').addSelect('i.chatId', 'chatId').addSelect('i.senderId', 'senderId')
    .from(InboundMessageEntity, 'i').where('i.claimedBy = :token AND i.status = :processing').orderBy('i.id', 'ASC'),
);
const DONE = new Statement<{ id: number; token: string; now: number; done: string }>(['id', 'token', 'now', 'done'], (em) =>
  em.createQueryBuilder().update(InboundMessageEntity).set({ status: () => ':done', doneAt: () => ':now' }).where('id = :id AND claimed_by = :token'),
);

/**
 * Every genuine inbound message, recorded before the ack. The unique (platform, msg_id) key makes a platform's
 * redelivery a no-op; workers claim rows with a guarded UPDATE under their own token, as the outbox sender does.
 */
export class InboundRepository extends Room {
  /** The ack's one statement: true when this call recorded the message, false for a redelivery. */
  async record(row: NewInboundRow): Promise<boolean> {
    return (await RECORD.run(this.db, { ...row, received: 'received', zero: 0 })).affected > 0;
  }

  /** Claims older than `before` belong to a worker that died: they are taken again. */
  releaseAbandoned(before: number): Promise<number> {
    return this.affected(this.update().set({ status: 'received', claimedBy: null }).where('status = :processing AND claimed_at < :before', { processing: 'processing', before }));
  }

  /** Claims up to `limit` received rows for `token` (claimStatement above). */
  async claim(token: string, now: number, limit: number): Promise<number> {
    return (await claimStatement(limit).run(this.db, { token, now, received: 'received', processing: 'processing' })).affected;
  }

  /** The rows `token` holds, in id order. */
  async claimed(token: string): Promise<Pick<InboundMessage, 'id' | 'payload' | 'attempts' | 'chatId' | 'senderId'>[]> {
    const { rows } = await CLAIMED.run(this.db, { token, processing: 'processing' });
    return rows.map((r) => ({ id: Number(r.id), payload: r.payload, attempts: Number(r.attempts), chatId: r.chatId, senderId: r.senderId }));
  }

  async markDone(id: number, token: string, now: number): Promise<number> {
    return (await DONE.run(this.db, { id, token, now, done: 'done' })).affected;
  }

  /** Processing failed: `received` to be tried again, or `failed` for good. */
  giveBack(id: number, token: string, status: 'received' | 'failed'): Promise<number> {
    return this.affected(this.update().set({ status, claimedBy: null }).where('id = :id AND claimed_by = :token', { id, token }));
  }

  /** Rows still to process (received or being processed), for /metrics. */
  backlog(): Promise<number> {
    return this.qb(InboundMessageEntity, 'i').where('i.status IN (:...open)', { open: ['received', 'processing'] }).getCount();
  }

  /** Retention (src/ops/retention.ts): ids and receive times after `afterId`, in id order. */
  async timesAfter(afterId: number, limit: number): Promise<{ id: number; at: number }[]> {
    const rows = await this.qb(InboundMessageEntity, 'i').select(['i.id', 'i.receivedAt']).where('i.id > :afterId', { afterId }).orderBy('i.id', 'ASC').take(limit).getMany();
    return rows.map((r) => ({ id: r.id, at: r.receivedAt }));
  }

  /** Retention: clears the payloads of processed rows with afterId < id <= upto received before `cutoff`. */
  prunePayloads(afterId: number, upto: number, cutoff: number, pruned: string): Promise<number> {
    return this.affected(
      this.update()
        .set({ payload: pruned })
        .where('id > :afterId AND id <= :upto AND received_at < :cutoff AND status = :done AND payload <> :pruned', { afterId, upto, cutoff, done: 'done', pruned }),
    );
  }

  private update() {
    return this.em.createQueryBuilder().update(InboundMessageEntity);
  }
}

export const inbound = (db: Db) => new InboundRepository(db);
