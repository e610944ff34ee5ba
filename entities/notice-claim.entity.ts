import { EntitySchema } from 'typeorm';
import { int, ms, pk, str } from './columns';

/** One overdue notice owed to a group (hazard × level × day); a digest message takes every open claim of its group. */
export interface NoticeClaim {
  id: number;
  claimKey: string;
  groupId: number;
  hazardId: number;
  level: string;
  createdAt: number;
  digestKey: string | null;
}

export const NoticeClaimEntity = new EntitySchema<NoticeClaim>({
  name: 'NoticeClaim',
  tableName: 'notice_claim',
  columns: {
    id: pk,
    claimKey: { ...str(191), name: 'claim_key', unique: true },
    groupId: { ...int(), name: 'group_id' },
    hazardId: { ...int(), name: 'hazard_id' },
    level: str(16),
    createdAt: { ...ms(), name: 'created_at' },
    digestKey: { ...str(191, true), name: 'digest_key' },
  },
  indices: [{ name: 'ix_notice_claim_pending', columns: ['digestKey', 'groupId'] }],
});
