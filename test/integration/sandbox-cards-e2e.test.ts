// Cards tapped in real Chromium: the sandbox page served by the real bot, on a fresh SQLite database. The
// rectification loop (report → 确认 → 已整改 with the measure typed when asked → 通过), then the filings and figures:
// a reminder the real scheduler pushes when the sandbox clock jumps (已报送), the /季报 card (采用建议, 提交) and the
// /进度 card's period switch, each click a tap on the card's buttons.
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

  const n = async (sql: string, params: unknown[] = []) => Number((await t.bot.ds.query(sql, params))[0].n);
  const DONGHAI = '泉州市丰泽区东海中学';
  const filings = (deadlineKey: string) => n(`SELECT COUNT(*) AS n FROM filing f JOIN unit u ON u.id = f.unit_id WHERE u.name = ? AND f.deadline_key = ? AND f.undone_at IS NULL`, [DONGHAI, deadlineKey]);
  const audits = (action: string) => n(`SELECT COUNT(*) AS n FROM audit_log WHERE action = ?`, [action]);
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

  it('已报送 on the reminder the clock jump pushes: the teacher is refused, the safety officer files once, a second tap changes nothing', async () => {
    await chat.inGroup(DONGHAI);
    // The real reminder job for the sandbox's units: three days before the 2/21 方案 deadline, at 09:00.
    await chat.jumpTo('2025-02-18T09:00');
    const reminder = await chat.cardWith('已报送');
    expect(await chat.message(reminder).innerText()).toContain('/已报送 承诺书');
    expect(await chat.buttons(reminder).allInnerTexts()).toEqual(['已报送', '查看要求']);

    await chat.as('dh-li');
    expect(await chat.tap('已报送', reminder)).toContain('只有学校的安全员或校长、区教育局管理员可以登记报送（你是：教师）');
    expect(await filings('plan')).toBe(0);

    await chat.as('dh-wang');
    expect(await chat.tap('已报送', reminder)).toContain('✅ 已记录：东海中学 已完成「报送 2025 年具体方案」');
    expect(await filings('plan')).toBe(1);
    expect(await audits('filing.mark')).toBe(1);
    expect(await chat.tap('已报送', reminder)).toContain('无需重复');
    expect(await filings('plan')).toBe(1);
    expect(await audits('filing.mark')).toBe(1);
  });

  it('/季报 card: 采用建议 then 提交 by taps (the teacher refused, a second 提交 changes nothing); /进度 本月 switches the period', async () => {
    await chat.inGroup(DONGHAI);
    await chat.jumpTo('2025-03-27T10:00');
    await chat.as('dh-wang');
    expect(await chat.say('/季报')).toContain('2025年第一季度季报');
    const quarterly = chat.answerSeq;
    expect(await chat.buttons(quarterly).allInnerTexts()).toEqual(['采用建议', '提交', '导出']);
    const values = () => n(`SELECT COUNT(*) AS n FROM quarterly_value v JOIN quarterly_submission s ON s.id = v.submission_id JOIN unit u ON u.id = s.unit_id WHERE u.name = ?`, [DONGHAI]);
    const submitted = () => n(`SELECT COUNT(*) AS n FROM quarterly_submission s JOIN unit u ON u.id = s.unit_id WHERE u.name = ? AND s.status = 'submitted'`, [DONGHAI]);

    await chat.as('dh-li');
    expect(await chat.tap('提交', quarterly)).toContain('（你是：教师）');
    expect(await submitted()).toBe(0);

    await chat.as('dh-wang');
    expect(await chat.tap('采用建议', quarterly)).toContain('已采用台账建议 2 项');
    expect(await values()).toBe(2);
    // Every one of the 55 cells must have a number before a submission: the ones without a suggestion are typed.
    expect(await chat.say('/季报 其余填0')).toMatch(/填 0/);
    expect(await chat.tap('提交', quarterly)).toMatch(/已提交/);
    expect(await submitted()).toBe(1);
    expect(await filings('q1-school')).toBe(1);
    const history = await n(`SELECT COUNT(*) AS n FROM quarterly_value_history`);
    expect(await chat.tap('提交', quarterly)).not.toMatch(/✅ 已提交/);
    expect(await submitted()).toBe(1);
    expect(await filings('q1-school')).toBe(1);
    expect(await n(`SELECT COUNT(*) AS n FROM quarterly_value_history`)).toBe(history);

    const week = await chat.say('/进度 本周');
    expect(week).toContain('本周（3/24–3/27）安全进度');
    const progress = chat.answerSeq;
    expect(await chat.buttons(progress).allInnerTexts()).toEqual(['本月', '本季度', '导出台账']);
    const month = await chat.tap('本月', progress);
    expect(month).toContain('3月 安全进度');
    expect(month).not.toContain('本周（');
    expect(month).toContain('季报数据（3月28日截止，还有 1 天）本单位已报送');
    // The answer is the month's card: its own switches, and 本月 as WeCom's card shows it.
    expect(await chat.buttons(chat.answerSeq).allInnerTexts()).toEqual(['本周', '本季度', '导出台账']);
    expect(await chat.message(chat.answerSeq).locator('.card .card-desc').textContent()).toBe('本月');
  });
});
