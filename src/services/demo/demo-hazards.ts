import type { Services } from '../container';
import { seed } from '../../db/repositories/seed.repository';
import { fileReport } from '../hazards/report.flow';
import { getHazardByCode, transition } from '../hazards/hazard.service';
import { DAY_MS, HOUR_MS } from '../time';
import { classifyLocal } from '../classifier/local';
import type { HazardStatus } from '../../../entities/hazard.entity';

type Step = 'confirm' | 'rectify' | 'close' | 'reject';

/** A few weeks of reports in every state, written through the same services the bot uses. */
const REPORTS: [school: string, reporter: string, daysAgo: number, text: string, steps: Step[]][] = [
  ['泉州市丰泽区东海中学', 'dh-li', 20, '一楼楼梯间堆放了很多纸箱，挡住了安全出口', ['confirm', 'rectify', 'close']],
  ['泉州市丰泽区东海中学', 'dh-li', 15, '食堂操作间的燃气报警器不亮了', ['confirm', 'rectify', 'close']],
  ['泉州市丰泽区东海中学', 'dh-zhao', 12, '操场东侧篮球架底座松动，学生一碰就晃', ['confirm', 'rectify']],
  ['泉州市丰泽区东海中学', 'dh-li', 9, '教学楼三楼走廊的灭火器压力指针在红区', ['confirm']],
  ['泉州市丰泽区东海中学', 'dh-li', 2, '二楼男厕所的灯坏了，晚自习很暗', []],
  ['泉州市丰泽区东海中学', 'dh-zhao', 6, '有人反映校门口不是隐患，是误报', ['reject']],
  ['泉州市丰泽区实验小学', 'sx-chen', 18, '化学实验室的酒精和其他试剂混放在普通柜子里', ['confirm', 'rectify', 'close']],
  ['泉州市丰泽区实验小学', 'sx-chen', 10, '围墙西北角出现一条斜向裂缝，下雨后有渗水', ['confirm']],
  ['泉州市丰泽区实验小学', 'sx-chen', 4, '校门口上下学时段没有护学岗，车辆很多', []],
  ['泉州市丰泽区第二中心幼儿园', 'ey-su', 14, '午睡室没有烟感报警器', ['confirm', 'rectify']],
  ['泉州市丰泽区第二中心幼儿园', 'ey-su', 3, '滑梯扶手有一颗螺丝松了', []],
];

export async function seedDemoHazards(services: Services, now: number): Promise<number> {
  const { ds, units } = services;
  const rows = seed(ds);
  await units.refresh();
  let created = 0;
  for (const [i, [school, reporterId, daysAgo, text, steps]] of REPORTS.entries()) {
    const unit = units.byName(school);
    if (!unit) continue;
    const reporter = await rows.member('local', reporterId);
    const group = await rows.groupOf(unit.id, 'local');
    const officer = await rows.memberInRole(unit.id, 'safety_officer');
    const principal = await rows.memberInRole(unit.id, 'principal');
    if (!reporter || !group || !officer || !principal) continue;
    const at = now - daysAgo * DAY_MS;
    const c = classifyLocal(text);
    // The demo keeps red lines as ordinary red items so it does not page the district on every start.
    const classification = { ...c, major: { flag: false, suspected: c.major.flag } };
    const { hazard, created: isNew } = await fileReport(services, {
      unit, groupId: group.id, reporter, reporterName: reporter.name, text, sourceMsg: `demo:${i}`, now: at, classification,
    });
    if (!isNew) continue;
    created++;
    let h = hazard;
    const act = async (to: HazardStatus, expect: HazardStatus[], action: string, actor: { id: number; name: string }, offset: number, set: Record<string, unknown> = {}, note: string | null = null) => {
      h = (await transition(ds, { hazard: (await getHazardByCode(ds, h.code))!, expect, to, set, actor, action, note, sourceMsg: `demo:${i}:${action}`, now: at + offset })).hazard;
    };
    const o = { id: officer.id, name: officer.name };
    const p = { id: principal.id, name: principal.name };
    for (const step of steps) {
      if (step === 'confirm') await act('rectifying', ['pending'], 'confirm', o, 2 * HOUR_MS, { responsibleId: o.id, responsibleName: o.name });
      if (step === 'rectify') await act('verifying', ['rectifying'], 'rectify', o, DAY_MS, { measures: '已整改', rectifiedById: o.id, rectifiedAt: at + DAY_MS }, '已整改');
      if (step === 'close') await act('closed', ['verifying'], 'verify_pass', p, DAY_MS + 4 * HOUR_MS, { verifiedById: p.id, verifiedAt: at + DAY_MS + 4 * HOUR_MS, closedAt: at + DAY_MS + 4 * HOUR_MS });
      if (step === 'reject') await act('rejected', ['pending', 'rectifying'], 'reject', o, HOUR_MS, { rejectReason: '误报' }, '误报');
    }
  }
  return created;
}
