import type { Unit } from '../../../entities/unit.entity';
import type { Services } from '../container';
import { hazards } from '../../db/repositories/hazard.repository';
import { UserError } from '../errors';
import { deadlineHours } from './deadline';
import { getHazard, HAZARD_ORIGINS, recordReport, type HazardClassification, type HazardOrigin } from './hazard.service';
import { findDuplicate } from './duplicates';
import { MAX_DESCRIPTION, type HazardRow, type Member } from './hazard.types';
import { defaultResponsible } from './responsible';
import { reportCard } from './cards';
import { notifyMajor } from './notify';
import { evaluateCombined } from './combined';
import { gridNotice } from '../org/grid';
import { HOUR_MS } from '../time';

export type { Classifier as ClassifierPort } from '../classifier/types';
import type { Classifier } from '../classifier/types';

export function classifierOf(services: Services): Classifier {
  return services.classifier as Classifier;
}

export { defaultResponsible };

export function validateDescription(text: string): string {
  const d = text.trim();
  if (!d) throw new UserError('请写上看到的隐患，例如：/隐患 三楼东侧楼梯口堆放桌椅，疏散通道被堵');
  if (d.length > MAX_DESCRIPTION) throw new UserError(`描述太长了（${d.length} 字，最多 ${MAX_DESCRIPTION} 字）。请精简后重发，细节可以补充照片。`);
  return d;
}

/**
 * `来源=上级检查` anywhere in a report (`/隐患 来源=群众反映 …`): where the hazard came from, default 自查. Taken out
 * of the description before it is classified.
 */
export function takeOrigin(text: string): { text: string; origin: HazardOrigin } {
  const m = /(?:^|\s)来源\s*[=＝:：]\s*(\S+)/.exec(text);
  if (!m) return { text, origin: '自查' };
  const origin = HAZARD_ORIGINS.find((o) => o === m[1]);
  if (!origin) throw new UserError(`来源只能是 ${HAZARD_ORIGINS.join('、')}，例如 /隐患 来源=上级检查 三楼楼梯口堆放桌椅（不写则为自查）。`);
  return { text: (text.slice(0, m.index) + text.slice(m.index + m[0].length)).trim(), origin };
}

/** Classify → deadline from the colour → responsible → record once → tell the principal and district if major → 综合判定. */
export async function fileReport(
  services: Services,
  p: { unit: Unit; groupId: number | null; reporter: Member | null; reporterName: string; text: string; sourceMsg: string; now: number; classification?: HazardClassification & { major: { citation?: string } } },
): Promise<{ hazard: HazardRow; card: string; created: boolean; grid: { line: string; mobiles: string[] } | null }> {
  if (p.unit.kind !== 'school') throw new UserError('隐患需要在学校的群里上报。本群绑定的是教育局；请到对应学校的群里发 /隐患。');
  const { text, origin } = takeOrigin(p.text);
  const description = validateDescription(text);
  const c = p.classification ?? (await classifierOf(services).classify(description));
  const hours = deadlineHours(p.unit.settings)[c.risk];
  const responsible = await defaultResponsible(services.ds, p.unit.id);
  // Before filing: an open hazard of this school that reads the same (duplicates.ts) is named on the card, and its
  // people are not alerted a second time.
  // A message processed again finds the hazard it filed (one read, which recordReport is told it need not repeat).
  const filed = await hazards(services.ds).bySourceMsg(p.sourceMsg);
  const duplicate = filed
    ? (filed.duplicateOfId === null ? null : await getHazard(services.ds, filed.duplicateOfId))
    : await findDuplicate(services.ds, { unitId: p.unit.id, area: c.area, item: c.item, description, location: c.location, now: p.now });
  const { hazard, created } = filed ? { hazard: filed, created: false } : await recordReport(services.ds, {
    unitId: p.unit.id, groupId: p.groupId, reporter: p.reporter, reporterName: p.reporterName, description, classification: c,
    deadlineAt: p.now + hours * HOUR_MS, responsible, sourceMsg: p.sourceMsg, now: p.now, duplicateOfId: duplicate?.id ?? null, origin, unfiled: true,
  });
  if (hazard.major && !duplicate?.major) await notifyMajor(services, hazard, c.major.citation, p.now);
  // A new finding may complete a 综合判定 (several lesser findings that together make a major hazard).
  if (created && !hazard.major) await evaluateCombined(services, p.unit, p.now);
  const grid = await gridNotice(services, hazard);
  // Red and major items need something in place until rectified: ask for it on the card.
  const ask = hazard.risk === 'red' || hazard.major ? `\n🔒 整改前请落实临时管控措施：/管控 ${hazard.code} 措施` : '';
  return { hazard, card: reportCard(hazard, c.major.citation, { units: services.units, duplicate }) + ask + (grid ? `\n${grid.line}` : ''), created, grid };
}
