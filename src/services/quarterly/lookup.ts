import { FORMS, getField, listFields, suppliedBy } from './catalogue.js';
import { foldName, similarity } from './normalize.js';
import type { FieldDef, FilerRole, FormId } from './types.js';

export interface LookupOptions {
  /** Only this form's fields. */
  formId?: FormId;
  /** When a name fits several fields, prefer the one this filer enters itself. */
  role?: FilerRole;
}

export type FieldLookup =
  | { kind: 'found'; field: FieldDef }
  | { kind: 'ambiguous'; candidates: readonly FieldDef[] }
  | { kind: 'unknown'; suggestions: readonly FieldDef[] };

const FORM_NAME = '(?:附件([3-6])|表([一二三四1-4])|(f[3-6]))';
const FORM_PREFIX = new RegExp(`^${FORM_NAME}[.．:：、\\-_ ]?(.+)$`, 'i');
const FORM_TOKEN = new RegExp(`^${FORM_NAME}$`, 'i');
const TABLE_NUMBER: Record<string, FormId> = { 一: 'f3', 二: 'f4', 三: 'f5', 四: 'f6', 1: 'f3', 2: 'f4', 3: 'f5', 4: 'f6' };

/** Names a user may type for a field, folded: chat and short labels, aliases, the header label and path. */
function namesOf(field: FieldDef): { exact: readonly string[]; all: readonly string[] } {
  const leaf = field.labelPath[field.labelPath.length - 1];
  const exact = [field.short, field.chat, ...field.aliases, field.labelPath.slice(1).join(''), field.labelPath.join('')].map(foldName);
  return { exact, all: [...exact, foldName(leaf)] };
}

const NAMES = new Map<FieldDef, ReturnType<typeof namesOf>>(listFields().map((f) => [f, namesOf(f)]));

function narrow(candidates: readonly FieldDef[], role: FilerRole | undefined): FieldLookup | undefined {
  const unique = [...new Set(candidates)];
  if (unique.length === 1) return { kind: 'found', field: unique[0] };
  if (unique.length === 0) return undefined;
  const own = role ? unique.filter((f) => suppliedBy(f, role)) : [];
  if (own.length === 1) return { kind: 'found', field: own[0] };
  return { kind: 'ambiguous', candidates: unique };
}

const formOf = (m: RegExpExecArray): FormId =>
  m[1] ? (`f${m[1]}` as FormId) : m[2] ? TABLE_NUMBER[m[2]] : (m[3].toLowerCase() as FormId);

/** The form a bare token names (附件6, 表四, f6), for scoping the tokens after it. */
export function formOfToken(token: string): FormId | undefined {
  const m = FORM_TOKEN.exec(token.trim());
  return m ? formOf(m) : undefined;
}

/** Splits a form prefix off a name: 附件6.自查隐患 / 表四 自查隐患 / f6.自查隐患. */
function splitFormPrefix(query: string): { formId?: FormId; rest: string } {
  const m = FORM_PREFIX.exec(query.trim());
  return m ? { formId: formOf(m), rest: m[4] } : { rest: query };
}

/**
 * Resolves what a user typed to a field: the exact key, then an exact label, short label or alias,
 * then a name that contains the query. Several matches are narrowed by the filer's role; otherwise
 * they come back as candidates. Nothing found gives up to three suggestions by likeness.
 */
export function findField(query: string, opts: LookupOptions = {}): FieldLookup {
  const byKey = getField(query.trim()) ?? getField(query.trim().toLowerCase());
  if (byKey && (!opts.formId || byKey.form === opts.formId)) return { kind: 'found', field: byKey };

  const prefixed = splitFormPrefix(query);
  if (prefixed.formId && opts.formId && prefixed.formId !== opts.formId) return { kind: 'unknown', suggestions: [] };
  const formId = prefixed.formId ?? opts.formId;
  const q = foldName(prefixed.formId ? prefixed.rest : query);
  const pool = formId ? FORMS[formId].fields : listFields();
  if (!q) return { kind: 'unknown', suggestions: [] };

  const exact = pool.filter((f) => NAMES.get(f)!.exact.includes(q));
  const leafExact = pool.filter((f) => NAMES.get(f)!.all.includes(q));
  const contains = q.length >= 2 ? pool.filter((f) => NAMES.get(f)!.all.some((n) => n.includes(q))) : [];
  for (const tier of [exact, leafExact, contains]) {
    const hit = narrow(tier, opts.role);
    if (hit) return hit;
  }
  return { kind: 'unknown', suggestions: suggest(q, pool) };
}

function suggest(q: string, pool: readonly FieldDef[]): FieldDef[] {
  const scored = pool
    .map((f) => ({ f, score: Math.max(...NAMES.get(f)!.all.map((n) => similarity(q, n) + (q.includes(n) ? 0.5 : 0))) }))
    .filter((s) => s.score >= 0.25)
    .sort((a, b) => b.score - a.score);
  return scored.slice(0, 3).map((s) => s.f);
}

/** How a candidate is named in a chat reply, typeable as is: 附件6.自查隐患数量. */
export function candidateName(field: FieldDef): string {
  return `${FORMS[field.form].annex}.${field.chat}`;
}
