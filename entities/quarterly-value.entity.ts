import { EntitySchema } from 'typeorm';
import { int, ms, pk, str } from './columns';

/** One cell of a submission, in integer hundredths (1.5 万元 → 150, 12 条 → 1200) in a BIGINT (migration 0004). */
export interface QuarterlyValue {
  id: number;
  submissionId: number;
  cell: string;
  valueCents: number;
  updatedBy: string;
  updatedAt: number;
}

export const QuarterlyValueEntity = new EntitySchema<QuarterlyValue>({
  name: 'QuarterlyValue',
  tableName: 'quarterly_value',
  columns: {
    id: pk,
    submissionId: { ...int(), name: 'submission_id' },
    cell: str(64),
    valueCents: { ...ms(), name: 'value_cents' },
    updatedBy: { ...str(191), name: 'updated_by' },
    updatedAt: { ...ms(), name: 'updated_at' },
  },
  uniques: [{ name: 'uq_quarterly_value_cell', columns: ['submissionId', 'cell'] }],
});
