import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';

/**
 * One yearly deadline of the programme calendar (see src/services/deadlines/calendar.ts for the meaning of each
 * field). Lists are JSON text: `aliases` (words for /已报送) and `duties` ({filer, action, to}: who files what, to whom).
 */
export interface DeadlineRow {
  id: number;
  key: string;
  monthDay: string;
  firstYear: number;
  lastYear: number | null;
  kind: 'filing' | 'stage-end';
  tracked: number;
  alias: string;
  aliases: string;
  covers: string;
  title: string;
  due: string;
  duties: string;
  createdAt: number;
  updatedAt: number;
  updatedBy: string | null;
}

export const DeadlineEntity = new EntitySchema<DeadlineRow>({
  name: 'Deadline',
  tableName: 'deadline',
  columns: {
    id: pk,
    key: { ...str(64), name: 'deadline_key', unique: true },
    monthDay: { ...str(5), name: 'month_day' },
    firstYear: { ...int(), name: 'first_year' },
    lastYear: { ...int(true), name: 'last_year' },
    kind: str(16),
    tracked: { ...int(), default: 0 },
    alias: str(32),
    aliases: text(false),
    covers: str(32),
    title: str(200),
    due: text(false),
    duties: text(false),
    createdAt: { ...ms(), name: 'created_at' },
    updatedAt: { ...ms(), name: 'updated_at' },
    updatedBy: { ...str(191, true), name: 'updated_by' },
  },
});
