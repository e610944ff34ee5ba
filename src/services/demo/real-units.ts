import type { DataSource } from 'typeorm';
import { seed } from '../../db/repositories/seed.repository';
import { DEMO_SCHOOLS } from './seed-demo';

/**
 * Why this database is not a demo one, or null when it is: any group or person on a real platform, or any school
 * the demo does not create, means real units live here. The sandbox then never seeds its demo people into it and
 * never moves its clock (which would judge real groups' deadlines, links and reminders by a fake time).
 */
export async function realUnitsIn(ds: DataSource): Promise<string | null> {
  const { groups, members, schools } = await seed(ds).realFootprint();
  if (groups > 0) return `${groups} 个企业微信/钉钉群`;
  if (members > 0) return `${members} 位企业微信/钉钉成员`;
  const real = schools.filter((name) => !DEMO_SCHOOLS.includes(name));
  return real.length ? `${real.length} 所导入的学校（如 ${real[0]}）` : null;
}
