import { FORMS, cellId, cellLabel, suppliedBy } from './catalogue.js';
import { candidateName, findField, formOfToken, type LookupOptions } from './lookup.js';
import { MSG } from './messages.js';
import { parseValue } from './values.js';
import type { DimValue, FieldDef } from './types.js';

export interface ParsedValue {
  /** Cell id, e.g. `f3.grade_level1@国标`. */
  cell: string;
  field: FieldDef;
  dim?: DimValue;
  value: number;
  token: string;
}

export interface TokenError {
  token: string;
  message: string;
  /** Chat labels to offer instead (unknown or ambiguous names). */
  suggestions: readonly string[];
}

export interface ParseResult {
  values: readonly ParsedValue[];
  errors: readonly TokenError[];
}

const DIM_WORDS: Record<string, DimValue> = {
  国标: '国标', 国家标准: '国标', 省标: '省标', 省级标准: '省标', 地标: '地标', 地方标准: '地标', 市标: '地标',
  市级: '市级', 市: '市级', 县级: '县级', 县: '县级', 区级: '县级', 县区级: '县级', 乡级: '乡级', 乡: '乡级', 镇: '乡级', 乡镇: '乡级', 乡镇级: '乡级',
};

/** Splits `一级企业@国标` or `一级企业（国标）` into name and dimension word. */
function splitDim(name: string): { name: string; dimWord?: string } {
  const at = name.search(/[@＠]/);
  if (at >= 0) return { name: name.slice(0, at), dimWord: name.slice(at + 1) };
  const m = /^(.+)[（(]([^（()）]+)[)）]$/.exec(name);
  if (m && DIM_WORDS[m[2]]) return { name: m[1], dimWord: m[2] };
  return { name };
}

/** Splits on spaces, commas, 、 and semicolons, except inside brackets (十佳乡镇（街道、园区）案例). */
function tokenize(input: string): string[] {
  // Whitespace runs are collapsed first: `\s*=` over a long run without `=` would rescan it from every position.
  const text = input.replace(/\s+/g, ' ').replace(/ ?[=＝] ?/g, '=').replace(/ ?[:：] ?/g, ':');
  const tokens: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '（') depth += 1;
    if ((ch === ')' || ch === '）') && depth > 0) depth -= 1;
    if (depth === 0 && /[\s,，;；、]/.test(ch)) {
      if (current) tokens.push(current);
      current = '';
    } else current += ch;
  }
  if (current) tokens.push(current);
  return tokens;
}

function splitAssignment(token: string): { name: string; raw: string } | undefined {
  const eq = token.indexOf('=');
  const at = eq >= 0 ? eq : token.lastIndexOf(':');
  return at < 0 ? undefined : { name: token.slice(0, at), raw: token.slice(at + 1) };
}

function names(fields: readonly FieldDef[]): string[] {
  const manyForms = new Set(fields.map((f) => f.form)).size > 1;
  return fields.map((f) => (manyForms ? candidateName(f) : f.chat));
}

/** The field in the same columns that has a cell in this row (附件3 地标 → 达标评审（不分级）). */
function sameColumnsHint(field: FieldDef, dim: DimValue): string | undefined {
  const other = FORMS[field.form].fields.find(
    (f) => f !== field && f.dimValues.includes(dim) && f.columns[0] <= field.columns[1] && field.columns[0] <= f.columns[1],
  );
  return other && `${other.chat}@${dim}`;
}

/** Resolves one `名称=数字` token to a cell and value, or explains what to type instead. */
function parseToken(token: string, opts: LookupOptions): ParsedValue | TokenError {
  const fail = (message: string, suggestions: readonly string[] = []): TokenError => ({ token, message, suggestions });
  const parts = splitAssignment(token);
  if (!parts) return fail(MSG.noValue(token));
  if (!parts.name) return fail(MSG.noName(token));
  if (!parts.raw) return fail(MSG.noValue(token));
  const { name, dimWord } = splitDim(parts.name);
  const found = findField(name, opts);
  if (found.kind === 'unknown') {
    const suggestions = names(found.suggestions);
    return fail(MSG.unknownField(name, suggestions), suggestions);
  }
  if (found.kind === 'ambiguous') {
    const candidates = names(found.candidates);
    return fail(MSG.ambiguous(name, candidates), candidates);
  }
  const field = found.field;
  let dim: DimValue | undefined;
  if (dimWord !== undefined) {
    if (!field.dimValues.length) return fail(MSG.noDim(field.chat, dimWord));
    dim = DIM_WORDS[dimWord.trim()];
    if (!dim || !field.dimValues.includes(dim)) {
      return fail(MSG.badDim(field.chat, dimWord, field.dimValues, dim && sameColumnsHint(field, dim)));
    }
  } else if (field.dimValues.length) {
    return fail(MSG.needDim(field.chat, field.dim, `${field.chat}@${field.dimValues[0]}=数字`, field.dimValues));
  }
  const cell = { id: cellId(field, dim), field, dim };
  const label = cellLabel(cell);
  if (opts.role && !suppliedBy(field, opts.role)) return fail(MSG.notYours(label, field.supplier));
  const parsed = parseValue(label, field.unit, parts.raw);
  if ('error' in parsed) return fail(parsed.error);
  return { cell: cell.id, field, dim, value: parsed.value, token };
}

/**
 * Parses a chat argument such as `自查隐患数量=12 整改隐患=10 罚款金额=1.5 一级企业@国标=2`.
 * Tokens are split on spaces, commas and 、；; each gives a value or an error of its own. A bare
 * form name (附件6, 表四, f6) scopes the tokens after it: `附件6 自查隐患数量=3 罚款金额=0.5`.
 */
export function parseAssignments(input: string, opts: LookupOptions = {}): ParseResult {
  const values: ParsedValue[] = [];
  const errors: TokenError[] = [];
  const tokens = tokenize(input);
  if (!tokens.length) return { values, errors: [{ token: '', message: MSG.emptyInput(), suggestions: [] }] };
  let scope = opts;
  for (const token of tokens) {
    const formId = formOfToken(token);
    if (formId && (!opts.formId || opts.formId === formId)) {
      scope = { ...opts, formId };
      continue;
    }
    const result = parseToken(token, scope);
    if ('message' in result) {
      errors.push(result);
      continue;
    }
    const earlier = values.find((v) => v.cell === result.cell);
    if (earlier) {
      errors.push({ token, message: MSG.duplicate(cellLabel({ id: result.cell, field: result.field, dim: result.dim }), earlier.token, token), suggestions: [] });
      continue;
    }
    values.push(result);
  }
  return { values, errors };
}
