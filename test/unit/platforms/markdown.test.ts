import { describe, expect, it } from 'vitest';
import { fitUtf8, markdownToPlain, renderMarkdown, truncateUtf8, utf8Bytes } from '../../../src/platforms/markdown';

const SAMPLE = [
  '**📅 距 2 月 21 日还有 7 天：报送 2025 年具体方案**',
  '丰泽区教育局需向市教育局安全科报送本地方案。',
  '> 尚未完成：<font color="warning">东海中学</font> <font color=comment>（备注）</font>',
  '[查看](https://example.com/a)',
].join('\n');

describe('renderMarkdown', () => {
  it('wecom keeps single newlines and normalises font colours', () => {
    const out = renderMarkdown(SAMPLE.replace('color="warning"', 'color=red'), 'wecom');
    expect(out.split('\n')).toHaveLength(4);
    expect(out).toContain('<font color="warning">东海中学</font>');
    expect(out).toContain('<font color="comment">（备注）</font>');
  });

  it('dingtalk turns fonts into bold (comment into plain) and separates every line with a blank line', () => {
    const out = renderMarkdown(SAMPLE, 'dingtalk');
    expect(out).not.toContain('<font');
    expect(out).toContain('> 尚未完成：**东海中学** （备注）');
    expect(out.split('\n\n')).toHaveLength(4);
    expect(out).not.toMatch(/[^\n]\n[^\n]/);
  });

  it('dingtalk does not nest bold inside bold', () => {
    expect(renderMarkdown('**逾期 <font color="warning">3 天</font>**', 'dingtalk')).toBe('**逾期 3 天**');
    expect(renderMarkdown('**<font color="warning">x</font>**', 'dingtalk')).toBe('**x**');
  });

  it('flattens tables, which neither client renders', () => {
    const out = renderMarkdown('| 区 | 已交 |\n|---|---|\n| 丰泽区 | 18 |', 'wecom');
    expect(out).toBe('区 · 已交\n丰泽区 · 18');
  });

  it('local strips fonts, keeps markdown; plain strips markup', () => {
    expect(renderMarkdown(SAMPLE, 'local')).toContain('> 尚未完成：东海中学 （备注）');
    expect(markdownToPlain('## 标题\n**粗** [链接](https://x.y)')).toBe('标题\n粗 链接 https://x.y');
  });
});

describe('UTF-8 truncation', () => {
  it('cuts on a code point boundary, never through a CJK character or emoji', () => {
    expect(truncateUtf8('安全😀', 4)).toBe('安');
    expect(truncateUtf8('安全😀', 9)).toBe('安全');
    expect(truncateUtf8('安全😀', 10)).toBe('安全😀');
  });

  it('fitUtf8 leaves short text alone and cuts long text to the budget with … and a hint', () => {
    expect(fitUtf8('短', 10)).toBe('短');
    const out = fitUtf8('隐患'.repeat(100), 100, '\n（截断）');
    expect(utf8Bytes(out)).toBeLessThanOrEqual(100);
    expect(out.endsWith('…\n（截断）')).toBe(true);
  });

  it('does not leave half a font tag, an unclosed font or an odd ** at the cut', () => {
    const text = `${'a'.repeat(40)}<font color="warning">逾期很久的隐患</font>`;
    expect(fitUtf8(text, 50, '')).toBe(`${'a'.repeat(40)}…`);
    expect(fitUtf8(text, 76, '')).toBe(`${'a'.repeat(40)}逾期很…`); // 40 + 22 (tag) + 9 + 3 (…)
    expect(fitUtf8(`**${'b'.repeat(50)}**`, 20, '')).toBe(`${'b'.repeat(15)}…`);
  });
});
