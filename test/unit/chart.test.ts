import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { CHART_HEIGHT, CHART_WIDTH, RISK_COLORS, renderSummaryChart, type SummaryChartInput } from '../../src/services/summary/chart.js';

const sample: SummaryChartInput = {
  title: '泉州市校园安全隐患周报（11/03–11/09）',
  openByArea: [
    { area: '鲤城区', red: 2, orange: 5, yellow: 8, blue: 12 },
    { area: '丰泽区', red: 1, orange: 3, yellow: 10, blue: 9 },
    { area: '晋江市', red: 3, orange: 6, yellow: 12, blue: 15 },
    { area: '南安市', red: 1, orange: 4, yellow: 9, blue: 11 },
    { area: '德化县', red: 0, orange: 0, yellow: 3, blue: 2 },
    { area: '台商投资区', red: 0, orange: 1, yellow: 2, blue: 3 },
  ],
  weekly: [
    { week: '10/20', reported: 25, closed: 19 },
    { week: '10/27', reported: 21, closed: 24 },
    { week: '11/03', reported: 30, closed: 22 },
    { week: '11/10', reported: 16, closed: 20 },
  ],
};

async function decode(png: Buffer) {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

function countColor(data: Uint8ClampedArray, hex: string, tol = 6): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - g) <= tol && Math.abs(data[i + 2] - b) <= tol) n++;
  }
  return n;
}

describe('renderSummaryChart', () => {
  it('renders a PNG with the four risk colours', async () => {
    const t0 = performance.now();
    const png = await renderSummaryChart(sample);
    const ms = performance.now() - t0;
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/chart.png', png);
    console.log(`chart: ${png.length} bytes, first render ${ms.toFixed(0)} ms (includes font registration)`);

    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.length).toBeLessThan(300 * 1024);
    const img = await decode(png);
    expect([img.width, img.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    // Bars are solid fills, so each colour must cover well more than a legend swatch (~140 px).
    for (const hex of Object.values(RISK_COLORS)) expect(countColor(img.data, hex), hex).toBeGreaterThan(300);
  });

  it('draws Chinese glyphs with the registered font, not tofu boxes', async () => {
    await renderSummaryChart(sample); // registers fonts
    // Missing glyphs all render as the same box; real glyphs of different characters differ.
    const draw = (ch: string) => {
      const c = createCanvas(40, 40);
      const ctx = c.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 40, 40);
      ctx.fillStyle = '#000';
      ctx.font = '32px "Noto Sans SC"';
      ctx.fillText(ch, 4, 34);
      return Buffer.from(ctx.getImageData(0, 0, 40, 40).data);
    };
    expect(draw('红').equals(draw('蓝'))).toBe(false);
    expect(draw('隐').equals(draw('患'))).toBe(false);
  });

  it('handles empty data with a placeholder and stays fast when warm', async () => {
    const t0 = performance.now();
    const png = await renderSummaryChart({ title: '暂无数据', openByArea: [], weekly: [] });
    expect(performance.now() - t0).toBeLessThan(2000);
    const img = await decode(png);
    // “暂无在办隐患” is drawn in grey around (260, 310); the bar panel is otherwise blank.
    let ink = 0;
    for (let y = 298; y < 322; y++) for (let x = 200; x < 320; x++) {
      const i = (y * img.width + x) * 4;
      if (img.data[i] < 200) ink++;
    }
    expect(ink).toBeGreaterThan(50);
    expect(countColor(img.data, RISK_COLORS.red)).toBeLessThan(300); // only the legend swatch
  });
});
