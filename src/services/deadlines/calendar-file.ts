// Calendar import/export as YAML, so next year's dates (or a district's own extra deadlines) can be
// changed without a release. Errors name the row (1-based item number) and its line, so an admin can fix
// the file; nothing is imported unless every row is valid.
import { isMap, isSeq, LineCounter, parseDocument, stringify, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { DOCUMENT_KINDS, type Deadline, type DocumentKind } from './calendar';

export interface CalendarRowError {
  /** 1-based position in the list; 0 for file-level errors. */
  row: number;
  /** 1-based line in the file, when known. */
  line?: number;
  key?: string;
  field?: string;
  message: string;
}
export type CalendarParseResult = { ok: true; calendar: Deadline[] } | { ok: false; errors: CalendarRowError[] };

const year = z.number({ error: '应为年份数字，例如 2025' }).int().min(2000).max(2100);
const text = z.string({ error: '应为文字' }).trim().min(1, '不能为空');
const RowSchema = z.object({
  key: z.string({ error: '必填' }).regex(/^[a-z0-9][a-z0-9-]*$/, '只能用小写字母、数字和 -'),
  date: z.string({ error: '应为 MM-DD，例如 02-21' }).regex(/^\d{1,2}-\d{1,2}$/, '应为 MM-DD，例如 02-21'),
  first_year: year,
  last_year: year.optional(),
  plan_year: year.optional(),
  kind: z.enum(['filing', 'stage-end'], { error: '应为 filing 或 stage-end' }),
  tracked: z.boolean({ error: '应为 true 或 false' }),
  escalates: z.boolean({ error: '应为 true 或 false' }).default(true),
  alias: text,
  aliases: z.array(text).default([]),
  covers: z
    .enum(['current-year', 'current-quarter', 'previous-quarter', 'previous-year'], { error: '应为 current-year、current-quarter、previous-quarter 或 previous-year' })
    .default('current-year'),
  title: text,
  due: text,
  duties: z
    .array(
      z.object({
        filer: z.enum(['district', 'city_school', 'school', 'city'], { error: '应为 district、city_school、school 或 city' }),
        action: text,
        to: z.string().default(''),
        document: z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]], { error: `应为 ${DOCUMENT_KINDS.join('、')} 之一` }).optional(),
      }),
      { error: '应为列表，每项含 filer、action、to' },
    )
    .min(1, '至少要有一项 duties'),
});
type Row = z.infer<typeof RowSchema>;

/** Problems zod cannot see: real dates, consistency between fields. */
function checkRow(r: Row): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const [m, d] = r.date.split('-').map(Number);
  const probe = new Date(Date.UTC(2025, m - 1, d)); // 2025: not a leap year, so 02-29 (not yearly) is refused
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) out.push({ field: 'date', message: `${r.date} 不是每年都有的日期` });
  if (r.last_year !== undefined && r.last_year < r.first_year) out.push({ field: 'last_year', message: '不能早于 first_year' });
  if (r.kind === 'stage-end' && r.tracked) out.push({ field: 'tracked', message: '阶段结束（stage-end）不需要报送，应为 false' });
  const filers = r.duties.map((x) => x.filer);
  if (new Set(filers).size !== filers.length) out.push({ field: 'duties', message: '同一类单位只能有一项 duty' });
  for (const [field, value] of [['title', r.title], ['due', r.due], ...r.duties.map((x) => ['duties.action', x.action])]) {
    const unknown = (value.match(/\{[^}]*\}/g) ?? []).filter((p) => p !== '{year}' && p !== '{quarter}');
    if (unknown.length) out.push({ field, message: `未知占位符 ${unknown.join(' ')}（只能用 {year} {quarter}）` });
    if (value.includes('{quarter}') && !r.covers.endsWith('-quarter')) out.push({ field, message: '{quarter} 需要 covers: previous-quarter 或 current-quarter' });
  }
  return out;
}

function toDeadline(r: Row): Deadline {
  const [m, d] = r.date.split('-').map(Number);
  const dl: Deadline = {
    key: r.key, monthDay: `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, firstYear: r.first_year,
    planYear: r.plan_year ?? r.first_year, kind: r.kind, tracked: r.tracked, escalates: r.escalates, alias: r.alias, aliases: r.aliases,
    title: r.title, due: r.due, duties: r.duties.map((x) => (x.document ? x : { filer: x.filer, action: x.action, to: x.to })), covers: r.covers,
  };
  if (r.last_year !== undefined) dl.lastYear = r.last_year;
  return dl;
}

/** Accepts a top-level list or `deadlines: [...]`. */
export function parseCalendarYaml(source: string): CalendarParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  if (doc.errors.length) {
    return { ok: false, errors: doc.errors.map((e) => ({ row: 0, line: e.linePos?.[0].line, message: `YAML 格式错误：${e.message.split('\n')[0]}` })) };
  }
  const root = doc.contents;
  const seq = isSeq(root) ? root : isMap(root) ? root.get('deadlines', true) : undefined;
  if (!isSeq(seq)) return { ok: false, errors: [{ row: 0, message: '文件应是一个列表，或包含 deadlines: 列表' }] };

  const errors: CalendarRowError[] = [];
  const calendar: Deadline[] = [];
  const seen = new Map<string, number>();
  seq.items.forEach((item, i) => {
    const row = i + 1;
    const range = (item as YamlNode | null)?.range;
    const line = range ? lines.linePos(range[0]).line : undefined;
    const raw = (item as YamlNode | null)?.toJSON?.() as Record<string, unknown> | undefined;
    const key = typeof raw?.key === 'string' ? raw.key : undefined;
    const parsed = RowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ row, line, key, field: issue.path.join('.') || undefined, message: issue.message });
      }
      return;
    }
    for (const e of checkRow(parsed.data)) errors.push({ row, line, key, ...e });
    const prev = seen.get(parsed.data.key);
    if (prev !== undefined) errors.push({ row, line, key, field: 'key', message: `与第 ${prev} 项重复` });
    seen.set(parsed.data.key, row);
    calendar.push(toDeadline(parsed.data));
  });
  return errors.length ? { ok: false, errors } : { ok: true, calendar };
}

/** One line per error, for CLI output and bot replies. */
export function formatCalendarErrors(errors: CalendarRowError[]): string {
  return errors
    .map((e) => {
      const where = e.row ? `第 ${e.row} 项${e.line ? `（第 ${e.line} 行）` : ''}${e.key ? ` ${e.key}` : ''}` : e.line ? `第 ${e.line} 行` : '文件';
      return `${where}${e.field ? ` ${e.field}` : ''}：${e.message}`;
    })
    .join('\n');
}

export function serializeCalendarYaml(calendar: readonly Deadline[]): string {
  const rows = calendar.map((d) => ({
    key: d.key, date: d.monthDay, first_year: d.firstYear, ...(d.lastYear !== undefined ? { last_year: d.lastYear } : {}), plan_year: d.planYear,
    kind: d.kind, tracked: d.tracked, escalates: d.escalates, alias: d.alias, aliases: d.aliases, covers: d.covers,
    title: d.title, due: d.due, duties: d.duties.map((x) => ({ filer: x.filer, action: x.action, to: x.to, ...(x.document ? { document: x.document } : {}) })),
  }));
  const header = [
    '# 校园安全助手 截止日期（Asia/Shanghai）。date 为 MM-DD，从 first_year 起每年重复，到 last_year 为止（不写 = 常态，每年都有）。',
    '# plan_year：出自哪一年的专项行动方案。escalates: false = 逾期不上报上级（如学校向本校教职员工通报的自评报告）。',
    '# 占位符：{year} 所报期间的年份，{quarter} 第一季度…第四季度。filer: district | city_school | school | city',
    `# document: ${DOCUMENT_KINDS.join(' | ')}`,
  ].join('\n');
  return `${header}\n${stringify({ deadlines: rows }, { lineWidth: 0 })}`;
}
