/**
 * The catalogue as YAML: a faithful dump of the Catalogue structure (for version
 * control and bulk edits). Import reports errors by the YAML line of the entry.
 */
import { isMap, isNode, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import { areas as shippedAreas } from './catalogue.js';
import type { ImportError, ImportResult, RawRow } from './catalogue-schema.js';
import { assembleCatalogue } from './catalogue-schema.js';
import { AREA_CODES, type Area, type Catalogue } from './types.js';

export function exportCatalogueYaml(catalogue: Catalogue): string {
  // No anchors/aliases: shared term lists are written out in full so each entry reads alone.
  return stringify(catalogue, { lineWidth: 0, aliasDuplicateObjects: false });
}

function entries(doc: ReturnType<typeof parseDocument>, key: string, values: unknown[], lines: LineCounter, label: string): RawRow[] {
  const node = doc.get(key, true);
  if (!isSeq(node)) return [];
  return node.items.map((entry, i) => {
    const range = isNode(entry) ? entry.range : undefined;
    const line = range ? lines.linePos(range[0]).line : 0;
    // Values come from the whole-document conversion so aliases are resolved.
    const value = values[i];
    const data = isMap(entry) && value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    const code = typeof data.code === 'string' ? ` ${data.code}` : ` 第 ${i + 1} 条`;
    return { row: line, where: `第 ${line} 行（${label}${code}）`, data };
  });
}

/** Areas may be renamed or given another default post; the 12 codes are fixed. */
function readAreas(value: unknown): { areas?: Area[]; error?: ImportError } {
  if (value === undefined) return {};
  const list = Array.isArray(value) ? (value as Partial<Area>[]) : [];
  const codes = list.map((a) => a?.code);
  if (codes.length !== AREA_CODES.length || !AREA_CODES.every((c) => codes.includes(c))) {
    return { error: { row: 0, message: `areas 必须恰好包含 12 个领域：${AREA_CODES.join('、')}` } };
  }
  return {
    areas: AREA_CODES.map((code) => {
      const shipped = shippedAreas.find((a) => a.code === code)!;
      const edited = list.find((a) => a.code === code)!;
      return { code, name: String(edited.name || shipped.name), post: String(edited.post || shipped.post) };
    }),
  };
}

export function importCatalogueYaml(text: string): ImportResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const row = lines.linePos(e.pos[0]).line;
        return { row, message: `第 ${row} 行：YAML 格式错误（${e.code}），请检查缩进和冒号` };
      }),
    };
  }
  const root = doc.toJSON() as Record<string, unknown> | null;
  if (!root || typeof root !== 'object' || !Array.isArray(root.items)) {
    return { ok: false, errors: [{ row: 0, message: '文件里没有 items（检查项列表）' }] };
  }
  if (!Array.isArray(root.majorRules)) {
    return { ok: false, errors: [{ row: 0, message: '文件里没有 majorRules（重大隐患规则列表）' }] };
  }
  const { areas, error } = readAreas(root.areas);
  if (error) return { ok: false, errors: [error] };

  const itemRows = entries(doc, 'items', root.items, lines, '检查项');
  const ruleRows = entries(doc, 'majorRules', root.majorRules, lines, '规则').map((raw) => ({
    ...raw,
    data: { ...raw.data, severity: raw.data.severity ?? (raw.data.suspected === true ? 'suspected' : 'major') },
  }));
  return assembleCatalogue(itemRows, ruleRows, { version: typeof root.version === 'string' ? root.version : undefined, areas });
}
