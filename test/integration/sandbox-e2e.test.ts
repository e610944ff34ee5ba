// The whole product in real Chromium: the sandbox page served by the real bot, talking to the real dispatcher,
// services, outbox and scheduler on a fresh SQLite database, as a new user would try it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { dbTargets } from '../helpers/db';
import { startBot, type TestBot } from '../helpers/bot';
import { CHROMIUM, hasChromium, launchChromium, useCjkWebFont } from '../helpers/sandbox-browser';

if (!hasChromium) console.log(`[sandbox-e2e] skipped: ${CHROMIUM} not found (.ci/run installs it with apt-get install -y chromium)`);
const [sqlite] = await dbTargets();

describe.skipIf(!hasChromium)('sandbox end to end (Chromium + real bot)', () => {
  let url: string;
  let t: TestBot;
  let browser: Browser;
  let page: Page;

  const groupId = async (unitName: string) => String((await t.bot.ds.query(`SELECT g.id FROM chat_group g JOIN unit u ON u.id = g.unit_id WHERE u.name = ? AND g.platform = 'local'`, [unitName]))[0].id);
  const lastBot = () => page.locator('.msg[data-direction="out"]').last();
  async function say(userId: string, text: string): Promise<string> {
    const before = await page.locator('.msg[data-direction="out"]').count();
    await page.selectOption('#member-select', userId);
    await page.fill('#message-input', text);
    await page.click('#send-button');
    await page.waitForFunction((n) => document.querySelectorAll('.msg[data-direction="out"]').length > n, before, { timeout: 15_000 });
    return lastBot().innerText();
  }

  beforeAll(async () => {
    url = await sqlite.create();
    t = await startBot(url, { SANDBOX: '1', SCHEDULER: '1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => console.error('[page error]', e));
    await page.goto(`${t.base}/`);
    await page.click('a[href="/sandbox"]');
    await useCjkWebFont(page);
    await page.waitForFunction(() => document.querySelectorAll('#group-select option').length >= 5);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sqlite.drop(url);
  });

  it('a newcomer starts as a teacher, reports, sees a duplicate warning on a second similar report, and the 安全员 closes it with 销号', async () => {
    // Nothing chosen yet: the page starts in a school's group as one of its teachers, and says what a teacher can do.
    expect(await page.inputValue('#group-select')).toBe(await groupId('泉州市丰泽区东海中学'));
    expect(await page.inputValue('#member-select')).toBe('dh-li');
    expect(await page.locator('#member-can').innerText()).toMatch(/教师可以：\/隐患 \/我的/);
    const first = await say('dh-li', '图书馆二楼走廊堆了很多旧桌椅');
    expect(first).toContain('已登记隐患');
    const original = /YH-\d{4}-\d{6}/.exec(first)![0];
    const second = await say('dh-zhao', '图书馆二楼走廊堆了好多旧课桌椅，把疏散通道堵了');
    expect(second).toContain(`可能与 ${original} 重复`);
    const n = String(Number(original.slice(-6)));
    await page.selectOption('#member-select', 'dh-wang');
    expect(await page.locator('#member-can').innerText()).toContain('安全员可以：/清单 /确认');
    expect(await say('dh-wang', `确认 ${n} @赵师傅 明天`)).toContain('整改中');
    expect(await say('dh-zhao', `整改 ${n} 桌椅已搬到一楼仓库`)).toContain('待验收');
    expect(await say('dh-wang', `销号 ${n}`)).toContain(`${original} 已销号`);
    // Escaped markdown is shown as the character, never as a backslash.
    const texts = (await page.locator('.msg[data-direction="out"]').allInnerTexts()).join('\n');
    expect(texts).not.toMatch(/\\[_*\[\]]/);
    // The page has a favicon (no 404 on every load).
    const icon = await page.request.get(`${t.base}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
  });

  it('a teacher reports, the safety officer confirms and rectifies, the principal closes it', async () => {
    await page.selectOption('#group-select', await groupId('泉州市丰泽区东海中学'));
    const card = await say('dh-li', '三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半');
    expect(card).toContain('已登记隐患');
    expect(card).toContain('消防安全');
    const code = /YH-\d{4}-\d{6}/.exec(card)![0];
    expect(await say('dh-wang', `/确认 ${code} @赵师傅 明天`)).toContain('整改中');
    expect(await say('dh-zhao', `/整改 ${code} 桌椅已搬到一楼仓库`)).toContain('待验收');
    expect(await say('dh-lin', `/验收 ${code} 通过`)).toContain(`${code} 已销号`);
  });

  it('jumping the clock to 2025-02-14 09:00 shows the 2/21 reminder in the district group', async () => {
    await page.selectOption('#group-select', await groupId('丰泽区教育局'));
    await page.fill('#clock-input', '2025-02-14T09:00');
    await page.click('#clock-button');
    await expect.poll(() => page.locator('#clock-now').innerText(), { timeout: 10_000 }).toContain('2025');
    await expect.poll(async () => (await page.locator('.msg[data-direction="out"]').allInnerTexts()).join('\n'), { timeout: 20_000 }).toMatch(/2\s*月\s*21\s*日/);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/sandbox-e2e.png', fullPage: false });
    expect(existsSync('test-artifacts/sandbox-e2e.png')).toBe(true);
  });
});
