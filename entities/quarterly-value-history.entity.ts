import { EntitySchema } from 'typeorm';
import { int, ms, pk, str } from './columns';

/** Append-only: one row per changed cell of a submission, old and new value in hundredths (migration 0004). */
export interface QuarterlyValueHistory {
  id: number;
  submissionId: number;
  cell: string;
  oldCents: number | null;
  newCents: number | null;
  actor: string;
  actorName: string;
  /** 'chat' | 'proposal' | 'zero-fill'. */
  source: string;
  sourceMsg: string | null;
  at: number;
}

export const QuarterlyValueHistoryEntity = new EntitySchema<QuarterlyValueHistory>({
  name: 'QuarterlyValueHistory',
  tableName: 'quarterly_value_history',
  columns: {
    id: pk,
    submissionId: { ...int(), name: 'submission_id' },
    cell: str(64),
    oldCents: { ...ms(true), name: 'old_cents' },
    newCents: { ...ms(true), name: 'new_cents' },
    actor: str(191),
    actorName: { ...str(100), name: 'actor_name' },
    source: str(16),
    sourceMsg: { ...str(191, true), name: 'source_msg' },
    at: ms(),
  },
  indices: [{ name: 'ix_quarterly_history_submission', columns: ['submissionId', 'at'] }],
});
