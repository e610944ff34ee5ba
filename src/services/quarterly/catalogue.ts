import { F3 } from './forms/f3.js';
import { F4 } from './forms/f4.js';
import { F5 } from './forms/f5.js';
import { F6 } from './forms/f6.js';
import { headerGrid } from './header-grid.js';
import { GRADE_VALUES, LEVEL_VALUES } from './types.js';
import type { CellRef, DimValue, FieldDef, FieldSpec, FilerRole, FormDef, FormId, FormSpec } from './types.js';

export const FORM_IDS: readonly FormId[] = ['f3', 'f4', 'f5', 'f6'];

function compileField(spec: FormSpec, formDims: readonly DimValue[], f: FieldSpec, path: readonly string[], columns: [number, number]): FieldDef {
  const { chat, aliases, dimValues: ownDims, perDim, ...rest } = f;
  const dimValues = formDims.length && perDim !== false ? (ownDims ?? formDims) : [];
  return {
    ...rest,
    form: spec.id,
    labelPath: path,
    chat: chat ?? (spec.schoolReading ? f.short.replace(/企业/g, '学校') : f.short),
    aliases: aliases ?? [],
    dim: dimValues.length ? spec.dim : 'none',
    dimValues,
    columns,
  };
}

function compileForm(spec: FormSpec): FormDef {
  const dimValues = spec.dim === 'grade' ? GRADE_VALUES : spec.dim === 'level' ? LEVEL_VALUES : [];
  const grid = headerGrid(spec.header);
  const fields: FieldDef[] = [];
  for (const cell of grid.cells) {
    const { field, spanField } = cell.node;
    if (field) fields.push(compileField(spec, dimValues, field, cell.path, [cell.col, cell.colEnd]));
    if (spanField) fields.push(compileField(spec, dimValues, spanField, cell.path, [cell.col, cell.colEnd]));
  }
  fields.sort((a, b) => a.columns[0] - b.columns[0] || a.columns[1] - b.columns[1]);
  return { ...spec, dimValues, fields, columnCount: grid.columnCount, headerDepth: grid.depth };
}

export const FORMS: Readonly<Record<FormId, FormDef>> = {
  f3: compileForm(F3),
  f4: compileForm(F4),
  f5: compileForm(F5),
  f6: compileForm(F6),
};

const FIELD_BY_KEY = new Map<string, FieldDef>(FORM_IDS.flatMap((id) => FORMS[id].fields.map((f) => [f.key, f] as const)));

export function isFormId(value: string): value is FormId {
  return (FORM_IDS as readonly string[]).includes(value);
}

/** Every field, in sheet column order, of one form or of all four. */
export function listFields(formId?: FormId): readonly FieldDef[] {
  return formId ? FORMS[formId].fields : FORM_IDS.flatMap((id) => FORMS[id].fields);
}

export function getField(key: string): FieldDef | undefined {
  return FIELD_BY_KEY.get(key);
}

export function cellId(field: FieldDef, dim?: DimValue): string {
  return dim ? `${field.key}@${dim}` : field.key;
}

/** Resolves `f3.grade_level1@国标`; undefined when the key is unknown or the dim does not fit the field. */
export function parseCellId(id: string): CellRef | undefined {
  const [key, dim, extra] = id.split('@');
  const field = getField(key);
  if (!field || extra !== undefined) return undefined;
  if (!field.dimValues.length) return dim === undefined ? { id, field } : undefined;
  if (!field.dimValues.includes(dim as DimValue)) return undefined;
  return { id, field, dim: dim as DimValue };
}

/**
 * Every cell of a unit's block, in the order the sheet reads: the first row of the block left to right
 * (unit-level cells included), then each further dimension row.
 */
export function listCells(formId?: FormId): readonly CellRef[] {
  if (!formId) return FORM_IDS.flatMap((id) => listCells(id));
  const form = FORMS[formId];
  if (!form.dimValues.length) return form.fields.map((field) => ({ id: field.key, field }));
  const cells: CellRef[] = [];
  form.dimValues.forEach((dim, i) => {
    for (const field of form.fields) {
      if (!field.dimValues.length) {
        if (i === 0) cells.push({ id: field.key, field });
      } else if (field.dimValues.includes(dim)) {
        cells.push({ id: cellId(field, dim), field, dim });
      }
    }
  });
  return cells;
}

/**
 * Whether a filer enters this field itself. A 市属学校 files like a district and enters every field
 * of the forms that have a 市直单位 row (附件3-5; the seed's 附件6 is for 县（市、区） only).
 */
export function suppliedBy(field: FieldDef, role: FilerRole): boolean {
  if (role === 'city-school') return FORMS[field.form].rowKinds.includes('市直单位');
  return field.supplier === role;
}

/** The cells a filer of this role enters. */
export function cellsSuppliedBy(role: FilerRole, formId?: FormId): readonly CellRef[] {
  return listCells(formId).filter((c) => suppliedBy(c.field, role));
}

/** Chat label of a cell, with its row the way it is typed: 一级达标学校@国标. */
export function cellLabel(cell: CellRef, style: 'chat' | 'short' = 'chat'): string {
  const base = style === 'chat' ? cell.field.chat : cell.field.short;
  return cell.dim ? `${base}@${cell.dim}` : base;
}
