import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';

/** Lists stored as JSON text. */
const json = { to: (v: unknown) => (v === undefined ? v : JSON.stringify(v)), from: (v: string | null) => (v === null || v === undefined ? v : JSON.parse(v)) };
/** 0/1 integers read as booleans (the defaults stay the columns' own). */
const flag = { to: (v: boolean | undefined) => (v === undefined ? v : v ? 1 : 0), from: (v: number | string) => Number(v) === 1 };

/** Who files what, to whom (services/deadlines/calendar.ts `Duty`). */
export interface DeadlineDutyRow {
  filer: string;
  action: string;
  to: string;
  document?: string;
}

/**
 * One yearly deadline of the programme calendar (see src/services/deadlines/calendar.ts for the meaning of each
 * field). Lists are JSON text, read as lists: `aliases` (words for /已报送) and `duties` ({filer, action, to, document}: who
 * files what, to whom).
 */
export interface DeadlineRow {
  id: number;
  key: string;
  monthDay: string;
  firstYear: number;
  lastYear: number | null;
  /** The plan (专项行动方案) year the deadline comes from (migration 0010). */
  planYear: number | null;
  kind: 'filing' | 'stage-end';
  tracked: boolean;
  /** Late filers are reported to the unit above; false: not (a school's 自评报告 goes to its own staff). */
  escalates: boolean;
  alias: string;
  aliases: string[];
  covers: string;
  title: string;
  due: string;
  duties: DeadlineDutyRow[];
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
    planYear: { ...int(true), name: 'plan_year' },
    kind: str(16),
    tracked: { ...int(), default: 0, transformer: flag },
    escalates: { ...int(), default: 1, transformer: flag },
    alias: str(32),
    aliases: { ...text(false), transformer: json },
    covers: str(32),
    title: str(200),
    due: text(false),
    duties: { ...text(false), transformer: json },
    createdAt: { ...ms(), name: 'created_at' },
    updatedAt: { ...ms(), name: 'updated_at' },
    updatedBy: { ...str(191, true), name: 'updated_by' },
  },
});
