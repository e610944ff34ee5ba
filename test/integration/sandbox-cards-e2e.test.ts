// The rectification loop by taps in real Chromium: the sandbox page served by the real bot, on a fresh SQLite
// database. report → 确认 → 已整改 (the measure typed when asked) → 通过, each click a tap on the card's buttons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dbTargets } from '../helpers/db';
import { startBot, type TestBot } from '../helpers/bot';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`[sandbox-cards-e2e] skipped: ${CHROMIUM} not found (.ci/run installs it with apt-get install -y chromium)`);
const [sqlite] = await dbTargets();

const FONT_DIR = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json'));
async function useCjkWebFont(page: Page): Promise<void> {
  await page.route('**/__test-fonts/**', (route) => route.fulfill({ path: join(FONT_DIR, 'files', new URL(route.request().url()).pathname.split('/').pop()!) }));
  await page.addStyleTag({ content: readFileSync(join(FONT_DIR, '400.css'), 'utf8').replaceAll('url(./files/', 'url(/__test-fonts/') });
}

describe.skipIf(!hasChromium)('sandbox cards end to end (Chromium + real bot)', () => {
  let url: string;
  let t: TestBot;
  let browser: Browser;
  let page: Page;

  const botCount = () => page.locator('.msg[data-direction="out"]').count();
  const lastBot = () => page.locator('.msg[data-direction="out"]').last();
  const waitForBot = (before: number) => page.waitForFunction((n) => document.querySelectorAll('.msg[data-direction="out"]').length > n, before, { timeout: 15_000 });
  async function as(userId: string): Promise<void> {
    await page.selectOption('#member-select', userId);
  }
  async function say(text: string): Promise<string> {
    const before = await botCount();
    await page.fill('#message-input', text);
    await page.click('#send-button');
    await waitForBot(before);
    return lastBot().innerText();
  }
  /** Clicks a button on the newest card that has it; returns the bot's answer. */
  async function tap(label: string): Promise<string> {
    const before = await botCount();
    await page.locator('.card-actions .card-btn').filter({ hasText: new RegExp(`^${label}`) }).last().click();
    await waitForBot(before);
    return lastBot().innerText();
  }
  const events = async (code: string) => (await t.bot.ds.query(`SELECT e.action, e.actor_name FROM hazard_event e JOIN hazard h ON h.id = e.hazard_id WHERE h.code = ? ORDER BY e.id`, [code])).map((r: any) => `${r.action}:${r.actor_name}`);

  beforeAll(async () => {
    url = await sqlite.create();
    t = await startBot(url, { SANDBOX: '1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => console.error('[page error]', e));
    await page.goto(`${t.base}/sandbox`);
    await useCjkWebFont(page);
    await page.waitForFunction(() => document.querySelectorAll('#group-select option').length >= 5);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sqlite.drop(url);
  });

  it('report → 确认 → 已整改 (typed measure) → 通过 by clicks; a wrong click changes nothing', async () => {
    const [{ id }] = await t.bot.ds.query(`SELECT g.id FROM chat_group g JOIN unit u ON u.id = g.unit_id WHERE u.name = '泉州市丰泽区东海中学' AND g.platform = 'local'`);
    await page.selectOption('#group-select', String(id));
    await as('dh-li');
    const report = await say('三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半');
    expect(report).toContain('已登记隐患');
    const code = /YH-\d{4}-\d{6}/.exec(report)![0];
    const seq = await lastBot().getAttribute('data-seq');
    const firstCard = page.locator(`.msg[data-seq="${seq}"] .card-actions`);
    expect(await firstCard.locator('.card-btn').allInnerTexts()).toEqual(['确认（王安全员）', '改派', '驳回', '改级']);

    // The teacher who reported may not confirm: a short refusal, the card stays.
    expect(await tap('确认')).toContain('只有本校安全员或校长可以处理');
    expect(await events(code)).toEqual(['report:李老师']);

    await as('dh-wang');
    expect(await tap('确认')).toContain('整改中');
    // The tapped card now shows the next step in place.
    await expect.poll(() => firstCard.locator('.card-btn').allInnerTexts()).toEqual(['已整改', '改派']);

    expect(await tap('已整改')).toContain('请回复整改措施');
    expect(await say('桌椅已搬到一楼仓库')).toContain('待验收');

    await as('dh-lin');
    expect(await tap('通过')).toContain(`${code} 已销号`);
    expect(await events(code)).toEqual(['report:李老师', 'confirm:王安全员', 'rectify:王安全员', 'verify_pass:林校长']);
    mkdirSync('test-artifacts', { recursive: true });
    // The screenshot shows the report with its buttons and, opened, the same card as 企业微信 draws it.
    await page.locator(`.msg[data-seq="${seq}"] details`).evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await page.locator(`.msg[data-seq="${seq}"]`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: 'test-artifacts/sandbox-cards.png', fullPage: false });
    expect(existsSync('test-artifacts/sandbox-cards.png')).toBe(true);
  });
});
