import type { DataSource } from 'typeorm';
import { exec, insertIgnore } from '../../db/sql';
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
  const unitId = async (name: string) => Number((await ds.query(`SELECT id FROM unit WHERE name = ?`, [name]))[0]?.id);
  const district = await unitId(DEMO_DISTRICT);
  let created = false;
  for (const s of DEMO_SCHOOLS) {
    created = (await insertIgnore(ds, 'unit', { name: s, kind: 'school', parent_id: district, settings: null, created_at: now })) || created;
  }
  for (const name of [...DEMO_SCHOOLS, DEMO_DISTRICT, '泉州市教育局']) {
    const id = await unitId(name);
    const short = name.replace(/^泉州市丰泽区/, '').replace(/^泉州市/, '');
    await insertIgnore(ds, 'chat_group', { platform: 'local', chat_id: `demo-${id}`, unit_id: id, name: `${short}安全群`, push_kind: 'local', digest: name.endsWith('教育局') ? 1 : 0, created_at: now });
  }
  for (const [unit, userId, name, role] of PEOPLE) {
    const id = await unitId(unit);
    if (!(await insertIgnore(ds, 'member', { platform: 'local', user_id: userId, name, role, unit_id: id, mobile: null, created_at: now, updated_at: now }))) {
      await exec(ds, `UPDATE member SET unit_id = ?, role = ? WHERE platform = 'local' AND user_id = ? AND unit_id IS NULL`, [id, role, userId]);
    }
  }
  return { created };
}
