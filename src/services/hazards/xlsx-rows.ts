import type ExcelJSModule from 'exceljs';

/**
 * Data rows straight into a streamed exceljs worksheet, as the XML exceljs itself would write for them (`t="str"`
 * strings, serial dates, one shared style per column and value type), without a Row and a Cell object per value. At
 * 300k rows × 29 columns exceljs's own path (row model, cell models, style lookups, XmlStream) cost several times the
 * read of the rows; this costs a string concatenation per cell. The workbook, its styles, the column widths, frozen
 * panes, autofilter, merges and every other sheet part stay exceljs's. Pinned to exceljs 4.4's WorksheetWriter: call
 * after the header rows are committed (the sheet's data has started) and before `worksheet.commit()`.
 */
export class RawRowWriter {
  private next: number;
  /** Style id per column and value type (index col * 3 + n/d/s), registered on first use. */
  private readonly ids: number[] = [];
  private readonly sink: { write(chunk: string): unknown; buffers?: unknown[] };
  private readonly letters: string[];

  /** Columns whose numbers are instants (epoch ms, already shifted to the wall clock wanted): written as Excel dates. */
  private readonly instants: boolean[];

  constructor(
    private readonly wb: ExcelJSModule.stream.xlsx.WorkbookWriter,
    ws: ExcelJSModule.Worksheet,
    private readonly styles: readonly Partial<ExcelJSModule.Style>[],
    instantColumns: readonly number[] = [],
  ) {
    const writer = ws as any;
    if (!writer.startedData || !writer.stream) throw new Error('RawRowWriter: commit the header rows first');
    this.sink = writer.stream;
    this.next = writer._rowZero;
    this.letters = styles.map((_, i) => columnLetter(i + 1));
    this.instants = styles.map((_, i) => instantColumns.includes(i));
  }

  /**
   * Writes one row: numbers (in an instant column: epoch ms, no Date object per cell), Dates (already shifted to the
   * wall clock wanted), strings; null and '' leave the cell out.
   */
  write(values: readonly unknown[]): void {
    const r = this.next++;
    let xml = `<row r="${r}" spans="1:${values.length}" x14ac:dyDescent="0.25">`;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || v === '') continue;
      if (typeof v === 'number' && this.instants[i]) xml += `<c r="${this.letters[i]}${r}" s="${this.styleId(i, 'd')}"><v>${25569 + v / 86_400_000}</v></c>`;
      else if (typeof v === 'number') xml += `<c r="${this.letters[i]}${r}" s="${this.styleId(i, 'n')}"><v>${v}</v></c>`;
      else if (v instanceof Date) xml += `<c r="${this.letters[i]}${r}" s="${this.styleId(i, 'd')}"><v>${25569 + v.getTime() / 86_400_000}</v></c>`;
      else xml += `<c r="${this.letters[i]}${r}" s="${this.styleId(i, 's')}" t="str"><v>${xmlText(String(v))}</v></c>`;
    }
    this.sink.write(`${xml}</row>`);
  }

  /**
   * Bytes of this sheet's XML written but not yet taken by the zip (exceljs's StreamBuf keeps 64 KB buffers). The zip
   * reads on later turns of the event loop, which a synchronous driver (better-sqlite3) never gives it by itself.
   */
  backlog(): number {
    return (this.sink.buffers?.length ?? 0) * 65_536;
  }

  /** Lets the zip catch up until at most `limit` bytes of the sheet wait in memory. */
  async drain(limit = 1 << 20): Promise<void> {
    for (let spins = 0; this.backlog() > limit; spins++) await new Promise((r) => (spins < 50 ? setImmediate(r) : setTimeout(r, 1)));
  }

  private styleId(col: number, kind: 'n' | 'd' | 's'): number {
    const k = col * 3 + (kind === 'n' ? 0 : kind === 'd' ? 1 : 2);
    let id = this.ids[k];
    if (id === undefined) {
      // ValueType: Number 2, String 3, Date 4 (what exceljs passes, so a column without numFmt gets General for numbers).
      id = (this.wb as any).styles.addStyleModel({ ...this.styles[col] }, kind === 'n' ? 2 : kind === 'd' ? 4 : 3) as number;
      this.ids[k] = id;
    }
    return id;
  }
}

function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const NEEDS_ESCAPE = /[<>&'"\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const ESCAPES = /[<>&'"\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** As exceljs's xmlEncode: the five entities, and control characters XML cannot carry (tab, LF and CR stay) dropped. */
export function xmlText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPES, (c) => ENTITY[c] ?? '') : s;
}
