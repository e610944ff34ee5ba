import type { Services } from '../container';
import { reportCard } from './cards';
import type { HazardRow } from './hazard.types';
import { hazardContacts } from '../../db/repositories/hazard-contacts.repository';
import { echo } from '../../platforms/escape';

/**
 * 重大事故隐患 cannot wait: the principal (in the school's groups, with an @ when a mobile is known) and the
 * district bureau's groups are told at once. Each push has its own key, so a reprocessed report never repeats it.
 */
export async function notifyMajor(services: Services, h: HazardRow, citation: string | undefined, now: number): Promise<number> {
  const { ds, units, outbox } = services;
  const unit = units.get(h.unitId);
  if (!unit) return 0;
  const contacts = hazardContacts(ds);
  const principals = await contacts.inRoles(h.unitId, ['principal', 'deputy_principal']);
  const card = reportCard(h, citation);
  let n = 0;
  for (const groupId of await contacts.groupIds(h.unitId)) {
    if (groupId === h.groupId) continue; // the reporting group already has the card
    if (await outbox.enqueue(ds, { dedupeKey: `major:${h.id}:school:${groupId}`, kind: 'major', route: { kind: 'group', groupId }, body: { markdown: card }, urgent: true })) n++;
  }
  const names = principals.map((p) => echo(p.name, 40)).join('、') || '校长';
  const mobiles = principals.map((p) => p.mobile).filter((m): m is string => Boolean(m));
  if (h.groupId !== null) {
    const body = { markdown: `**⚠️ 请${names}关注：重大事故隐患 ${h.code}**\n${unit.name} · 请立即组织管控并 /督办 ${h.code} 填写五落实。`, mentionMobiles: mobiles };
    if (await outbox.enqueue(ds, { dedupeKey: `major:${h.id}:principal`, kind: 'major', route: { kind: 'group', groupId: h.groupId }, body, urgent: true })) n++;
  }
  const district = units.districtOf(unit) ?? units.city();
  if (district && district.id !== unit.id) {
    const body = { markdown: `**⚠️ ${unit.name} 上报重大事故隐患 ${h.code}**\n${card.split('\n').slice(1).join('\n')}\n已挂牌督办，/查询 ${h.code} 查看进展。` };
    for (const groupId of await contacts.groupIds(district.id)) {
      if (await outbox.enqueue(ds, { dedupeKey: `major:${h.id}:district:${groupId}`, kind: 'major', route: { kind: 'group', groupId }, body, urgent: true })) n++;
    }
  }
  return n;
}
