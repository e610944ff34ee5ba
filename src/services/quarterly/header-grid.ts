import type { HeaderNode } from './types.js';

/** A header cell placed on the sheet grid; rows and columns are 1-based within the header block. */
export interface HeaderCell {
  label: string;
  row: number;
  rowEnd: number;
  col: number;
  colEnd: number;
  node: HeaderNode;
  /** Labels from the top level down to this node. */
  path: readonly string[];
}

export interface HeaderGrid {
  cells: readonly HeaderCell[];
  depth: number;
  columnCount: number;
}

function depthOf(node: HeaderNode): number {
  if (!node.children?.length) return 1;
  return (node.rows ?? 1) + Math.max(...node.children.map(depthOf));
}

/** Places every header node: leaves run down to the last header row, groups span their leaves. */
export function headerGrid(nodes: readonly HeaderNode[]): HeaderGrid {
  const depth = Math.max(...nodes.map(depthOf));
  const cells: HeaderCell[] = [];
  let nextCol = 1;
  const place = (node: HeaderNode, row: number, path: readonly string[]): void => {
    const here = [...path, node.label];
    if (!node.children?.length) {
      cells.push({ label: node.label, row, rowEnd: depth, col: nextCol, colEnd: nextCol, node, path: here });
      nextCol += 1;
      return;
    }
    const col = nextCol;
    const rowEnd = row + (node.rows ?? 1) - 1;
    const cell: HeaderCell = { label: node.label, row, rowEnd, col, colEnd: col, node, path: here };
    cells.push(cell);
    for (const child of node.children) place(child, rowEnd + 1, here);
    cell.colEnd = nextCol - 1;
  };
  for (const node of nodes) place(node, 1, []);
  return { cells, depth, columnCount: nextCol - 1 };
}
