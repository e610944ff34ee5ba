import type { DataSource } from 'typeorm';
import { seed } from '../../db/repositories/seed.repository';
import type { Role } from '../../../entities/member.entity';

export const DEMO_DISTRICT = '丰泽区教育局';
export const DEMO_SCHOOLS = ['泉州市丰泽区东海中学', '泉州市丰泽区实验小学', '泉州市丰泽区第二中心幼儿园'];

const PEOPLE: [unit: string, userId: string, name: string, role: Role][] = [
  ['泉州市丰泽区东海中学', 'dh-li', '李老师', 'teacher'],
  ['泉州市丰泽区东海中学', 'dh-zhao', '赵师傅', 'teacher'],
  ['泉州市丰泽区东海中学', 'dh-wang', '王安全员', 'safety_officer'],
  ['泉州市丰泽区东海中学', 'dh-lin', '林校长', 'principal'],
  ['泉州市丰泽区实验小学', 'sx-chen', '陈老师', 'teacher'],
  ['泉州市丰泽区实验小学', 'sx-xu', '许安全员', 'safety_officer'],
  ['泉州市丰泽区实验小学', 'sx-guo', '郭校长', 'principal'],
  ['泉州市丰泽区第二中心幼儿园', 'ey-su', '苏老师', 'teacher'],
  ['泉州市丰泽区第二中心幼儿园', 'ey-cai', '蔡安全员', 'safety_officer'],
  ['泉州市丰泽区第二中心幼儿园', 'ey-ke', '柯园长', 'principal'],
  [DEMO_DISTRICT, 'fz-huang', '黄科长', 'district_admin'],
  ['泉州市教育局', 'qz-zheng', '郑科长', 'city_admin'],
];

/**
 * The sandbox's small world: one district, three schools, a group for each plus the district's and the city's,
 * and people in every role. Safe to run twice: every insert is keyed.
 */
export async function seedDemoWorld(ds: DataSource, now: number): Promise<{ created: boolean }> {
  const rows = seed(ds);
  const unitId = async (name: string) => Number(await rows.unitIdByName(name));
  const district = await unitId(DEMO_DISTRICT);
  let created = false;
  for (const s of DEMO_SCHOOLS) {
    created = (await rows.addUnitIfMissing({ name: s, kind: 'school', parentId: district, settings: null, createdAt: now })) || created;
  }
  for (const name of [...DEMO_SCHOOLS, DEMO_DISTRICT, '泉州市教育局']) {
    const id = await unitId(name);
    const short = name.replace(/^泉州市丰泽区/, '').replace(/^泉州市/, '');
    await rows.addGroupIfMissing({ platform: 'local', chatId: `demo-${id}`, unitId: id, name: `${short}安全群`, pushKind: 'local', digest: name.endsWith('教育局'), createdAt: now });
  }
  for (const [unit, userId, name, role] of PEOPLE) {
    const id = await unitId(unit);
    if (!(await rows.addMemberIfMissing({ platform: 'local', userId, name, role, unitId: id, mobile: null, createdAt: now, updatedAt: now }))) {
      await rows.placeIfUnplaced('local', userId, id, role);
    }
  }
  return { created };
}
