import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combinedRules } from '../../src/services/checklist/guide';
import { emergencyTypes } from '../../src/services/emergency/emergency-types';
import { evaluateCombined } from '../../src/services/hazards/combined';
import { recordReport } from '../../src/services/hazards/hazard.service';
import { getItem } from '../../src/services/checklist/catalogue';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { grant } from '../helpers/trust';

const targets = await dbTargets();

describe.each(targets)('emergencies and combined judgements on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let school: DingtalkChat;
  let district: DingtalkChat;
  const code = (text: string) => /YH-\d{4}-\d{6}/.exec(text)?.[0] ?? '';
  const q = (sql: string, params: unknown[] = []) => t.bot.ds.query(sql, params) as Promise<any[]>;

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    await q(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '东海中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    await q(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '实验小学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    school = new DingtalkChat(t.base, fake, 'cid-donghai');
    district = new DingtalkChat(t.base, fake, 'cid-fengze');
    await grant(t.bot.ds, [
      ['dingtalk', 'huang', '区教育局管理员', '丰泽区教育局', '黄科长'],
      ['dingtalk', 'zheng', '市教育局管理员', '泉州市教育局', '郑科长'],
      ['dingtalk', 'wang', '安全员', '东海中学', '王安全员'],
    ]);
    school.mentionIds = { 林校长: 'lin', 赵师傅: 'zhao', 王安全员: 'wang', 李老师: 'li' };
    district.mentionIds = { 林校长: 'lin', 赵师傅: 'zhao', 王安全员: 'wang', 李老师: 'li' };
    expect(await district.say('huang', '黄科长', '/绑定 丰泽区教育局')).toContain('区教育局管理员');
    expect(await school.say('wang', '王安全员', '/绑定 东海中学')).toContain('安全员');
    expect(await school.say('lin', '林校长', '/我是谁')).toContain('教师');
    expect(await school.say('wang', '王安全员', '/角色 @林校长 校长')).toContain('设为校长');
    expect(await school.say('li', '李老师', '/我是谁')).toContain('教师');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  for (const type of emergencyTypes) {
    it(`${type.code}: one message gives the immediate steps, alerts the principal and the district, files a 紧急 record`, async () => {
      const text = type.examples[0];
      const { session, msgId } = await school.send('li', '李老师', text);
      const reply = await school.replyTo(session);
      // The reply: the emergency, its first step, the record, who was told.
      expect(reply).toContain(`紧急情况：${type.title}`);
      expect(reply).toContain(`1. ${type.steps[0]}`);
      expect(reply).toContain('已通知：校长、区教育局安全群');
      const c = code(reply);
      const [h] = await q(`SELECT * FROM hazard WHERE code = ?`, [c]);
      expect(h).toMatchObject({ emergency: type.code, status: 'rectifying', risk: 'red' });
      // One processing cycle: the message was processed once, and both alerts were enqueued before the reply.
      const [inbound] = await q(`SELECT id, status FROM inbound_message WHERE msg_id = ?`, [msgId]);
      const rows = await q(`SELECT id, dedupe_key, kind FROM outbox_message WHERE dedupe_key LIKE ? OR dedupe_key LIKE ? ORDER BY id`, [`emergency:${h.id}:%`, `reply:${inbound.id}:%`]);
      const principal = rows.find((r) => r.dedupe_key === `emergency:${h.id}:principal`);
      const districtRow = rows.find((r) => String(r.dedupe_key).startsWith(`emergency:${h.id}:district:`));
      const replyRow = rows.find((r) => String(r.dedupe_key).startsWith('reply:'));
      expect(principal && districtRow && replyRow, JSON.stringify(rows)).toBeTruthy();
      expect(Number(principal.id)).toBeLessThan(Number(replyRow.id));
      expect(Number(districtRow.id)).toBeLessThan(Number(replyRow.id));
      // Both alerts are delivered: the principal is named in the school group, the district group gets the case.
      await fake.waitFor((r) => r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId === 'cid-donghai' && textOf(r).includes('林校长') && textOf(r).includes(c));
      await fake.waitFor((r) => r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId === 'cid-fengze' && textOf(r).includes(c));
      const [event] = await q(`SELECT action, to_status, note FROM hazard_event WHERE hazard_id = ?`, [h.id]);
      expect(event).toMatchObject({ action: 'report', to_status: 'rectifying' });
      expect(event.note).toContain('紧急');
    });
  }

  it('a near miss of an emergency is an ordinary report', async () => {
    const reply = await school.say('li', '李老师', '/隐患 吊扇摇晃，担心会砸到人');
    expect(reply).not.toContain('紧急情况');
    const [h] = await q(`SELECT emergency, status FROM hazard WHERE code = ?`, [code(reply)]);
    expect(h).toMatchObject({ emergency: null, status: 'pending' });
  });

  it('every combined rule fires exactly at its threshold, and not below it', async () => {
    for (const rule of combinedRules) {
      const [{ id: parentId }] = await q(`SELECT id FROM unit WHERE name = '丰泽区教育局'`);
      const name = `阈值测试学校-${rule.code}`;
      await q(`INSERT INTO unit (name, kind, parent_id, created_at) VALUES (?, 'school', ?, 0)`, [name, parentId]);
      await t.bot.services.units.refresh();
      const [{ id: unitId }] = await q(`SELECT id FROM unit WHERE name = ?`, [name]);
      const unit = t.bot.services.units.get(Number(unitId))!;
      const add = async (i: number) => {
        const item = getItem(rule.items[i % rule.items.length])!;
        await recordReport(t.bot.ds, {
          unitId: Number(unitId), groupId: null, reporter: null, reporterName: '测试', description: `${item.title} 第${i + 1}处`,
          classification: { area: item.area, item: item.code, risk: item.risk, major: { flag: false }, confidence: 1, source: 'local' },
          deadlineAt: Date.now() + 86_400_000, responsible: null, sourceMsg: `threshold:${rule.code}:${i}`, now: Date.now(),
        });
      };
      for (let i = 0; i < rule.threshold - 1; i += 1) await add(i);
      expect(await evaluateCombined(t.bot.services, unit, Date.now(), [rule]), `${rule.code} below`).toHaveLength(0);
      await add(rule.threshold - 1);
      const raised = await evaluateCombined(t.bot.services, unit, Date.now(), [rule]);
      expect(raised, `${rule.code} at`).toHaveLength(1);
      expect(raised[0]).toMatchObject({ majorCriterion: rule.code, majorSuspected: true, risk: 'red', itemCode: rule.fileUnder });
      expect(await evaluateCombined(t.bot.services, unit, Date.now(), [rule]), `${rule.code} again`).toHaveLength(0);
    }
  });

  it('a combined judgement fires exactly at its threshold, once, and again only after the set fell below it', async () => {
    const rule = combinedRules.find((r) => r.code === 'guide.fire.combined-evacuation')!;
    const lesser = ['/隐患 二楼楼道堆了几张旧课桌', '/隐患 一楼安全出口的指示灯不亮了', '/隐患 三楼防火门的闭门器坏了，关不上', '/隐患 四楼走廊又堆了纸箱'];
    const raisedFor = async () => q(`SELECT * FROM combined_judgement WHERE rule_code = ? AND unit_id = (SELECT id FROM unit WHERE name = '东海中学') ORDER BY id`, [rule.code]);
    const codes: string[] = [];
    for (let i = 0; i < rule.threshold - 1; i += 1) {
      const reply = await school.say('li', '李老师', lesser[i]);
      expect(reply).not.toContain('重大');
      codes.push(code(reply));
    }
    const items = await q(`SELECT item_code FROM hazard WHERE code IN (${codes.map(() => '?').join(',')})`, codes);
    for (const row of items) expect(rule.items).toContain(row.item_code);
    expect(await raisedFor()).toHaveLength(0); // threshold − 1: nothing

    const third = await school.say('li', '李老师', lesser[rule.threshold - 1]);
    codes.push(code(third));
    const [judgement] = await raisedFor();
    expect(judgement).toBeDefined();
    expect(JSON.parse(judgement.findings)).toHaveLength(rule.threshold);
    const [raised] = await q(`SELECT * FROM hazard WHERE id = ?`, [judgement.hazard_id]);
    expect(raised).toMatchObject({ major: 0, major_suspected: 1, risk: 'red', major_criterion: rule.code, status: 'pending' });
    const push = await fake.waitFor((r) => r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId === 'cid-donghai' && textOf(r).includes(raised.code));
    expect(textOf(push)).toContain('综合判定');
    for (const c of codes) expect(textOf(push)).toContain(c);
    expect(textOf(push)).toContain(`/改级 ${raised.code} 红 重大`);

    // A fourth finding, and a second evaluation (another processor, a reprocessed message): still one.
    await school.say('li', '李老师', lesser[3]);
    const unit = t.bot.services.units.get(Number(raised.unit_id))!;
    await Promise.all([evaluateCombined(t.bot.services, unit, Date.now()), evaluateCombined(t.bot.services, unit, Date.now())]);
    expect((await raisedFor()).filter((j) => j.open_key !== null)).toHaveLength(1);
    expect(await q(`SELECT id FROM hazard WHERE major_criterion = ? AND unit_id = ?`, [rule.code, raised.unit_id])).toHaveLength(1);

    // Close findings until the set is below the threshold: the judgement closes; reaching it again raises anew.
    const open = await q(`SELECT id FROM hazard WHERE unit_id = ? AND item_code IN (${rule.items.map(() => '?').join(',')}) AND status = 'pending' AND major_criterion IS NULL ORDER BY id`, [raised.unit_id, ...rule.items]);
    for (const row of open.slice(0, 2)) await q(`UPDATE hazard SET status = 'closed' WHERE id = ?`, [row.id]);
    await evaluateCombined(t.bot.services, unit, Date.now());
    expect((await raisedFor()).filter((j) => j.open_key !== null)).toHaveLength(0);
    await school.say('li', '李老师', '/隐患 五楼楼梯间的应急灯不亮');
    const all = await raisedFor();
    expect(all).toHaveLength(2);
    expect(all[1].open_key).not.toBeNull();
  });
});
