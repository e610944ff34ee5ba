import type { Services } from '../container';
import { DAY_MS, shanghaiDayKey } from '../time';
import { listLine } from './cards';
import { toHazard, type HazardRow } from './hazard.types';
import { addEvent } from './hazard.service';
import { echo } from '../../platforms/escape';

async function groupFor(services: Services, h: HazardRow): Promise<number | null> {
  if (h.group_id !== null) return h.group_id;
  const [g] = await services.ds.query(`SELECT id FROM chat_group WHERE unit_id = ? ORDER BY id LIMIT 1`, [h.unit_id]);
  return g ? Number(g.id) : null;
}

/**
 * The 09:00 overdue round: each responsible person gets one list a day; an item 3 days overdue goes to the
 * principal, 7 days to the district group. Every push is keyed (person+day, item+level) so a second tick,
 * a restart or a second instance repeats nothing.
 */
export async function overdueTick(services: Services, now: number): Promise<number> {
  const { ds, outbox, units } = services;
  const rows: HazardRow[] = (await ds.query(`SELECT * FROM hazard WHERE status IN ('pending','rectifying') AND deadline_at < ? ORDER BY deadline_at`, [now])).map(toHazard);
  const day = shanghaiDayKey(new Date(now));
  let n = 0;
  const byPerson = new Map<string, HazardRow[]>();
  for (const h of rows) {
    const key = h.responsible_id === null ? `unit:${h.unit_id}` : `m:${h.responsible_id}`;
    byPerson.set(key, [...(byPerson.get(key) ?? []), h]);
  }
  for (const [person, items] of byPerson) {
    const groupId = await groupFor(services, items[0]);
    if (groupId === null) continue;
    const who = echo(items[0].responsible_name ?? '安全员', 40);
    const mobiles = items[0].responsible_id === null ? [] : (await ds.query(`SELECT mobile FROM member WHERE id = ? AND mobile IS NOT NULL`, [items[0].responsible_id])).map((r: any) => r.mobile);
    const body = {
      markdown: [`**⏰ ${who}：你有 ${items.length} 条隐患已逾期**`, ...items.slice(0, 10).map((h) => listLine(h, now)), `整改完成后发 /整改 编号 措施；确有困难请联系安全员 /指派 或调整期限。`].join('\n'),
      mentionMobiles: mobiles,
    };
    if (await outbox.enqueue(ds, { dedupeKey: `overdue:${person}:${day}`, kind: 'overdue', route: { kind: 'group', groupId }, body, urgent: false })) n++;
  }
  for (const h of rows) {
    const late = now - h.deadline_at;
    const unit = units.get(h.unit_id);
    if (!unit) continue;
    if (late >= 3 * DAY_MS) {
      const groupId = await groupFor(services, h);
      const principals = (await ds.query(`SELECT name, mobile FROM member WHERE unit_id = ? AND role IN ('principal', 'deputy_principal')`, [h.unit_id])) as any[];
      const body = { markdown: `**⚠️ 逾期 3 天以上，请${principals.map((p) => echo(p.name, 40)).join('、') || '校长'}督促**\n${listLine(h, now)}\n责任人 ${echo(h.responsible_name ?? '未指定', 40)} · /查询 ${h.code}`, mentionMobiles: principals.map((p) => p.mobile).filter(Boolean) };
      if (groupId !== null && (await outbox.enqueue(ds, { dedupeKey: `esc:principal:${h.id}`, kind: 'escalation', route: { kind: 'group', groupId }, body, urgent: false }))) {
        await addEvent(ds, h.id, now, { id: null, name: '安全助手' }, 'escalate', null, null, '逾期 3 天，已提醒校长', null);
        n++;
      }
    }
    const district = units.districtOf(unit);
    if (late >= 7 * DAY_MS && district) {
      const groups = (await ds.query(`SELECT id FROM chat_group WHERE unit_id = ?`, [district.id])) as any[];
      let sent = false;
      for (const g of groups) {
        const body = { markdown: `**⚠️ ${unit.name} 隐患逾期 7 天以上**\n${listLine(h, now)}\n责任人 ${echo(h.responsible_name ?? '未指定', 40)} · /查询 ${h.code}` };
        if (await outbox.enqueue(ds, { dedupeKey: `esc:district:${h.id}:${g.id}`, kind: 'escalation', route: { kind: 'group', groupId: Number(g.id) }, body, urgent: false })) (n++, (sent = true));
      }
      if (sent) await addEvent(ds, h.id, now, { id: null, name: '安全助手' }, 'escalate', null, null, '逾期 7 天，已报区教育局', null);
    }
  }
  return n;
}
