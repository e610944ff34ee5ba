// The sandbox page in Debian's Chromium (never a browser downloaded by a test tool), driven the way a person uses
// it: choose a group and a member, type, click a card's button. Shared by the Chromium tests and
// scripts/screenshot-cards.ts, so the docs' pictures come from the same page the tests click through.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// The machine has no CJK system font; the page gets the npm-shipped Noto Sans SC so text (and screenshots) read.
const FONT_DIR = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json'));
export async function useCjkWebFont(page: Page, weights: readonly number[] = [400]): Promise<void> {
  await page.route('**/__test-fonts/**', (route) => route.fulfill({ path: join(FONT_DIR, 'files', new URL(route.request().url()).pathname.split('/').pop()!) }));
  for (const w of weights) await page.addStyleTag({ content: readFileSync(join(FONT_DIR, `${w}.css`), 'utf8').replaceAll('url(./files/', 'url(/__test-fonts/') });
}

/** One browser tab on /sandbox, with the moves a person makes there. */
export class SandboxChat {
  constructor(readonly page: Page, readonly base: string) {}

  static async open(browser: Browser, base: string, opts: { viewport?: { width: number; height: number }; deviceScaleFactor?: number; fontWeights?: readonly number[] } = {}): Promise<SandboxChat> {
    const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 900 }, deviceScaleFactor: opts.deviceScaleFactor, locale: 'zh-CN' });
    page.on('pageerror', (e) => console.error('[page error]', e));
    await page.goto(`${base}/sandbox`);
    await useCjkWebFont(page, opts.fontWeights);
    await page.waitForFunction(() => document.querySelectorAll('#group-select option').length >= 5);
    return new SandboxChat(page, base);
  }

  botMessages(): Locator {
    return this.page.locator('.msg[data-direction="out"]');
  }
  lastBot(): Locator {
    return this.botMessages().last();
  }
  /** The message with this sequence number (as the page renders it). */
  message(seq: string): Locator {
    return this.page.locator(`.msg[data-seq="${seq}"]`);
  }
  async groupId(unitName: string): Promise<string> {
    const id = await this.page.evaluate(async (name) => {
      const s = await (await fetch('/sandbox/api/state')).json();
      return s.groups.find((g: { unitName: string; id: string }) => g.unitName === name)?.id as string | undefined;
    }, unitName);
    if (!id) throw new Error(`no sandbox group for ${unitName}`);
    return id;
  }
  async inGroup(unitName: string): Promise<void> {
    await this.page.selectOption('#group-select', await this.groupId(unitName));
  }
  async as(userId: string): Promise<void> {
    await this.page.selectOption('#member-select', userId);
  }
  /** The sequence number of the bot's latest answer to say() or tap(). */
  answerSeq = '';
  /** The first bot message after the `before`th (an answer may come in parts: a /进度 card, then its chart). */
  private async answer(before: number): Promise<string> {
    await this.page.waitForFunction((n) => document.querySelectorAll('.msg[data-direction="out"]').length > n, before, { timeout: 15_000 });
    const reply = this.botMessages().nth(before);
    this.answerSeq = (await reply.getAttribute('data-seq'))!;
    return reply.innerText();
  }
  async say(text: string): Promise<string> {
    const before = await this.botMessages().count();
    await this.page.fill('#message-input', text);
    await this.page.click('#send-button');
    return this.answer(before);
  }
  /** The buttons under a message (its card's latest state). */
  buttons(seq: string): Locator {
    return this.message(seq).locator('.card-actions .card-btn');
  }
  /** Waits until a card with this button shows in the current group (a reminder the scheduler pushed); its seq. */
  async cardWith(label: string): Promise<string> {
    const card = this.botMessages().filter({ has: this.page.locator('.card-actions .card-btn', { hasText: new RegExp(`^${label}`) }) }).last();
    await card.waitFor({ timeout: 15_000 });
    return (await card.getAttribute('data-seq'))!;
  }
  /** Clicks a button on the given card, or on the newest card that has it; returns the bot's answer. */
  async tap(label: string, seq?: string): Promise<string> {
    const before = await this.botMessages().count();
    const scope = seq ? this.message(seq).locator('.card-actions .card-btn') : this.page.locator('.card-actions .card-btn');
    await scope.filter({ hasText: new RegExp(`^${label}`) }).last().click();
    return this.answer(before);
  }
  /** Moves the sandbox clock with its own control ('2025-02-18T09:00', Beijing time); the scheduler has run for that minute when this returns. */
  async jumpTo(localDateTime: string): Promise<void> {
    await this.page.fill('#clock-input', localDateTime);
    const [res] = await Promise.all([this.page.waitForResponse((r) => r.url().endsWith('/sandbox/api/clock'), { timeout: 20_000 }), this.page.click('#clock-button')]);
    if (!res.ok()) throw new Error(`sandbox clock: HTTP ${res.status()} ${await res.text()}`);
  }
}
