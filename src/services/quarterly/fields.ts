/** Public face of the quarterly-form field catalogue (附件3-6): forms, fields, cells, lookup and parsing. */
export {
  FORMS,
  FORM_IDS,
  cellId,
  cellLabel,
  cellsSuppliedBy,
  getField,
  isFormId,
  listCells,
  listFields,
  parseCellId,
  suppliedBy,
} from './catalogue.js';
export { candidateName, findField, formOfToken, type FieldLookup, type LookupOptions } from './lookup.js';
export { parseAssignments, type ParseResult, type ParsedValue, type TokenError } from './parse.js';
export { RULES, type Rule } from './rules.js';
export type * from './types.js';
export { GRADE_VALUES, LEVEL_VALUES } from './types.js';
