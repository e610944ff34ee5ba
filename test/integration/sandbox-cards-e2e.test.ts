// The rectification loop by taps in real Chromium: the sandbox page served by the real bot, on a fresh SQLite
// database. report → 确认 → 已整改 (the measure typed when asked) → 通过, each click a tap on the card's buttons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { dbTargets } from '../helpers/db';
import { startBot, type TestBot } from '../helpers/bot';
import { CHROMIUM, hasChromium, launchChromium, SandboxChat } from '../helpers/sandbox-browser';

if (!hasChromium) console.log(`[sandbox-cards-e2e] skipped: ${CHROMIUM} not found (.ci/run installs it with apt-get install -y chromium)`);
const [sqlite] = await dbTargets();

describe.skipIf(!hasChromium)('sandbox cards end to end (Chromium + real bot)', () => {
  let url: string;
  let t: TestBot;
  let browser: Browser;
  let chat: SandboxChat;

  const events = async (code: string) => (await t.bot.ds.query(`SELECT e.action, e.actor_name FROM hazard_event e JOIN hazard h ON h.id = e.hazard_id WHERE h.code = ? ORDER BY e.id`, [code])).map((r: any) => `${r.action}:${r.actor_name}`);

  beforeAll(async () => {
    url = await sqlite.create();
    t = await startBot(url, { SANDBOX: '1' });
    browser = await launchChromium();
    chat = await SandboxChat.open(browser, t.base);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sqlite.drop(url);
  });

  it('report → 确认 → 已整改 (typed measure) → 通过 by clicks; a wrong click changes nothing', async () => {
    await chat.inGroup('泉州市丰泽区东海中学');
    await chat.as('dh-li');
    const report = await chat.say('三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半');
    expect(report).toContain('已登记隐患');
    const code = /YH-\d{4}-\d{6}/.exec(report)![0];
    const seq = (await chat.lastBot().getAttribute('data-seq'))!;
    expect(await chat.buttons(seq).allInnerTexts()).toEqual(['确认（王安全员）', '改派', '驳回', '改级']);

    // The teacher who reported may not confirm: a short refusal, the card stays.
    expect(await chat.tap('确认')).toContain('只有本校安全员或校长可以处理');
    expect(await events(code)).toEqual(['report:李老师']);

    await chat.as('dh-wang');
    expect(await chat.tap('确认')).toContain('整改中');
    // The tapped card now shows the next step in place.
    await expect.poll(() => chat.buttons(seq).allInnerTexts()).toEqual(['已整改', '改派']);

    expect(await chat.tap('已整改')).toContain('请回复整改措施');
    expect(await chat.say('桌椅已搬到一楼仓库')).toContain('待验收');

    await chat.as('dh-lin');
    expect(await chat.tap('通过')).toContain(`${code} 已销号`);
    expect(await events(code)).toEqual(['report:李老师', 'confirm:王安全员', 'rectify:王安全员', 'verify_pass:林校长']);
    mkdirSync('test-artifacts', { recursive: true });
    // The screenshot shows the report with its buttons and, opened, the same card as 企业微信 draws it.
    await chat.message(seq).locator('details').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await chat.message(seq).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await chat.page.screenshot({ path: 'test-artifacts/sandbox-cards.png', fullPage: false });
    expect(existsSync('test-artifacts/sandbox-cards.png')).toBe(true);
  });
});
