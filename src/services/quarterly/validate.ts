import { FORM_IDS, cellLabel, cellsSuppliedBy, getField, listCells, parseCellId } from './catalogue.js';
import { MSG } from './messages.js';
import { addValues, isMoney } from './normalize.js';
import { RULES, UNIT_RULES, type Rule } from './rules.js';
import { valueProblem } from './values.js';
import type { CellRef, DimValue, FilerRole, FormId } from './types.js';

export interface ValidationError {
  /** Cell ids the error is about. */
  cells: readonly string[];
  /** Chinese, naming the fields and the rule: 整改隐患数量（12）不能大于自查隐患数量（10）. */
  message: string;
}

export interface SubmissionOptions {
  /** Validate one form; default all four. */
  formId?: FormId;
  /** Cells that must be filled; default the cells this role enters, or every cell when no role is given. */
  required?: readonly string[];
  role?: FilerRole;
}

/** The cell ids a rule covers, once per row dimension the rule's fields share. */
function expand(rule: Rule): string[][] {
  const keys = rule.kind === 'at-most' ? [...rule.parts, rule.total] : [rule.when, rule.then];
  const fields = keys.map((k) => getField(k));
  if (fields.some((f) => !f)) throw new Error(`quarterly rule names an unknown field: ${keys.join(', ')}`);
  const dimmed = fields.filter((f) => f!.dimValues.length);
  if (!dimmed.length) return [keys];
  const dims = dimmed[0]!.dimValues.filter((d) => dimmed.every((f) => f!.dimValues.includes(d)));
  return dims.map((d: DimValue) => keys.map((k, i) => (fields[i]!.dimValues.length ? `${k}@${d}` : k)));
}

const EXPANDED: ReadonlyArray<{ form: FormId; rule: Rule; cells: string[] }> = FORM_IDS.flatMap((form) =>
  RULES[form].flatMap((rule) => expand(rule).map((cells) => ({ form, rule, cells }))),
);

const label = (id: string): string => {
  const cell = parseCellId(id);
  return cell ? cellLabel(cell) : id;
};

/** Cross-checks whose cells are all present; the others wait until the missing side is filled. */
function crossChecks(values: ReadonlyMap<string, number>, formId?: FormId): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const { form, rule, cells } of EXPANDED) {
    if ((formId && form !== formId) || !cells.every((c) => values.has(c))) continue;
    const v = cells.map((c) => values.get(c)!);
    if (rule.kind === 'requires') {
      if (v[0] > 0 && v[1] === 0) errors.push({ cells, message: MSG.requires(label(cells[0]), v[0], label(cells[1])) });
      continue;
    }
    const parts = cells.slice(0, -1);
    const total = v[v.length - 1];
    const sum = addValues(v.slice(0, -1), isMoney(getField(rule.total)!.unit));
    if (sum <= total) continue;
    const message =
      parts.length === 1
        ? MSG.notGreater(label(parts[0]), sum, label(cells[cells.length - 1]), total)
        : MSG.sumNotGreater(parts.map(label), sum, label(cells[cells.length - 1]), total);
    errors.push({ cells, message });
  }
  return errors;
}

/** Unknown cells and values that break the per-value rules (whole, ≥ 0, 万元 to 2 decimals). */
function valueChecks(values: ReadonlyMap<string, number>): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const [id, value] of values) {
    const cell: CellRef | undefined = parseCellId(id);
    if (!cell) {
      errors.push({ cells: [id], message: MSG.unknownCell(id) });
      continue;
    }
    const problem = valueProblem(cellLabel(cell), cell.field.unit, value);
    if (problem) errors.push({ cells: [id], message: problem });
  }
  return errors;
}

/** Who the values are about: a school's (or a 市属学校's) own figures describe one school. */
export interface UnitContext {
  role?: FilerRole;
}

/** The unit-level rules (rules.ts UNIT_RULES) for one school's own figures. */
function unitChecks(values: ReadonlyMap<string, number>, ctx: UnitContext): ValidationError[] {
  if (ctx.role !== 'school' && ctx.role !== 'city-school') return [];
  const errors: ValidationError[] = [];
  for (const rule of UNIT_RULES) {
    if (rule.kind === 'schools-at-most') {
      for (const [id, v] of values) {
        const cell = parseCellId(id);
        if (cell && cell.field.supplier === 'school' && cell.field.unit === rule.unit && v > 1) errors.push({ cells: [id], message: MSG.schoolsAtMost(cellLabel(cell), v) });
      }
      continue;
    }
    const graded = [...values].filter(([id, v]) => v > 0 && rule.graded.includes(parseCellId(id)?.field.key ?? '')).map(([id]) => id);
    if (graded.length && (values.get(rule.selfAssessed) ?? 0) > 0) {
      errors.push({ cells: [...graded, rule.selfAssessed], message: MSG.exclusive(graded.map(label), label(rule.selfAssessed)) });
    }
  }
  return errors;
}

/**
 * Checks a set of values as it is being filled in: each value on its own, and each cross-check
 * whose cells are all present (pass saved values merged with the new ones).
 */
export function validatePartial(values: ReadonlyMap<string, number>, ctx: UnitContext = {}): ValidationError[] {
  return [...valueChecks(values), ...crossChecks(values), ...unitChecks(values, ctx)];
}

/** Checks a whole submission: per-value rules, no blank cell (listed by label), then the cross-checks. */
export function validateSubmission(values: ReadonlyMap<string, number>, opts: SubmissionOptions = {}): ValidationError[] {
  const required = opts.required ?? (opts.role ? cellsSuppliedBy(opts.role, opts.formId) : listCells(opts.formId)).map((c) => c.id);
  const missing = required.filter((id) => !values.has(id));
  const errors = valueChecks(values);
  if (missing.length) errors.push({ cells: missing, message: MSG.missing(missing.map(label)) });
  return [...errors, ...crossChecks(values, opts.formId), ...unitChecks(values, { role: opts.role })];
}
