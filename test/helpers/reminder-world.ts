import type { DataSource } from 'typeorm';
import type { Clock } from '../../src/services/clock';

/** A clock the test moves by hand (the sender's rate window and retries read it). */
export class ManualClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
}

export interface WorldGroup {
  unitId: number;
  groupId: number;
  /** The group's WeCom webhook key (each group its own robot). */
  key: string;
}

export interface ReminderWorld {
  city: WorldGroup;
  fengze: WorldGroup;
  donghai: WorldGroup;
  shiyan: WorldGroup;
  /** A 市属学校: a school whose parent is the city. */
  wuzhong: WorldGroup;
}

/**
 * Two schools under 丰泽区, one city-run school, and a WeCom group with its own webhook key for each of them,
 * for the district and for the city. The other twelve districts have no group (they still count as filers).
 */
export async function seedReminderWorld(ds: DataSource, prefix = 'k'): Promise<ReminderWorld> {
  const id = async (name: string) => Number((await ds.query(`SELECT id FROM unit WHERE name = ?`, [name]))[0].id);
  const cityId = await id('泉州市教育局');
  const fengzeId = await id('丰泽区教育局');
  for (const [name, parent] of [['泉州市丰泽区东海中学', fengzeId], ['泉州市丰泽区实验小学', fengzeId], ['泉州市第五中学', cityId]] as const) {
    await ds.query(`INSERT INTO unit (name, kind, parent_id, settings, created_at) VALUES (?, 'school', ?, NULL, 0)`, [name, parent]);
  }
  const group = async (unitName: string, tag: string): Promise<WorldGroup> => {
    const unitId = await id(unitName);
    const key = `${prefix}-${tag}-0000-1111-2222-333344445555`;
    await ds.query(
      `INSERT INTO chat_group (platform, chat_id, unit_id, name, push_kind, push_target, push_secret, digest, created_at) VALUES ('wecom', ?, ?, ?, 'wecom_webhook', ?, NULL, 0, 0)`,
      [`wc-${prefix}-${tag}`, unitId, `${tag}群`, key],
    );
    const groupId = Number((await ds.query(`SELECT id FROM chat_group WHERE chat_id = ?`, [`wc-${prefix}-${tag}`]))[0].id);
    return { unitId, groupId, key };
  };
  return {
    city: await group('泉州市教育局', 'city'),
    fengze: await group('丰泽区教育局', 'fengze'),
    donghai: await group('泉州市丰泽区东海中学', 'donghai'),
    shiyan: await group('泉州市丰泽区实验小学', 'shiyan'),
    wuzhong: await group('泉州市第五中学', 'wuzhong'),
  };
}
