import { EntitySchema } from 'typeorm';
import { ms, pk, str } from './columns';

/** A body seen under a signed header pair (DingTalk timestamp + sign), kept for the pair's validity window. */
export interface CallbackProof {
  id: number;
  platform: string;
  proof: string;
  bodyHash: string;
  createdAt: number;
}

export const CallbackProofEntity = new EntitySchema<CallbackProof>({
  name: 'CallbackProof',
  tableName: 'callback_proof',
  columns: {
    id: pk,
    platform: str(16),
    proof: str(64),
    bodyHash: { ...str(64), name: 'body_hash' },
    createdAt: { ...ms(), name: 'created_at' },
  },
  uniques: [{ name: 'uq_callback_proof', columns: ['platform', 'proof', 'bodyHash'] }],
  indices: [{ name: 'ix_callback_proof_created', columns: ['createdAt'] }],
});
