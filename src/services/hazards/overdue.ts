import type { Services } from '../container';
import { hazards } from '../../db/repositories/hazard.repository';
import { hazardContacts } from '../../db/repositories/hazard-contacts.repository';
import { notices } from '../../db/repositories/notice.repository';
import { DAY_MS, shanghaiDayKey, shanghaiParts } from '../time';
import type { HazardRow } from './hazard.types';
import { addEvent } from './hazard.service';
import { digestText, type DigestItem } from './digest-texts';
import { echo } from '../../platforms/escape';

async function groupFor(services: Services, h: HazardRow): Promise<number | null> {
  if (h.groupId !== null) return h.groupId;
  return hazardContacts(services.ds).firstGroupId(h.unitId);
}

export type NoticeLevel = 'overdue' | 'principal' | 'district';

/** One notice owed to a group; the unique key makes a second tick, a restart or another instance claim nothing. */
async function claim(services: Services, key: string, groupId: number, hazardId: number, level: NoticeLevel, now: number): Promise<boolean> {
  return notices(services.ds).claim({ claimKey: key.slice(0, 191), groupId, hazardId, level, createdAt: now, digestKey: null });
}

/**
 * The 09:00 overdue round. Each overdue item is owed to its school's group once a day (the responsible person's
 * reminder), 3 days late to the principal, 7 days late to the district's groups. Those are claims; flushNotices
 * turns every group's claims into ONE message an hour. A 重大事故隐患 is never folded into a digest: it is pushed at
 * once, on its own.
 */
export async function overdueTick(services: Services, now: number): Promise<number> {
  const { ds, outbox, units } = services;
  const rows = await hazards(ds).overdue(now);
  const day = shanghaiDayKey(new Date(now));
  let n = 0;
  const openIds = new Set(rows.map((h) => h.id));
  for (const h of rows) {
    // A suspected repeat waiting for the merge: its original is reminded, the same person is not pinged twice.
    if (h.status === 'pending' && h.duplicateOfId !== null && openIds.has(h.duplicateOfId)) continue;
    const unit = units.get(h.unitId);
    const groupId = await groupFor(services, h);
    if (!unit || groupId === null) continue;
    const late = now - h.deadlineAt;
    const district = units.districtOf(unit);
    const districtGroups = late >= 7 * DAY_MS && district ? await hazardContacts(ds).groupIds(district.id) : [];
    if (h.major) {
      n += await majorAlone(services, h, groupId, districtGroups, late, day, now);
      continue;
    }
    await claim(services, `overdue:${h.id}:${day}`, groupId, h.id, 'overdue', now);
    if (late >= 3 * DAY_MS && (await claim(services, `esc:principal:${h.id}`, groupId, h.id, 'principal', now))) {
      await addEvent(ds, h.id, now, { id: null, name: '安全助手' }, 'escalate', null, null, '逾期 3 天，已提醒校长', null);
    }
    let toDistrict = false;
    for (const g of districtGroups) if (await claim(services, `esc:district:${h.id}:${g}`, g, h.id, 'district', now)) toDistrict = true;
    if (toDistrict) await addEvent(ds, h.id, now, { id: null, name: '安全助手' }, 'escalate', null, null, '逾期 7 天，已报区教育局', null);
  }
  n += await flushNotices(services, now);
  if (n) outbox.kick();
  return n;
}

/** A major hazard overdue: its own message to the school (daily) and, from 7 days, to the district, at once. */
async function majorAlone(services: Services, h: HazardRow, groupId: number, districtGroups: number[], late: number, day: string, now: number): Promise<number> {
  const { ds, outbox, units } = services;
  const unit = units.get(h.unitId)!;
  const principals = await hazardContacts(ds).inRoles(h.unitId, ['principal', 'deputy_principal']);
  let n = 0;
  const school = { markdown: digestText({ kind: 'school', unitName: unit.name, units, now, items: [{ h, level: late >= 3 * DAY_MS ? 'principal' : 'overdue' }], principals: principals.map((p) => p.name) }), mentionMobiles: principals.map((p) => p.mobile).filter((m): m is string => Boolean(m)) };
  if (await outbox.enqueue(ds, { dedupeKey: `overdue-major:${h.id}:${day}`, kind: 'escalation', route: { kind: 'group', groupId }, body: school, urgent: true })) n++;
  for (const g of districtGroups) {
    const body = { markdown: digestText({ kind: 'district', unitName: unit.name, units, now, items: [{ h, level: 'district' }], principals: [] }) };
    if (await outbox.enqueue(ds, { dedupeKey: `esc:district:${h.id}:${g}`, kind: 'escalation', route: { kind: 'group', groupId: g }, body, urgent: true })) n++;
  }
  return n;
}

const hourKey = (now: number) => {
  const p = shanghaiParts(new Date(now));
  return `${shanghaiDayKey(new Date(now))}T${String(p.hour).padStart(2, '0')}`;
};

/**
 * Every group with claims not yet told gets one digest per hour: counts, the worst few with codes and the step
 * each needs, 「/清单 逾期」 for the rest. The digest row and the claims it covers commit together; a group that
 * already had its digest this hour keeps the rest for the next hour.
 */
export async function flushNotices(services: Services, now: number): Promise<number> {
  const { ds, outbox, units } = services;
  let n = 0;
  for (const groupId of await notices(ds).groupsWithPending()) {
    const digestKey = `notice:${groupId}:${hourKey(now)}`;
    if (await notices(ds).digestQueued(digestKey)) continue;
    const claims = await notices(ds).pendingOf(groupId, 1000);
    if (!claims.length) continue;
    const maxId = Math.max(...claims.map((c) => c.claimId));
    const unit = units.get(await hazardContacts(ds).unitOfGroup(groupId));
    // The same item may be owed twice (its daily reminder and the principal's): the stronger level speaks.
    const rank: Record<string, number> = { overdue: 0, principal: 1, district: 2 };
    const byHazard = new Map<number, DigestItem>();
    for (const c of claims) {
      const h = c.hazard;
      const level = c.level as NoticeLevel;
      const prev = byHazard.get(h.id);
      if (!prev || rank[level] > rank[prev.level]) byHazard.set(h.id, { h, level });
    }
    // Items closed or rejected since the claim need no reminder any more.
    const items = [...byHazard.values()].filter((i) => i.h.status === 'pending' || i.h.status === 'rectifying');
    const kind = unit && unit.kind !== 'school' ? 'district' : 'school';
    const principals = kind === 'school' && unit && items.some((i) => i.level === 'principal') ? await hazardContacts(ds).inRoles(unit.id, ['principal', 'deputy_principal']) : [];
    const responsibleIds = [...new Set(items.map((i) => i.h.responsibleId).filter((x): x is number => x !== null))];
    const mobiles = kind === 'school' && responsibleIds.length ? await hazardContacts(ds).mobilesOf(responsibleIds) : [];
    await ds.transaction(async (em) => {
      if (items.length) {
        const body = { markdown: digestText({ kind, unitName: unit?.name ?? '', units, now, items, principals: principals.map((p) => p.name) }), mentionMobiles: [...new Set([...mobiles, ...principals.map((p) => p.mobile).filter((m): m is string => Boolean(m))])] };
        if (!(await outbox.enqueue(em, { dedupeKey: digestKey, kind: 'escalation', route: { kind: 'group', groupId }, body, urgent: false }))) return;
        n++;
      }
      await notices(em).markTold(groupId, maxId, items.length ? digestKey : 'nothing-left');
    });
  }
  return n;
}

