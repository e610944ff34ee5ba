import type { DataSource } from 'typeorm';
import { DEMO_SCHOOLS } from './seed-demo';

/**
 * Why this database is not a demo one, or null when it is: any group or person on a real platform, or any school
 * the demo does not create, means real units live here. The sandbox then never seeds its demo people into it and
 * never moves its clock (which would judge real groups' deadlines, links and reminders by a fake time).
 */
export async function realUnitsIn(ds: DataSource): Promise<string | null> {
  const [g] = await ds.query(`SELECT COUNT(*) AS n FROM chat_group WHERE platform <> 'local'`);
  if (Number(g.n) > 0) return `${g.n} 个企业微信/钉钉群`;
  const [m] = await ds.query(`SELECT COUNT(*) AS n FROM member WHERE platform <> 'local'`);
  if (Number(m.n) > 0) return `${m.n} 位企业微信/钉钉成员`;
  const schools: any[] = await ds.query(`SELECT name FROM unit WHERE kind = 'school'`);
  const real = schools.filter((s) => !DEMO_SCHOOLS.includes(s.name));
  return real.length ? `${real.length} 所导入的学校（如 ${real[0].name}）` : null;
}
