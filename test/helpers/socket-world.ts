import type { DataSource } from 'typeorm';

/** A school under 丰泽区教育局 with one bound group on `platform` and a safety officer and a teacher in it. */
export async function seedSocketSchool(ds: DataSource, p: { platform: 'wecom' | 'dingtalk'; chatId: string; prefix: string }): Promise<{ unitId: number; groupId: number }> {
  const now = Date.now();
  const [{ id: district }] = await ds.query(`SELECT id FROM unit WHERE name = '丰泽区教育局'`);
  const name = `${p.prefix}中学`;
  await ds.query(`INSERT INTO unit (name, kind, parent_id, settings, created_at) VALUES (?, 'school', ?, NULL, ?)`, [name, district, now]);
  const [{ id: unitId }] = await ds.query(`SELECT id FROM unit WHERE name = ?`, [name]);
  await ds.query(`INSERT INTO chat_group (platform, chat_id, unit_id, name, digest, created_at) VALUES (?, ?, ?, ?, 0, ?)`, [p.platform, p.chatId, unitId, `${name}安全群`, now]);
  const [{ id: groupId }] = await ds.query(`SELECT id FROM chat_group WHERE platform = ? AND chat_id = ?`, [p.platform, p.chatId]);
  await ds.query(`INSERT INTO member (platform, user_id, name, role, unit_id, created_at, updated_at) VALUES (?, ?, ?, 'safety_officer', ?, ?, ?)`, [p.platform, `${p.prefix}-so`, '王安全员', unitId, now, now]);
  await ds.query(`INSERT INTO member (platform, user_id, name, role, unit_id, created_at, updated_at) VALUES (?, ?, ?, 'teacher', ?, ?, ?)`, [p.platform, `${p.prefix}-t`, '李老师', unitId, now, now]);
  return { unitId: Number(unitId), groupId: Number(groupId) };
}

/** PNG signature: the chart really is a picture. */
export const isPng = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
