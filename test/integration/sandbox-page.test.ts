// Drives the sandbox page in real Chromium against the in-memory fake API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createCanvas } from '@napi-rs/canvas';
import { startSandboxFakeServer } from '../helpers/sandbox-fake-server.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`[sandbox-page] skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

// CI images have no CJK system font, so screenshots would show boxes. Test-only: serve the npm-shipped
// Noto Sans SC subsets as a web font through page.route (Chromium decodes woff2 itself; fontconfig
// pointed at the woff2 files was not picked up by Chromium's fallback).
const FONT_DIR = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json'));
async function useCjkWebFont(page: Page): Promise<void> {
  await page.route('**/__test-fonts/**', (route) =>
    route.fulfill({ path: join(FONT_DIR, 'files', new URL(route.request().url()).pathname.split('/').pop()!) }));
  const css = readFileSync(join(FONT_DIR, '400.css'), 'utf8').replaceAll('url(./files/', 'url(/__test-fonts/');
  await page.addStyleTag({ content: css });
}

function tinyPng(): Buffer {
  const c = createCanvas(120, 80);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#f08c00';
  ctx.fillRect(0, 0, 120, 80);
  ctx.fillStyle = '#fff';
  ctx.fillRect(20, 20, 80, 40);
  return c.toBuffer('image/png');
}

describe.skipIf(!hasChromium)('sandbox page (Chromium)', () => {
  let server: Awaited<ReturnType<typeof startSandboxFakeServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startSandboxFakeServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => console.error('[page error]', e));
    await page.goto(`${server.url}/sandbox/`);
    await useCjkWebFont(page);
    await page.waitForFunction(() => document.querySelectorAll('#group-select option').length === 3);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends a message and renders the bot card markdown', async () => {
    await page.selectOption('#group-select', 'g-lc-shiyan');
    await page.selectOption('#member-select', 'u-wang');
    expect(await page.locator('#member-select option').allTextContents()).toContain('王老师 · 教师（鲤城实验小学）');
    expect(await page.isChecked('#mention-toggle')).toBe(true);
    await page.fill('#message-input', '教学楼三楼消防通道被杂物堵住了');
    await page.press('#message-input', 'Enter');

    const mine = page.locator('.msg[data-direction="in"]').last();
    await mine.waitFor();
    expect(await mine.innerText()).toContain('@安全助手 教学楼三楼消防通道被杂物堵住了');
    const reply = page.locator('.msg[data-direction="out"]').last();
    await expect.poll(() => reply.innerText()).toContain('已登记隐患');
    expect(await reply.locator('h3').innerText()).toContain('已登记隐患');
    expect(await reply.locator('strong').first().innerText()).toBe('编号');
    expect(await reply.locator('blockquote').innerText()).toContain('消防通道');
    expect(await reply.locator('.md-warning').innerText()).toBe('橙色');
    expect(await reply.locator('.md-warning').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(240, 140, 0)');
    expect(await reply.locator('a').getAttribute('href')).toBe('https://example.com/hazards/2');
    expect(await page.inputValue('#message-input')).toBe('');
  });

  it('renders bot markdown safely', async () => {
    const html = await page.evaluate(() => (window as any).renderMarkdown([
      '# 标题', '<script>alert(1)</script> <img src=x onerror=alert(1)>', '[坏链接](javascript:alert(1)) [好链接](https://a.cn/?x=1&y=2)',
      '<font color="comment">灰色</font> `代码`', '![图](https://a.cn/p.png)', '1. 一', '2. 二',
    ].join('\n')));
    expect(html).toContain('<h1>标题</h1>');
    expect(html).not.toMatch(/<script|<img src="x"|href="javascript/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://a.cn/?x=1&amp;y=2"');
    expect(html).toContain('<span class="md-comment">灰色</span> <code>代码</code>');
    expect(html).toContain('<img class="md-img" src="https://a.cn/p.png"');
    expect(html).toContain('<ol><li>一</li><li>二</li></ol>');
  });

  it('attaches a photo and shows server errors', async () => {
    await page.setInputFiles('#photo-input', { name: 'hazard.png', mimeType: 'image/png', buffer: tinyPng() });
    await page.locator('#photo-preview').waitFor();
    await page.fill('#message-input', '配电箱门没锁');
    await page.click('#send-button');
    const img = page.locator('.msg[data-direction="in"] img.msg-img').last();
    await img.waitFor();
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBe(120);

    await page.fill('#message-input', '/fail');
    await page.press('#message-input', 'Enter');
    await expect.poll(() => page.locator('#send-error').innerText()).toContain('模拟的服务端错误');
  });

  it('jumps the clock, shows the reminder push with an unread badge', async () => {
    await page.fill('#clock-input', '2030-11-11T08:00');
    await page.click('#clock-button');
    await expect.poll(() => page.locator('#clock-now').innerText()).toContain('2030');
    expect(await page.locator('#clock-now').innerText()).toContain('08:00');
    const badge = page.locator('.group-item[data-group-id="g-lc-district"] [data-testid="unread-badge"]');
    await expect.poll(() => badge.innerText()).toBe('1');

    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: 'test-artifacts/sandbox.png' });

    await page.locator('.group-item[data-group-id="g-lc-district"]').click();
    expect(await page.inputValue('#group-select')).toBe('g-lc-district');
    expect(await badge.count()).toBe(0);
    const push = page.locator('.msg[data-direction="out"]').last();
    expect(await push.innerText()).toContain('整改到期提醒');
    expect(await push.locator('li').count()).toBe(2);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: 'test-artifacts/sandbox-mobile.png' });
  });
});
