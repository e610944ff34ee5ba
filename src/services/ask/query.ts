// The one query structure a question becomes, whether the local parser or a model read it. It is data, not SQL:
// every slot is a closed set (or a unit name resolved against the directory), and the executor alone decides
// what is read and whose hazards count.
import { z } from 'zod';
import { AREA_CODES } from '../checklist/types';
import { itemCodesOf } from './items';
import { sameRangeKey } from './periods';
import { PERSON_NAME } from './people-titles';

export { PERSON_NAME, PERSON_TITLES } from './people-titles';

export const MEASURES = ['count', 'list', 'ranking', 'closure_rate', 'time_to_close', 'filing_status', 'progress'] as const;
export const STATUSES = ['open', 'pending_confirm', 'rectifying', 'pending_verify', 'closed', 'rejected'] as const;
export const GROUPS = ['unit', 'area', 'colour', 'week', 'month'] as const;
export const COLOURS = ['red', 'orange', 'yellow', 'blue'] as const;
export const DOCUMENTS = ['方案', '承诺书', '自评报告', '季报', '年报'] as const;

/** today · yesterday · this_/last_ week|month|quarter|year · 2026-03 · 2026-Q2 · 2025. */
export const PERIOD_PATTERN = /^(today|yesterday|(this|last)_(week|month|quarter|year)|\d{4}-(0[1-9]|1[0-2])|\d{4}-Q[1-4]|\d{4})$/;

const person = z.string().trim().regex(PERSON_NAME).nullable().optional();
/** Several units in one question: full names, 2 to 20 of them, none twice. */
const unitSet = z.array(z.string().trim().min(1).max(100)).min(2).max(20).refine((l) => new Set(l).size === l.length, 'a unit twice').nullable().optional();

export const askQuerySchema = z.object({
  measure: z.enum(MEASURES),
  /** A unit's full name (泉州市丰泽区东海中学, 丰泽区教育局); null = the asker's own scope. */
  unit: z.string().trim().min(1).max(100).nullable(),
  period: z.string().regex(PERIOD_PATTERN).nullable(),
  area: z.enum(AREA_CODES).nullable(),
  colour: z.enum(COLOURS).nullable(),
  status: z.enum(STATUSES).nullable(),
  overdue: z.literal(true).nullable(),
  major: z.literal(true).nullable(),
  groupBy: z.enum(GROUPS).nullable(),
  compare: z.literal('previous').nullable(),
  top: z.number().int().min(1).max(50).nullable(),
  document: z.enum(DOCUMENTS).nullable(),
  /** With groupBy unit: schools or districts ("哪些学校" asked by the city); null = the scope's children. */
  level: z.enum(['school', 'district']).nullable().optional(),
  /** A checklist thing as said (灭火器过期, 电动车进楼): valid only when it means at least one catalogue item. */
  item: z.string().trim().min(2).max(20).refine((t) => itemCodesOf(t).length > 0, 'names no checklist item').nullable().optional(),
  /** Who reported it (李老师报的). */
  reporter: person,
  /** Who owns the rectification (赵师傅负责整改的). */
  responsible: person,
  /** Several named units (丰泽区和鲤城区): each within the asker's scope; unit is then null. */
  units: unitSet,
}).strict();

export type AskQuery = z.infer<typeof askQuerySchema>;
export type Measure = AskQuery['measure'];
/** The slots the labelled sets score (level is ours: how a city's unit grouping reads). */
export const SLOTS = ['measure', 'unit', 'period', 'area', 'colour', 'status', 'overdue', 'major', 'groupBy', 'compare', 'top', 'document'] as const;
/** Slots added with ask.v2: scored on a labelled row only when the row carries them (older sets predate them). */
export const EXTRA_SLOTS = ['item', 'reporter', 'responsible', 'units'] as const;

/**
 * One meaning, one form: slots the measure never reads are cleared. A filing question always answers per unit
 * (who has and has not handed in), whatever grouping the words suggest, and reads no hazard status; a progress
 * question lists hazards one by one. Overdue hazards are open ones (overdue = 待确认/整改中 past the deadline), so
 * 「逾期没整改的」 with status open selects what overdue alone selects; only a by-week or by-month series reads the
 * status again (no closures bar beside an open series), so there the two stay apart. The parser, the model path
 * and the scorer all compare this form.
 *
 * With `now` (the scorer), a dated period that runs the same range as a relative one is that one (sameRangeKey):
 * 「2026年」 and 「今年」 ask the same on 2026-12-03. The parser keeps the words' own key, for the answer's label.
 */
export function canonical<T extends AskQuery | null>(q: T, now?: number): T {
  if (!q) return q;
  const out = { ...q };
  if (out.measure === 'filing_status') Object.assign(out, { groupBy: null, status: null, level: null });
  if (out.measure === 'progress') Object.assign(out, { groupBy: null, status: null });
  if (out.overdue && out.status === 'open' && out.groupBy !== 'week' && out.groupBy !== 'month') out.status = null;
  if (now !== undefined && out.period) out.period = sameRangeKey(out.period, now);
  return out;
}

export function emptyQuery(): AskQuery {
  return { measure: 'count', unit: null, period: null, area: null, colour: null, status: null, overdue: null, major: null, groupBy: null, compare: null, top: null, document: null, item: null, reporter: null, responsible: null, units: null };
}

/** The JSON schema a model is held to (OpenAI structured output: every key required, nulls allowed). */
export function askJsonSchema(): Record<string, unknown> {
  const n = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
  const properties = {
    measure: { type: 'string', enum: [...MEASURES] },
    unit: n({ type: 'string' }),
    period: n({ type: 'string' }),
    area: n({ type: 'string', enum: [...AREA_CODES] }),
    colour: n({ type: 'string', enum: [...COLOURS] }),
    status: n({ type: 'string', enum: [...STATUSES] }),
    overdue: n({ type: 'boolean', enum: [true] }),
    major: n({ type: 'boolean', enum: [true] }),
    groupBy: n({ type: 'string', enum: [...GROUPS] }),
    compare: n({ type: 'string', enum: ['previous'] }),
    top: n({ type: 'integer' }),
    document: n({ type: 'string', enum: [...DOCUMENTS] }),
    level: n({ type: 'string', enum: ['school', 'district'] }),
    item: n({ type: 'string' }),
    reporter: n({ type: 'string' }),
    responsible: n({ type: 'string' }),
    units: n({ type: 'array', items: { type: 'string' } }),
  };
  const query = { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
  return {
    type: 'object', additionalProperties: false, required: ['question', 'query'],
    properties: { question: { type: 'boolean' }, query: n(query) },
  };
}
