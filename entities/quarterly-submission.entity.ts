import { EntitySchema } from 'typeorm';
import { int, ms, pk, str } from './columns';

export type SubmissionStatus = 'draft' | 'submitted';

/**
 * A unit's quarterly figures (附件3-6) for one quarter: the lock (status) and a version every write bumps, so
 * "validate, then lock" cannot lock values someone changed in between (migration 0004).
 */
export interface QuarterlySubmission {
  id: number;
  unitId: number;
  /** '2025Q1'. */
  quarter: string;
  status: SubmissionStatus;
  version: number;
  submittedBy: string | null;
  submittedByName: string | null;
  submittedAt: number | null;
  withdrawnBy: string | null;
  withdrawnByName: string | null;
  withdrawnAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export const QuarterlySubmissionEntity = new EntitySchema<QuarterlySubmission>({
  name: 'QuarterlySubmission',
  tableName: 'quarterly_submission',
  columns: {
    id: pk,
    unitId: { ...int(), name: 'unit_id' },
    quarter: str(7),
    status: str(16),
    version: { ...int(), default: 0 },
    submittedBy: { ...str(191, true), name: 'submitted_by' },
    submittedByName: { ...str(100, true), name: 'submitted_by_name' },
    submittedAt: { ...ms(true), name: 'submitted_at' },
    withdrawnBy: { ...str(191, true), name: 'withdrawn_by' },
    withdrawnByName: { ...str(100, true), name: 'withdrawn_by_name' },
    withdrawnAt: { ...ms(true), name: 'withdrawn_at' },
    createdAt: { ...ms(), name: 'created_at' },
    updatedAt: { ...ms(), name: 'updated_at' },
  },
  uniques: [{ name: 'uq_quarterly_submission_unit', columns: ['unitId', 'quarter'] }],
  indices: [{ name: 'ix_quarterly_submission_quarter', columns: ['quarter', 'status'] }],
});
