import { EntitySchema } from 'typeorm';
import { int, ms, pk, str } from './columns';

/** A unit has filed one occurrence of a deadline; an undo sets undoneAt (the row stays, so the history does). */
export interface Filing {
  id: number;
  unitId: number;
  deadlineKey: string;
  /** Due day of the occurrence, YYYY-MM-DD (Asia/Shanghai). */
  occurrence: string;
  filedBy: string;
  filedAt: number;
  undoneAt: number | null;
  undoneBy: string | null;
}

export const FilingEntity = new EntitySchema<Filing>({
  name: 'Filing',
  tableName: 'filing',
  columns: {
    id: pk,
    unitId: { ...int(), name: 'unit_id' },
    deadlineKey: { ...str(64), name: 'deadline_key' },
    occurrence: str(10),
    filedBy: { ...str(191), name: 'filed_by' },
    filedAt: { ...ms(), name: 'filed_at' },
    undoneAt: { ...ms(true), name: 'undone_at' },
    undoneBy: { ...str(191, true), name: 'undone_by' },
  },
  uniques: [{ name: 'uq_filing_unit_occurrence', columns: ['unitId', 'deadlineKey', 'occurrence'] }],
  indices: [{ name: 'ix_filing_occurrence', columns: ['deadlineKey', 'occurrence'] }],
});
