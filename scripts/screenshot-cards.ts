// `npm run docs:screenshots`: the pictures of a hazard card in docs/img/, taken from the sandbox. The real bot
// starts on a throw-away SQLite database (the sandbox's demo world, its clock set to a fixed school day), a
// teacher reports in Debian's Chromium, and the new card is cropped twice: as the sandbox draws it for DingTalk
// (the message with its ActionCard buttons) and for WeCom (the button_interaction template card).
// Needs /usr/bin/chromium (apt-get install chromium); emoji need a colour emoji font (apt-get install
// fonts-noto-color-emoji), CJK text uses the npm-shipped Noto Sans SC.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { readConfig } from '../src/config';
import { buildBot } from '../src/bootstrap';
import { AdjustableClock } from '../src/services/clock';
import { CHROMIUM, hasChromium, launchChromium, SandboxChat } from '../test/helpers/sandbox-browser';

const OUT = 'docs/img';
// A Tuesday in term time, so the pictures (hazard code, deadline) come out the same on every run.
const AT = Date.parse('2026-04-14T10:00:00+08:00');
const REPORT = '三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半';
const EMOJI_FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf';
const MAX_BYTES = 150 * 1024;

if (!hasChromium) {
  console.error(`没有找到 ${CHROMIUM}：请先 apt-get install -y chromium（不会下载其他浏览器）。`);
  process.exit(1);
}
if (!existsSync(EMOJI_FONT)) console.warn(`提示：没有彩色表情字体（${EMOJI_FONT}），图中的表情会显示成方框；apt-get install -y fonts-noto-color-emoji`);

const dir = mkdtempSync(join(tmpdir(), 'csb-shots-'));
const clock = new AdjustableClock();
clock.set(AT);
const bot = await buildBot(readConfig({ DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`, SANDBOX: '1', SCHEDULER: '0', LOG_LEVEL: 'warn' }), { clock });
const browser = await launchChromium();
try {
  const { port } = await bot.listen(0, '127.0.0.1');
  const chat = await SandboxChat.open(browser, `http://127.0.0.1:${port}`, { viewport: { width: 900, height: 1400 }, deviceScaleFactor: 1.5, fontWeights: [400, 700] });
  await chat.inGroup('泉州市丰泽区东海中学');
  await chat.as('dh-li');
  const answer = await chat.say(REPORT);
  if (!answer.includes('已登记隐患')) throw new Error(`the report was not registered: ${answer}`);
  const msg = chat.message(chat.answerSeq);
  await msg.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await chat.page.evaluate(() => document.fonts.ready);

  // DingTalk: the bot's message and the buttons under it (the WeCom preview folded under it left out).
  const wecom = msg.locator('details');
  await wecom.evaluate((d) => ((d as HTMLElement).style.display = 'none'));
  await shoot(join(OUT, 'card-dingtalk.png'), msg);
  // WeCom: the same card as a template card, opened in place.
  await wecom.evaluate((d) => { (d as HTMLElement).style.display = ''; (d as HTMLDetailsElement).open = true; });
  await shoot(join(OUT, 'card-wecom.png'), wecom.locator('.card'));
} finally {
  await browser.close();
  await bot.close();
  rmSync(dir, { recursive: true, force: true });
}

/** A PNG of one element and a small margin of the page around it (the margin stays clear of its neighbours). */
async function shoot(path: string, el: Locator): Promise<void> {
  const box = (await el.boundingBox())!;
  const m = 5;
  mkdirSync(OUT, { recursive: true });
  await el.page().screenshot({ path, clip: { x: Math.max(0, box.x - m), y: Math.max(0, box.y - m), width: box.width + 2 * m, height: box.height + 2 * m } });
  const bytes = statSync(path).size;
  console.log(`${path}  ${(bytes / 1024).toFixed(1)} KB`);
  if (bytes > MAX_BYTES) throw new Error(`${path} is ${bytes} bytes, more than ${MAX_BYTES}: crop tighter or lower deviceScaleFactor`);
}
