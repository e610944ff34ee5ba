import type { Unit } from '../../../entities/unit.entity';
import { getItem } from '../checklist/catalogue';
import { combinedRules } from '../checklist/guide';
import type { CombinedRule } from '../checklist/types';
import type { Services } from '../container';
import { hazards } from '../../db/repositories/hazard.repository';
import { hazardContacts } from '../../db/repositories/hazard-contacts.repository';
import { combinedCard } from './cards';
import { deadlineHours } from './deadline';
import { recordReport } from './hazard.service';
import type { HazardRow } from './hazard.types';
import { defaultResponsible } from './responsible';
import { HOUR_MS } from '../time';

/**
 * 综合判定 (docs/major-hazards.md): when a unit's open findings under a combined rule's items reach its threshold,
 * a 疑似重大 is filed on the unit listing them, and the school's groups are told, for the safety officer to confirm
 * (/改级 … 红 重大) or reject. Once per unit and rule while the set stays at or above the threshold: the claim is an
 * insert on combined_judgement's unique open_key, so two processors or two instances raise it once. When the set
 * falls below the threshold the judgement closes, and a later return to the threshold raises a new one.
 */
export async function evaluateCombined(services: Services, unit: Unit, now: number, rules: readonly CombinedRule[] = combinedRules): Promise<HazardRow[]> {
  if (unit.kind !== 'school') return [];
  const raised: HazardRow[] = [];
  // Every report runs this: two reads for all rules (counts per item, open judgements); the findings themselves are
  // read only when a judgement is to be filed. Per rule it was two reads each, ~8 per report.
  const repo = hazards(services.ds);
  const counts = await repo.openFindingCounts(unit.id, [...new Set(rules.flatMap((r) => r.items))]);
  const openByKey = await repo.openJudgements(rules.map((r) => `${unit.id}:${r.code}`));
  for (const rule of rules) {
    const openKey = `${unit.id}:${rule.code}`;
    const open = openByKey.get(openKey) ?? null;
    const count = rule.items.reduce((n, item) => n + (counts.get(item) ?? 0), 0);
    if (count < rule.threshold) {
      if (open) await repo.closeJudgement(open.id, openKey, now);
      continue;
    }
    if (open && open.hazardId !== null) continue; // already raised
    const findings = await openFindings(services, unit.id, rule);
    if (findings.length < rule.threshold) continue; // closed meanwhile; the next report sees it
    let judgementId: number;
    if (open) {
      judgementId = open.id; // claimed earlier, filing interrupted: finish it
    } else {
      const claimed = await claim(services, unit.id, rule.code, openKey, findings, now);
      if (claimed === null) continue; // another processor holds the claim
      judgementId = claimed;
    }
    const hazard = await fileJudgement(services, unit, rule, judgementId, findings, now);
    raised.push(hazard);
  }
  return raised;
}

/**
 * Thresholds are a handful of findings; the judgement lists the first ones. Without a bound every report of a school
 * with thousands of open findings read them all (measured: report→card p99 8.8 s at 100 reports/s, 960 MB RSS).
 */
const FINDINGS_LISTED = 50;

async function openFindings(services: Services, unitId: number, rule: CombinedRule): Promise<HazardRow[]> {
  return hazards(services.ds).openFindings(unitId, rule.items, FINDINGS_LISTED);
}

async function claim(services: Services, unitId: number, ruleCode: string, openKey: string, findings: HazardRow[], now: number): Promise<number | null> {
  return hazards(services.ds).claimJudgement({ unitId, ruleCode, openKey, findings: JSON.stringify(findings.map((f) => f.id)), openedAt: now });
}

async function fileJudgement(services: Services, unit: Unit, rule: CombinedRule, judgementId: number, findings: HazardRow[], now: number): Promise<HazardRow> {
  const item = getItem(rule.fileUnder);
  const groupId = findings[findings.length - 1]?.groupId ?? null;
  const { hazard } = await recordReport(services.ds, {
    unitId: unit.id, groupId, reporter: null, reporterName: '校园安全助手',
    description: `综合判定：${rule.title}。未销号的相关隐患 ${findings.length} 项：${findings.map((f) => f.code).join('、')}`,
    classification: {
      area: item?.area ?? 'fire', item: rule.fileUnder, risk: 'red', confidence: 1, source: 'local',
      major: { flag: false, suspected: true, criterion: rule.code },
    },
    deadlineAt: now + deadlineHours(unit.settings).red * HOUR_MS,
    responsible: await defaultResponsible(services.ds, unit.id),
    sourceMsg: `combined:${judgementId}`,
    now,
  });
  await hazards(services.ds).setJudgementHazard(judgementId, hazard.id);
  const card = combinedCard(hazard, rule, findings);
  for (const groupId of await hazardContacts(services.ds).groupIds(unit.id)) {
    await services.outbox.enqueue(services.ds, {
      dedupeKey: `combined:${judgementId}:group:${groupId}`, kind: 'combined', route: { kind: 'group', groupId }, body: { markdown: card }, urgent: true,
    });
  }
  services.outbox.kick();
  return hazard;
}
