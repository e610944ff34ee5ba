import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { quarterlyRowCounts, sh, startQuarterlyWorld, stopQuarterlyWorld, type QuarterlyWorld } from '../helpers/quarterly-world';

const targets = await dbTargets();

describe.each(targets)('/季报 in chat on $name', (target) => {
  let url: string;
  let w: QuarterlyWorld;
  let donghai: number;
  let shiyan: number;
  const q = (sql: string, params: unknown[] = []) => w.t.bot.ds.query(sql, params);
  /** Stored value of a cell of a unit's 2025Q1 record, in hundredths. */
  const cents = async (unitId: number, cell: string) =>
    (await q(`SELECT v.value_cents AS c FROM quarterly_value v JOIN quarterly_submission s ON s.id = v.submission_id WHERE s.unit_id = ? AND s.quarter = '2025Q1' AND v.cell = ?`, [unitId, cell]))
      .map((r: any) => Number(r.c))[0];
  let seq = 0;
  const hazard = async (unitId: number, h: { risk: string; status: string; created: number; rectified?: number; closed?: number; major?: boolean }) => {
    seq += 1;
    await q(
      `INSERT INTO hazard (code, unit_id, reporter_name, description, area, item_code, risk, major, major_suspected, classifier_source, status, deadline_at, rectified_at, closed_at, version, created_at, updated_at)
       VALUES (?, ?, '李老师', '测试隐患', 'fire', 'fire-01', ?, ?, 0, 'local', ?, ?, ?, ?, 0, ?, ?)`,
      [`YH-2025-${String(900000 + seq)}`, unitId, h.risk, h.major ? 1 : 0, h.status, h.created + 86_400_000, h.rectified ?? null, h.closed ?? null, h.created, h.created],
    );
    return Number((await q(`SELECT id FROM hazard WHERE code = ?`, [`YH-2025-${String(900000 + seq)}`]))[0].id);
  };

  beforeAll(async () => {
    url = await target.create();
    w = await startQuarterlyWorld(url);
    donghai = await w.id('东海中学');
    shiyan = await w.id('实验小学');
  });
  afterAll(async () => {
    await stopQuarterlyWorld(w);
    await target.drop(url);
  });

  it('proposes the quarter’s figures from the hazard ledger and takes them on request', async () => {
    await hazard(donghai, { risk: 'yellow', status: 'closed', created: sh(2025, 1, 10), rectified: sh(2025, 1, 12), closed: sh(2025, 1, 13) });
    await hazard(donghai, { risk: 'orange', status: 'rectifying', created: sh(2025, 2, 1) });
    await hazard(donghai, { risk: 'blue', status: 'verifying', created: sh(2025, 2, 15), rectified: sh(2025, 3, 1) });
    await hazard(donghai, { risk: 'red', status: 'rejected', created: sh(2025, 3, 1) }); // not a hazard
    await hazard(donghai, { risk: 'yellow', status: 'pending', created: sh(2024, 12, 20) }); // before 2025: still open, not counted as found
    const major = await hazard(donghai, { risk: 'red', status: 'closed', created: sh(2025, 3, 2), rectified: sh(2025, 3, 9), closed: sh(2025, 3, 10), major: true });
    await q(`INSERT INTO supervision (hazard_id, opened_at, updated_at, closed_at) VALUES (?, ?, ?, ?)`, [major, sh(2025, 3, 2), sh(2025, 3, 10), sh(2025, 3, 10)]);
    const open = await hazard(shiyan, { risk: 'red', status: 'rectifying', created: sh(2025, 1, 20), major: true });
    await q(`INSERT INTO supervision (hazard_id, opened_at, updated_at) VALUES (?, ?, ?)`, [open, sh(2025, 1, 20), sh(2025, 1, 20)]);

    const status = await w.donghai.say('wang', '王安全员', '/季报');
    expect(status).toContain('东海中学 · 2025年第一季度季报');
    expect(status).toContain('4月1日截止，还有 7 天');
    expect(status).toContain('已填 0/55 项');
    expect(status).toContain('附件3：已填 0/30，缺 建立全员责任制及其考核清单');
    // Only what the ledger measures: found since January, and rectified = closed (the 待验收 one may still fail).
    for (const p of ['自查隐患数量=4', '整改隐患数量=2']) expect(status, p).toContain(p);
    // 四色 is a whole-school assessment and 内部报告 a count of the reward scheme's reports: asked, never guessed.
    for (const p of ['四色监管学校数量=', '红色风险学校=', '内部报告隐患数量=']) expect(status, p).not.toContain(p);
    expect(status).toContain('在办隐患 🔴0 🟠1 🟡1 🔵1');
    expect(status).toContain('/季报 采用建议');

    const district = await w.fengze.say('huang', '黄科长', '/季报');
    expect(district).toContain('丰泽区教育局 · 2025年第一季度季报');
    expect(district).toContain('挂牌督办学校数=2 挂牌督办隐患数=2 挂牌督办隐患整改数=1');
    expect(district).toContain('学校已提交 0/3');

    expect(await w.donghai.say('wang', '王安全员', '/季报 采用建议')).toContain('已采用台账建议 2 项：自查隐患数量=4');
    expect(await cents(donghai, 'f3.hazard_selfcheck')).toBe(400);
    expect(await cents(donghai, 'f3.hazard_rectified')).toBe(200);
    expect(await cents(donghai, 'f3.risk_orange')).toBeUndefined();

    // A hazard reported today shows up in the next proposal.
    await hazard(donghai, { risk: 'blue', status: 'pending', created: sh(2025, 3, 24) });
    expect(await w.donghai.say('wang', '王安全员', '/季报')).toContain('自查隐患数量=5');
  });

  it('refuses bad input, naming the field and the rule, and stores nothing', async () => {
    const before = await quarterlyRowCounts(w);
    const refused = async (who: [string, string], text: string, ...needles: string[]) => {
      const reply = await w.donghai.say(who[0], who[1], text);
      for (const n of needles) expect(reply, text).toContain(n);
      return reply;
    };
    const wang: [string, string] = ['wang', '王安全员'];
    await refused(['li', '李老师'], '/季报 自查隐患数量=3', '只有本校安全员或校长', '你是：教师');
    await refused(wang, '/季报 自查隐患数量=6 不存在的栏目=3', '没有保存', '不认识「不存在的栏目」');
    await refused(wang, '/季报 整改隐患数量=-1', '整改隐患数量不能是负数（-1）');
    await refused(wang, '/季报 自查隐患数量=十二', '自查隐患数量的值「十二」不是数字');
    await refused(wang, '/季报 自查隐患数量=1.5', '自查隐患数量必须是整数（1.5）');
    await refused(wang, '/季报 年度考核兑现奖励资金=0.123', '最多保留两位小数');
    await refused(wang, '/季报 附件5.罚款金额=1', '由县（市、区）教育局填报');
    expect(await w.donghai.say('wang', '王安全员', '/季报 整改隐患数量=12 自查隐患数量=10')).toBe('没有保存：整改隐患数量（12）不能大于自查隐患数量（10）。请核对后重发。');
    // Checked against what is stored: 自查 is 4.
    await refused(wang, '/季报 整改隐患数量=6', '整改隐患数量（6）不能大于自查隐患数量（4）');
    await refused(wang, '/季报 四色监管学校数量=1 红色风险学校=1 橙色风险学校=1 黄色风险学校=0 蓝色风险学校=0', '之和（2）不能大于四色监管学校数量（1）');
    await refused(wang, '/季报 提交', '没有提交', '项没填', '建立全员责任制及其考核清单', '/季报 其余填0');
    await refused(['li', '李老师'], '/季报 提交', '你是：教师');
    expect(await quarterlyRowCounts(w)).toEqual(before);
    expect(await cents(donghai, 'f3.hazard_selfcheck')).toBe(400);
    expect((await q(`SELECT status FROM quarterly_submission WHERE unit_id = ?`, [donghai]))[0].status).toBe('draft');
  });

  it('keeps every change with who and when, money exact to the cent', async () => {
    w.clock.set(sh(2025, 3, 26, 9));
    // Money paid needs someone paid: the zero-fill below would otherwise be refused.
    const reply = await w.donghai.say('wang', '王安全员', '/季报 自查隐患数量 = 6，整改隐患数量=5 年度考核兑现奖励资金=0.15 年度考核学校数量=1 年度考核兑现奖励学校数量=1');
    expect(reply).toContain('已保存 5 项：自查隐患数量=6（原 4）、整改隐患数量=5（原 2）、年度考核兑现奖励资金=0.15');
    expect(await cents(donghai, 'f5.assess_reward_money')).toBe(15);
    const history = await q(
      `SELECT h.old_cents, h.new_cents, h.actor, h.actor_name, h.source, h.at FROM quarterly_value_history h JOIN quarterly_submission s ON s.id = h.submission_id
        WHERE s.unit_id = ? AND h.cell = 'f3.hazard_selfcheck' ORDER BY h.id`,
      [donghai],
    );
    expect(history.map((h: any) => [h.old_cents === null ? null : Number(h.old_cents), Number(h.new_cents), h.actor, h.actor_name, h.source])).toEqual([
      [null, 400, 'dingtalk:wang', '王安全员', 'proposal'],
      [400, 600, 'dingtalk:wang', '王安全员', 'chat'],
    ]);
    expect(Math.abs(Number(history[1].at) - sh(2025, 3, 26, 9))).toBeLessThan(60_000);
  });

  it('locks on submit; the school withdraws before the deadline, only the district after', async () => {
    w.clock.set(sh(2025, 3, 27));
    expect(await w.donghai.say('wang', '王安全员', '/季报 其余填0')).toMatch(/空着的 \d+ 项填 0/);
    const done = await w.donghai.say('wang', '王安全员', '/季报 提交');
    expect(done).toContain('✅ 已提交 东海中学 2025年第一季度季报');
    // A school's submission files its own 季报数据 (due 3/28, collected by its district), not the district's 季报.
    expect(done).toContain('已报送');
    expect((await q(`SELECT deadline_key, occurrence FROM filing WHERE unit_id = ? AND undone_at IS NULL`, [donghai])).map((r: any) => `${r.deadline_key} ${r.occurrence}`)).toEqual(['q1-school 2025-03-28']);
    // 联系电话 is asked once, at the first submission, and kept in the submitter's profile.
    expect(done).toContain('请回复 /季报 电话=13800000000（只需一次）');
    expect(await w.donghai.say('wang', '王安全员', '/季报 电话=13900001111')).toContain('已登记联系电话 13900001111');
    expect((await q(`SELECT mobile FROM member WHERE user_id = 'wang'`))[0].mobile).toBe('13900001111');
    expect(await w.donghai.say('wang', '王安全员', '/季报 自查隐患数量=7')).toContain('已锁定。要更正请先发 /季报 撤回');
    expect(await w.donghai.say('li', '李老师', '/季报 撤回')).toContain('你是：教师');
    expect(await w.donghai.say('wang', '王安全员', '/季报 撤回')).toContain('已撤回 东海中学 2025年第一季度季报');
    expect(await w.donghai.say('wang', '王安全员', '/季报 提交')).toContain('✅ 已提交');

    w.clock.set(sh(2025, 4, 3));
    expect(await w.donghai.say('wang', '王安全员', '/季报 撤回')).toContain('已过截止日（4月1日），本单位不能再撤回。请联系丰泽区教育局管理员发 /季报 撤回 东海中学');
    expect(await w.fengze.say('huang', '黄科长', '/季报 东海中学 自查隐患数量=7')).toContain('已锁定。要更正请先发 /季报 撤回 东海中学');
    expect(await w.fengze.say('huang', '黄科长', '/季报 实验小学 自查隐患数量=7')).toContain('先发 /季报 撤回 实验小学，再代为更正');
    expect(await w.fengze.say('huang', '黄科长', '/季报 提交 实验小学')).toContain('由本校安全员或校长填写');
    expect(await w.shiyan.say('xu', '许安全员', '/季报 撤回 东海中学')).toContain('不在你的管辖范围内');
    expect(await w.fengze.say('huang', '黄科长', '/季报 撤回 东海中学')).toContain('已撤回 东海中学 2025年第一季度季报，恢复为草稿。可代为更正');
    expect(await w.fengze.say('huang', '黄科长', '/季报 东海中学 自查隐患数量=7 整改隐患数量=6')).toContain('已保存 2 项：自查隐患数量=7（原 6）');
    const last = await q(`SELECT h.actor FROM quarterly_value_history h ORDER BY h.id DESC LIMIT 1`);
    expect(last[0].actor).toBe('dingtalk:huang');
    expect(await w.fengze.say('huang', '黄科长', '/季报 提交 东海中学')).toContain('✅ 已提交 东海中学');
    // Filed and past due: the school's /季报 moves on to the next quarter.
    expect(await w.donghai.say('wang', '王安全员', '/季报')).toContain('东海中学 · 2025年第二季度季报');
    expect(await w.donghai.say('wang', '王安全员', '/季报 2025Q1')).toContain('✅ 已提交');
  });

  it('answers usage, unknown units and the city without a form of its own', async () => {
    expect(await w.donghai.say('wang', '王安全员', '/季报 帮助')).toContain('/季报 采用建议');
    expect(await w.fengze.say('huang', '黄科长', '/季报 不存在中学')).toContain('没有找到单位「不存在中学」');
    expect(await w.city.say('zheng', '郑科长', '/季报 提交')).toContain('市教育局不填季报');
    expect(await w.donghai.say('wang', '王安全员', '/季报 2030Q1')).toContain('还没开始');
  });
});
