import type { Services } from '../container';
import { reportCard } from './cards';
import type { HazardRow } from './hazard.types';
import { echo } from '../../platforms/escape';

/**
 * 重大事故隐患 cannot wait: the principal (in the school's groups, with an @ when a mobile is known) and the
 * district bureau's groups are told at once. Each push has its own key, so a reprocessed report never repeats it.
 */
export async function notifyMajor(services: Services, h: HazardRow, citation: string | undefined, now: number): Promise<number> {
  const { ds, units, outbox } = services;
  const unit = units.get(h.unit_id);
  if (!unit) return 0;
  const principals: any[] = await ds.query(`SELECT name, mobile FROM member WHERE unit_id = ? AND role IN ('principal', 'deputy_principal')`, [h.unit_id]);
  const card = reportCard(h, citation);
  let n = 0;
  const schoolGroups: any[] = await ds.query(`SELECT id FROM chat_group WHERE unit_id = ?`, [h.unit_id]);
  for (const g of schoolGroups) {
    if (Number(g.id) === h.group_id) continue; // the reporting group already has the card
    if (await outbox.enqueue(ds, { dedupeKey: `major:${h.id}:school:${g.id}`, kind: 'major', route: { kind: 'group', groupId: Number(g.id) }, body: { markdown: card }, urgent: true })) n++;
  }
  const names = principals.map((p) => echo(p.name, 40)).join('、') || '校长';
  const mobiles = principals.map((p) => p.mobile).filter(Boolean);
  if (h.group_id !== null) {
    const body = { markdown: `**⚠️ 请${names}关注：重大事故隐患 ${h.code}**\n${unit.name} · 请立即组织管控并 /督办 ${h.code} 填写五落实。`, mentionMobiles: mobiles };
    if (await outbox.enqueue(ds, { dedupeKey: `major:${h.id}:principal`, kind: 'major', route: { kind: 'group', groupId: h.group_id }, body, urgent: true })) n++;
  }
  const district = units.districtOf(unit) ?? units.city();
  if (district && district.id !== unit.id) {
    const groups: any[] = await ds.query(`SELECT id FROM chat_group WHERE unit_id = ?`, [district.id]);
    const body = { markdown: `**⚠️ ${unit.name} 上报重大事故隐患 ${h.code}**\n${card.split('\n').slice(1).join('\n')}\n已挂牌督办，/查询 ${h.code} 查看进展。` };
    for (const g of groups) {
      if (await outbox.enqueue(ds, { dedupeKey: `major:${h.id}:district:${g.id}`, kind: 'major', route: { kind: 'group', groupId: Number(g.id) }, body, urgent: true })) n++;
    }
  }
  return n;
}
