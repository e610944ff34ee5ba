import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { RawRowWriter, xmlText } from '../../../../src/services/hazards/xlsx-rows';

describe('RawRowWriter', () => {
  it('escapes as exceljs does: the five entities, control characters dropped, tab and newlines kept', () => {
    expect(xmlText(`<b>&'"</b>`)).toBe('&lt;b&gt;&amp;&apos;&quot;&lt;/b&gt;');
    expect(xmlText('a\x00b\x07c\x7fd\te\nf\rg')).toBe('abcd\te\nf\rg');
    expect(xmlText('三楼楼梯口')).toBe('三楼楼梯口');
  });

  it('writes rows exceljs reads back: strings, numbers, dates with their column format, blanks left out', async () => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => sink.on('end', r));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true });
    const ws = wb.addWorksheet('s');
    ws.getRow(1).values = ['a', 'b', 'c', 'd'];
    ws.getRow(1).commit();
    const rows = new RawRowWriter(wb, ws, [{}, { numFmt: '0' }, { numFmt: 'yyyy-mm-dd hh:mm' }, { alignment: { wrapText: true } }]);
    rows.write(['x<y & "z"', 3, new Date(Date.UTC(2025, 10, 27, 10, 30)), '']);
    rows.write([null, 0, null, '第二行\n换行']);
    ws.commit();
    await wb.commit();
    await done;
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.concat(chunks) as any);
    const s = back.getWorksheet('s')!;
    expect(s.getCell('A2').value).toBe('x<y & "z"');
    expect(s.getCell('B2').value).toBe(3);
    expect((s.getCell('C2').value as Date).toISOString()).toBe('2025-11-27T10:30:00.000Z');
    expect(s.getCell('C2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(s.getCell('D2').value).toBeNull();
    expect(s.getCell('A3').value).toBeNull();
    expect(s.getCell('B3').value).toBe(0);
    expect(s.getCell('D3').value).toBe('第二行\n换行');
    expect(s.getCell('D3').alignment).toMatchObject({ wrapText: true });
    expect(s.rowCount).toBe(3);
  });
});
