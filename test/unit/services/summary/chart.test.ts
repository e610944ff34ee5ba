import { describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { composeChart } from '../../../../src/services/summary/facts';
import { CHART_HEIGHT, CHART_WIDTH, RISK_COLORS, renderSummaryChart } from '../../../../src/services/summary/chart';

// Rows as openByArea() returns them: area codes, one row per (area, colour).
const AREAS = [
  { area: 'fire', risk: 'red' as const, n: 3 }, { area: 'fire', risk: 'yellow' as const, n: 6 }, { area: 'fire', risk: 'blue' as const, n: 2 },
  { area: 'food', risk: 'orange' as const, n: 5 }, { area: 'food', risk: 'blue' as const, n: 4 },
  { area: 'building', risk: 'yellow' as const, n: 3 }, { area: 'lab', risk: 'red' as const, n: 1 },
];

function count(data: Uint8ClampedArray, hex: string, tol = 6): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - g) <= tol && Math.abs(data[i + 2] - b) <= tol) n++;
  return n;
}

describe('the summary chart data', () => {
  it('names the areas, sorts them by open items and keeps the four colours apart', () => {
    const input = composeChart('丰泽区 · 11月 安全进度', AREAS, ['11/17', '11/24'], { reported: [7, 4], closed: [5] });
    expect(input.openByArea.map((a) => a.area)).toEqual(['消防安全', '食品安全', '建筑安全', '实验室和危化品管理安全']);
    expect(input.openByArea[0]).toEqual({ area: '消防安全', red: 3, orange: 0, yellow: 6, blue: 2 });
    expect(input.weekly).toEqual([{ week: '11/17', reported: 7, closed: 5 }, { week: '11/24', reported: 4, closed: 0 }]);
  });

  it('renders a real PNG that shows red, orange, yellow and blue', async () => {
    const png = await renderSummaryChart(composeChart('丰泽区 · 11月 安全进度', AREAS, ['11/17', '11/24'], { reported: [7, 4], closed: [5, 3] }));
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    const img = await loadImage(png);
    expect([img.width, img.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    const c = createCanvas(img.width, img.height);
    c.getContext('2d').drawImage(img, 0, 0);
    const data = c.getContext('2d').getImageData(0, 0, img.width, img.height).data;
    for (const hex of Object.values(RISK_COLORS)) expect(count(data, hex), hex).toBeGreaterThan(300);
  });
});
