import type { Unit } from '../../../entities/unit.entity';
import { hazardContacts } from '../../db/repositories/hazard-contacts.repository';
import { maxRisk } from '../checklist/colours';
import type { Classification } from '../classifier/types';
import type { Services } from '../container';
import { UserError } from '../errors';
import { deadlineHours } from '../hazards/deadline';
import { recordReport } from '../hazards/hazard.service';
import type { HazardRow, Member } from '../hazards/hazard.types';
import { validateDescription } from '../hazards/report.flow';
import { defaultResponsible } from '../hazards/responsible';
import { HOUR_MS } from '../time';
import { emergencyType } from './detect';
import type { EmergencyType } from './emergency-types';
import { emergencyDistrictAlert, emergencyPrincipalAlert, emergencyReply } from './texts';

/**
 * An incident in progress, in one processing cycle: the record filed 紧急 (处置中, red, no 待确认), the principal
 * and the district group alerted (urgent pushes, ignoring quiet hours), and the reply with the immediate steps.
 * Every write is keyed by the source message or the record, so a reprocessed message repeats nothing.
 */
export async function fileEmergency(
  services: Services,
  p: { unit: Unit; groupId: number | null; reporter: Member | null; reporterName: string; text: string; sourceMsg: string; now: number; classification: Classification },
): Promise<{ hazard: HazardRow; card: string; created: boolean; alerts: number }> {
  if (p.unit.kind !== 'school') throw new UserError('紧急情况请先拨打 110/119/120。本群绑定的是教育局；学校的群里 @我 可登记并通知校长。');
  const type = emergencyType(p.classification.emergency?.type ?? '');
  if (!type) throw new Error('fileEmergency called without an emergency');
  const description = validateDescription(p.text);
  const c = p.classification;
  // A red-line match stays 疑似重大 (a person confirms it); a 《指南》 criterion is a major hazard as usual.
  const major = c.major.flag && c.major.suspected ? { ...c.major, flag: false } : c.major;
  const classification = { ...c, major, risk: maxRisk(c.risk, 'red') };
  const responsible = await defaultResponsible(services.ds, p.unit.id);
  const { hazard, created } = await recordReport(services.ds, {
    unitId: p.unit.id, groupId: p.groupId, reporter: p.reporter, reporterName: p.reporterName, description, classification,
    deadlineAt: p.now + deadlineHours(p.unit.settings).red * HOUR_MS, responsible, sourceMsg: p.sourceMsg, now: p.now,
    emergency: { type: type.code, title: type.title },
  });
  const alerts = await notifyEmergency(services, hazard, type);
  return { hazard, card: emergencyReply(hazard, type), created, alerts };
}

/** The principal (in the reporting group with an @, and the school's other groups) and every district group. */
export async function notifyEmergency(services: Services, h: HazardRow, type: EmergencyType): Promise<number> {
  const { ds, units, outbox } = services;
  const unit = units.get(h.unitId);
  if (!unit) return 0;
  const contacts = hazardContacts(ds);
  const principals = await contacts.inRoles(h.unitId, ['principal']);
  const names = principals.map((m) => m.name).join('、') || '校长';
  const mentionMobiles = principals.map((m) => m.mobile).filter((m): m is string => Boolean(m));
  const principalBody = { markdown: emergencyPrincipalAlert(h, type, unit.name, names), mentionMobiles };
  let n = 0;
  for (const groupId of await contacts.groupIds(h.unitId)) {
    const key = groupId === h.groupId ? `emergency:${h.id}:principal` : `emergency:${h.id}:school:${groupId}`;
    if (await outbox.enqueue(ds, { dedupeKey: key, kind: 'emergency', route: { kind: 'group', groupId }, body: principalBody, urgent: true })) n++;
  }
  const district = units.districtOf(unit) ?? units.city();
  if (district && district.id !== unit.id) {
    const body = { markdown: emergencyDistrictAlert(h, type, unit.name) };
    for (const groupId of await contacts.groupIds(district.id)) {
      if (await outbox.enqueue(ds, { dedupeKey: `emergency:${h.id}:district:${groupId}`, kind: 'emergency', route: { kind: 'group', groupId }, body, urgent: true })) n++;
    }
  }
  if (n > 0) outbox.kick();
  return n;
}
