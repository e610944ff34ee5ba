import { CallbackProofEntity, type CallbackProof } from '../../../entities/callback-proof.entity';
import { Room, type Db, Statement } from './base';

export type { CallbackProof } from '../../../entities/callback-proof.entity';

type ProofKey = { platform: string; proof: string };

// Both run on every DingTalk callback before the ack: built once.
const REMEMBER = new Statement<Omit<CallbackProof, 'id'>>(['platform', 'proof', 'bodyHash', 'createdAt'], (em) =>
  em.createQueryBuilder().insert().into(CallbackProofEntity).values({ platform: () => ':platform', proof: () => ':proof', bodyHash: () => ':bodyHash', createdAt: () => ':createdAt' }).orIgnore(),
);
// An aggregate, not rows: how many bodies the pair has carried and when the first came.
const UNDER = new Statement<ProofKey>(['platform', 'proof'], (em) =>
  em.getRepository(CallbackProofEntity).createQueryBuilder('c').select('COUNT(*)', 'n').addSelect('MIN(c.createdAt)', 'first').where('c.platform = :platform AND c.proof = :proof'),
);

/** Bodies seen under one signed header pair (src/platforms/dingtalk/proof.ts); (platform, proof, body_hash) is unique. */
export class ProofRepository extends Room {
  /** True when this body is new under this pair (this call recorded it); false when it was seen before. */
  async remember(row: Omit<CallbackProof, 'id'>): Promise<boolean> {
    return (await REMEMBER.run(this.db, row)).affected > 0;
  }

  /** How many bodies were recorded under the pair, and when the first of them was. */
  async underProof(platform: string, proof: string): Promise<{ bodies: number; firstAt: number | null }> {
    const [row] = (await UNDER.run(this.db, { platform, proof })).rows;
    return { bodies: Number(row?.n ?? 0), firstAt: row?.first === null || row?.first === undefined ? null : Number(row.first) };
  }

  async forget(platform: string, proof: string, bodyHash: string): Promise<void> {
    await this.affected(this.em.createQueryBuilder().delete().from(CallbackProofEntity).where('platform = :platform AND proof = :proof AND body_hash = :bodyHash', { platform, proof, bodyHash }));
  }

  /** Rows older than any pair that can still be valid. */
  purgeBefore(before: number): Promise<number> {
    return this.affected(this.em.createQueryBuilder().delete().from(CallbackProofEntity).where('created_at < :before', { before }));
  }
}

export const proofs = (db: Db) => new ProofRepository(db);
