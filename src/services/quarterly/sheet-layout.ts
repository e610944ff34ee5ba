import { cellId } from './catalogue.js';
import { headerGrid, type HeaderCell } from './header-grid.js';
import type { DimValue, FieldDef, FormDef } from './types.js';

/** What a data cell of a unit's block shows. */
export type BlockContent =
  | { kind: 'row-label' }
  | { kind: 'dim'; dim: DimValue }
  | { kind: 'value'; cell: string; field: FieldDef };

/** A cell of a unit's block; rows are 0-based within the block, columns 1-based; ranges inclusive. */
export interface BlockItem {
  row: number;
  rowEnd: number;
  col: number;
  colEnd: number;
  content: BlockContent;
}

export interface SheetLayout {
  header: readonly HeaderCell[];
  headerDepth: number;
  columnCount: number;
  /** Rows per unit: one per dim value, or 1. */
  blockHeight: number;
  block: readonly BlockItem[];
}

/** What a leaf column shows in the row of `dim`, or undefined when the cell above runs on into it. */
function occupant(form: FormDef, leaf: HeaderCell, dim: DimValue): BlockContent | undefined {
  const { node } = leaf;
  if (node.dimColumn) return node.dimColumn.includes(dim) ? { kind: 'dim', dim } : undefined;
  const field = form.fields.find((f) => f.columns[0] === leaf.col && f.columns[1] === leaf.col);
  if (!field || !field.dimValues.includes(dim)) return undefined;
  return { kind: 'value', cell: cellId(field, dim), field };
}

/**
 * Lays out one unit's block of a form as the seed draws it: the row label and unit-level cells run
 * down the whole block; per-row cells sit in their dim row; a cell with no value in a row is covered
 * by the cell above (附件4 十佳 县级 over 乡级); a span field fills its columns in its rows (附件3 地标).
 */
export function sheetLayout(form: FormDef): SheetLayout {
  const grid = headerGrid(form.header);
  const leaves = grid.cells.filter((c) => !c.node.children?.length);
  const dims = form.dimValues;
  const height = Math.max(1, dims.length);
  const block: BlockItem[] = [];
  const spans = form.fields.filter((f) => f.columns[0] !== f.columns[1]);

  for (const leaf of leaves) {
    const whole = (content: BlockContent): void => {
      block.push({ row: 0, rowEnd: height - 1, col: leaf.col, colEnd: leaf.col, content });
    };
    if (leaf.node.rowLabel) {
      whole({ kind: 'row-label' });
      continue;
    }
    const field = form.fields.find((f) => f.columns[0] === leaf.col && f.columns[1] === leaf.col);
    if (field && !field.dimValues.length) {
      whole({ kind: 'value', cell: field.key, field });
      continue;
    }
    let last: BlockItem | undefined;
    dims.forEach((dim, i) => {
      const span = spans.find((f) => f.dimValues.includes(dim) && f.columns[0] <= leaf.col && leaf.col <= f.columns[1]);
      if (span) {
        if (span.columns[0] === leaf.col) {
          last = { row: i, rowEnd: i, col: leaf.col, colEnd: span.columns[1], content: { kind: 'value', cell: cellId(span, dim), field: span } };
          block.push(last);
        }
        return;
      }
      const content = occupant(form, leaf, dim);
      if (content) {
        last = { row: i, rowEnd: i, col: leaf.col, colEnd: leaf.col, content };
        block.push(last);
      } else if (last && last.col === leaf.col && last.colEnd === leaf.col) {
        last.rowEnd = i;
      }
    });
  }
  block.sort((a, b) => a.row - b.row || a.col - b.col);
  return { header: grid.cells, headerDepth: grid.depth, columnCount: grid.columnCount, blockHeight: height, block };
}
