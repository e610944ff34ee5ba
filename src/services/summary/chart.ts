// Server-side PNG charts for leader summaries (pushed into WeCom/DingTalk as images).
// ECharts draws onto an @napi-rs/canvas Canvas; no browser and no system CJK font needed.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readdirSync } from 'node:fs';
import type * as echarts from 'echarts/core';

export interface SummaryChartInput {
  title: string;
  openByArea: { area: string; red: number; orange: number; yellow: number; blue: number }[];
  weekly: { week: string; reported: number; closed: number }[];
}

export const CHART_WIDTH = 900;
export const CHART_HEIGHT = 560;
export const RISK_COLORS = { red: '#e03131', orange: '#f08c00', yellow: '#f5c400', blue: '#1c7ed6' } as const;
const FONT = 'Noto Sans SC';
// Beyond this many areas the rows get unreadable at 560px; the tail is folded into “其他”.
const MAX_AREAS = 14;

type Renderer = { echarts: typeof echarts; createCanvas: typeof import('@napi-rs/canvas').createCanvas };
let renderer: Promise<Renderer> | undefined;
// The fontsource package ships Noto Sans SC split into unicode-range subsets. Registering every
// 400-weight subset under one alias lets Skia fall back subset-to-subset per glyph (verified:
// registerFromPath accepts woff2). ~100 files / 3.7 MB, ~75 ms, done once per process.
// ECharts, the canvas and the fonts load on the first chart, not at start. ECharts comes from its prebuilt single-file
// bundle (every chart type and the canvas renderer included): measured 8 MB resident, against 39 MB for the same API
// imported as its hundreds of ES modules (echarts/core + charts + components + renderers).
const ECHARTS_BUNDLE = 'echarts/dist/echarts.esm.min.mjs';

function loadRenderer(): Promise<Renderer> {
  return (renderer ??= (async () => {
    const [core, canvas] = await Promise.all([import(ECHARTS_BUNDLE) as Promise<typeof echarts>, import('@napi-rs/canvas')]);
    registerFonts(canvas.GlobalFonts);
    // zrender measures text through a platform canvas; with ours, label layout uses the real font metrics.
    core.setPlatformAPI({ createCanvas: () => canvas.createCanvas(32, 32) as unknown as HTMLCanvasElement });
    return { echarts: core, createCanvas: canvas.createCanvas };
  })().catch((err) => {
    renderer = undefined;
    throw err;
  }));
}

function registerFonts(GlobalFonts: typeof import('@napi-rs/canvas').GlobalFonts): void {
  const pkg = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json');
  const dir = join(dirname(pkg), 'files');
  const files = readdirSync(dir).filter((f) => f.endsWith('-400-normal.woff2'));
  let ok = 0;
  for (const f of files) if (GlobalFonts.registerFromPath(join(dir, f), FONT)) ok++;
  if (ok === 0) throw new Error(`no Noto Sans SC font files could be registered from ${dir}`);
}

type Area = SummaryChartInput['openByArea'][number];
const total = (a: Area) => a.red + a.orange + a.yellow + a.blue;

function foldAreas(rows: Area[]): Area[] {
  if (rows.length <= MAX_AREAS) return rows;
  const sorted = [...rows].sort((a, b) => total(b) - total(a));
  const rest = sorted.slice(MAX_AREAS - 1).reduce(
    (acc, r) => ({ ...acc, red: acc.red + r.red, orange: acc.orange + r.orange, yellow: acc.yellow + r.yellow, blue: acc.blue + r.blue }),
    { area: '其他', red: 0, orange: 0, yellow: 0, blue: 0 },
  );
  return [...sorted.slice(0, MAX_AREAS - 1), rest];
}

function emptyText(text: string, x: number): object {
  return { type: 'text', x, y: 310, style: { text, align: 'center', verticalAlign: 'middle', fill: '#868e96', font: `16px "${FONT}"` } };
}

export function buildSummaryOption(input: SummaryChartInput): echarts.EChartsCoreOption {
  const areas = foldAreas(input.openByArea.map((a) => ({ ...a })));
  const hasOpen = areas.some((a) => total(a) > 0);
  const hasWeekly = input.weekly.length > 0;
  const names = areas.map((a) => a.area);
  const risk = (['red', 'orange', 'yellow', 'blue'] as const).map((k, i) => ({
    name: ['红', '橙', '黄', '蓝'][i],
    type: 'bar',
    stack: 'open',
    xAxisIndex: 0,
    yAxisIndex: 0,
    barMaxWidth: 22,
    itemStyle: { color: RISK_COLORS[k] },
    data: areas.map((a) => a[k]),
  }));
  // Zero-width series on top of the stack, only there to print each row's total after the bar.
  const totals = {
    name: '合计', type: 'bar', stack: 'open', xAxisIndex: 0, yAxisIndex: 0,
    data: areas.map(() => 0),
    label: { show: hasOpen, position: 'right', color: '#495057', fontSize: 12, formatter: (p: { dataIndex: number }) => String(total(areas[p.dataIndex])) },
  };
  const axisText = { fontFamily: FONT, color: '#495057', fontSize: 12 };
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT },
    title: [
      { text: input.title, left: 24, top: 14, textStyle: { fontFamily: FONT, fontSize: 20, fontWeight: 'normal', color: '#212529' } },
      { text: '在办隐患（按类别）', left: 24, top: 56, textStyle: { fontFamily: FONT, fontSize: 14, fontWeight: 'normal', color: '#495057' } },
      { text: '每周趋势', left: 540, top: 56, textStyle: { fontFamily: FONT, fontSize: 14, fontWeight: 'normal', color: '#495057' } },
    ],
    legend: [
      { data: ['红', '橙', '黄', '蓝'], left: 270, top: 57, itemWidth: 14, itemHeight: 10, itemGap: 10, textStyle: axisText },
      { data: ['上报', '销号'], right: 24, top: 57, itemWidth: 18, itemHeight: 10, textStyle: axisText },
    ],
    grid: [
      { left: 24, top: 96, width: 470, bottom: 28, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      { left: 540, top: 96, right: 30, bottom: 28, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    ],
    xAxis: [
      { type: 'value', gridIndex: 0, minInterval: 1, axisLabel: axisText, splitLine: { lineStyle: { color: '#e9ecef' } }, show: hasOpen },
      { type: 'category', gridIndex: 1, data: input.weekly.map((w) => w.week), axisLabel: axisText, axisLine: { lineStyle: { color: '#adb5bd' } }, show: hasWeekly },
    ],
    yAxis: [
      { type: 'category', gridIndex: 0, inverse: true, data: names, axisLabel: { ...axisText, fontSize: 13 }, axisTick: { show: false }, axisLine: { lineStyle: { color: '#adb5bd' } }, show: hasOpen },
      { type: 'value', gridIndex: 1, minInterval: 1, axisLabel: axisText, splitLine: { lineStyle: { color: '#e9ecef' } }, show: hasWeekly },
    ],
    series: [
      ...risk, // kept even when empty so the 红/橙/黄/蓝 legend still explains the colours
      totals,
      ...['reported', 'closed'].map((k, i) => ({
        name: ['上报', '销号'][i], type: 'line', xAxisIndex: 1, yAxisIndex: 1, symbolSize: 6,
        color: ['#495057', '#2f9e44'][i], lineStyle: { width: 2.5 },
        label: { show: input.weekly.length <= 8, position: 'top', fontFamily: FONT, fontSize: 11, color: ['#495057', '#2f9e44'][i] },
        data: input.weekly.map((w) => w[k as 'reported' | 'closed']),
      })),
    ],
    graphic: [
      ...(hasOpen ? [] : [emptyText('暂无在办隐患', 260)]),
      ...(hasWeekly ? [] : [emptyText('暂无趋势数据', 705)]),
    ],
  };
}

type ChartCanvas = import('@napi-rs/canvas').Canvas;
let shared: ChartCanvas | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Render the leader-summary chart as a ~900×560 PNG. Rows keep input order (≤14 areas). Charts are drawn one at a
 * time on one reused canvas: a fresh 2 MB native canvas per chart is freed only when V8 gets round to collecting its
 * small JS wrapper, and a day of charts left the process tens of MB larger.
 */
export function renderSummaryChart(input: SummaryChartInput): Promise<Buffer> {
  const run = queue.then(async () => {
    const { echarts, createCanvas } = await loadRenderer();
    const canvas = (shared ??= createCanvas(CHART_WIDTH, CHART_HEIGHT));
    canvas.getContext('2d').clearRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
    // A canvas without nodeName puts zrender in single-canvas mode: it paints straight onto it.
    const chart = echarts.init(canvas as unknown as HTMLElement, null, { width: CHART_WIDTH, height: CHART_HEIGHT, devicePixelRatio: 1 });
    try {
      chart.setOption(buildSummaryOption(input)); // with animation off this paints synchronously
      return await canvas.encode('png');
    } finally {
      chart.dispose(); // stops zrender's frame loop, otherwise it keeps the process alive
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
