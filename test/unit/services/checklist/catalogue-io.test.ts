import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../../../src/services/checklist/catalogue.js';
import { exportCatalogueXlsx, exportCatalogueYaml, importCatalogue } from '../../../../src/services/checklist/catalogue-io.js';
import { formatPatterns, parsePatterns } from '../../../../src/services/checklist/pattern-text.js';

async function editWorkbook(buffer: Buffer, edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('catalogue export/import', () => {
  it('round-trips the shipped catalogue through xlsx', async () => {
    const buffer = await exportCatalogueXlsx(defaultCatalogue);
    const result = await importCatalogue(buffer, 'xlsx');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.catalogue).toEqual(defaultCatalogue);
  });

  it('round-trips the shipped catalogue through yaml (string or buffer)', async () => {
    const text = exportCatalogueYaml(defaultCatalogue);
    expect(text).not.toMatch(/\*[a-z]\w*\s*$/m); // no aliases
    for (const input of [text, Buffer.from(`\uFEFF${text}`, 'utf8')]) {
      const result = await importCatalogue(input, 'yaml');
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.catalogue).toEqual(defaultCatalogue);
    }
  });

  it('imports an edited workbook: a school rewords a title, adds phrasings and re-colours an item', async () => {
    const buffer = await editWorkbook(await exportCatalogueXlsx(defaultCatalogue), (wb) => {
      const sheet = wb.getWorksheet('检查项')!;
      sheet.getCell('D2').value = '学校安委会每学期至少活动一次';
      sheet.getCell('G2').value = '安委会一学期没碰头\n领导小组名单过时';
      sheet.getCell('H2').value = '黄色';
    });
    const result = await importCatalogue(buffer, 'xlsx');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const first = result.catalogue.items[0];
    expect(first.title).toBe('学校安委会每学期至少活动一次');
    expect(first.phrasings).toEqual(['安委会一学期没碰头', '领导小组名单过时']);
    expect(first.risk).toBe('yellow');
  });

  it('reports every bad xlsx row and imports nothing', async () => {
    const buffer = await editWorkbook(await exportCatalogueXlsx(defaultCatalogue), (wb) => {
      const items = wb.getWorksheet('检查项')!;
      items.getCell('H12').value = '紫';
      items.getCell('C5').value = 'Fire Exit';
      items.getCell('A20').value = '天文';
      items.getCell('I7').value = '';
      const rules = wb.getWorksheet('重大隐患规则')!;
      rules.getCell('F3').value = 'fire.no-such-item';
      rules.getCell('G4').value = '电动车 +';
    });
    const result = await importCatalogue(buffer, 'xlsx');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.errors.map((e) => e.message);
    expect(messages).toContain('第 12 行：风险等级必须是 红/橙/黄/蓝');
    expect(messages).toContain('第 5 行：检查项代码必须形如 fire.exits-clear（小写字母、数字、连字符）');
    expect(messages).toContain('第 20 行：领域必须是 12 个领域之一（如 fire 或 消防安全）');
    expect(messages).toContain('第 7 行：责任岗位不能为空');
    expect(messages).toContain('「重大隐患规则」第 3 行：对应检查项 fire.no-such-item 在检查项表里不存在');
    expect(messages.some((m) => m.startsWith('「重大隐患规则」第 4 行：匹配条件'))).toBe(true);
    expect(result.errors.find((e) => e.message.startsWith('第 12 行'))).toMatchObject({ row: 12, sheet: '检查项' });
  });

  it('rejects duplicate codes and codes outside their area', async () => {
    const buffer = await editWorkbook(await exportCatalogueXlsx(defaultCatalogue), (wb) => {
      const sheet = wb.getWorksheet('检查项')!;
      sheet.getCell('C3').value = sheet.getCell('C2').value;
      sheet.getCell('C4').value = 'fire.misplaced';
    });
    const result = await importCatalogue(buffer, 'xlsx');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        '第 3 行：检查项代码 org.leading-group 重复（第 2 行已使用）',
        '第 4 行：检查项代码 fire.misplaced 应以所属领域代码 org. 开头',
      ]),
    );
  });

  it('refuses a workbook without the rules sheet rather than dropping major detection', async () => {
    const buffer = await editWorkbook(await exportCatalogueXlsx(defaultCatalogue), (wb) => {
      wb.removeWorksheet(wb.getWorksheet('重大隐患规则')!.id);
    });
    const result = await importCatalogue(buffer, 'xlsx');
    expect(result).toEqual({ ok: false, errors: [{ row: 0, message: '找不到「重大隐患规则」工作表' }] });
  });

  it('reports yaml errors by the line of the entry', async () => {
    const text = exportCatalogueYaml(defaultCatalogue);
    const lines = text.split('\n');
    const target = lines.findIndex((l) => l.includes('code: fire.extinguishers'));
    const riskLine = lines.findIndex((l, i) => i > target && l.trim().startsWith('risk:'));
    lines[riskLine] = lines[riskLine].replace(/risk: \w+/, 'risk: 紫');
    const result = await importCatalogue(lines.join('\n'), 'yaml');
    expect(result).toEqual({
      ok: false,
      errors: [{ row: target + 1, message: `第 ${target + 1} 行（检查项 fire.extinguishers）：风险等级必须是 红/橙/黄/蓝` }],
    });
  });

  it('reports broken yaml syntax with a line number', async () => {
    const result = await importCatalogue('items:\n  - code: fire.x\n   bad: [', 'yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toMatch(/^第 \d+ 行：YAML 格式错误/);
  });

  it('rejects an unreadable xlsx with one clear message', async () => {
    const result = await importCatalogue(Buffer.from('not a workbook'), 'xlsx');
    expect(result).toEqual({ ok: false, errors: [{ row: 0, message: '无法读取文件：请上传由本系统导出并编辑的 .xlsx 文件' }] });
  });

  it('writes patterns as one editable line each and reads them back', () => {
    const patterns = [{ all: [['电动车', '电瓶车'], ['楼道', '寝室']], none: ['车棚'] }, { all: [['飞线']] }];
    const text = formatPatterns(patterns);
    expect(text).toBe('电动车|电瓶车 + 楼道|寝室 排除：车棚\n飞线');
    expect(parsePatterns(text)).toEqual(patterns);
    expect(parsePatterns('电动车｜电瓶车＋楼道 排除:车棚')).toEqual([{ all: [['电动车', '电瓶车'], ['楼道']], none: ['车棚'] }]);
    expect(() => parsePatterns('+ 楼道')).toThrow(/格式不对/);
  });
});
