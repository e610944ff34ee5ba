// The hourly digest of overdue notices, one message per group (issue 20: quiet by default). Counts first, then the
// worst few with their codes and the step each needs, then where the rest are.
import { listLine, safeText } from './cards';
import type { HazardRow } from './hazard.types';
import { nextActor, nextSteps, renderStep } from './next-steps';
import type { UnitDirectory } from '../org/units';
import type { NoticeLevel } from './overdue';

export interface DigestItem {
  h: HazardRow;
  level: NoticeLevel;
}

export const DIGEST_WORST = 5;
const LEVEL_RANK: Record<NoticeLevel, number> = { district: 2, principal: 1, overdue: 0 };
const RISK_RANK: Record<string, number> = { red: 0, orange: 1, yellow: 2, blue: 3 };

function worstFirst(a: DigestItem, b: DigestItem): number {
  return LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || Number(b.h.major) - Number(a.h.major) || RISK_RANK[a.h.risk] - RISK_RANK[b.h.risk] || a.h.deadlineAt - b.h.deadlineAt || a.h.id - b.h.id;
}

/** The step the person who must act takes (a pending item needs /确认 from the safety officer, not /整改). */
function stepFor(units: UnitDirectory, h: HazardRow): string {
  const actor = nextActor(units, h);
  const step = actor ? nextSteps(units, h, actor.as)[0] : undefined;
  return step ? `${safeText(actor!.who, 20)} ${renderStep(step)}` : `/查询 ${h.code}`;
}

function counted(names: string[]): string {
  const by = new Map<string, number>();
  for (const n of names) by.set(n, (by.get(n) ?? 0) + 1);
  return [...by].sort((a, b) => b[1] - a[1]).map(([n, k]) => `${safeText(n, 20)} ${k} 条`).join('、');
}

export function digestText(p: { kind: 'school' | 'district'; unitName: string; units: UnitDirectory; now: number; items: DigestItem[]; principals: string[] }): string {
  const items = [...p.items].sort(worstFirst);
  const n = items.length;
  const lines: string[] = [];
  if (p.kind === 'district') {
    const school = (h: HazardRow) => p.units.get(h.unitId)?.name ?? '';
    lines.push(n === 1 ? `**⚠️ ${school(items[0].h)} 隐患逾期 7 天以上**` : `**⚠️ 下属学校隐患逾期 7 天以上 ${n} 条**`);
    if (n > 1) lines.push(counted(items.map((i) => school(i.h))));
    for (const i of items.slice(0, DIGEST_WORST)) lines.push(`${n > 1 ? `${school(i.h)} ` : ''}${listLine(i.h, p.now)} · 责任人 ${safeText(i.h.responsibleName ?? '未指定', 20)}`);
  } else {
    const late3 = items.filter((i) => i.level !== 'overdue').length;
    lines.push(n === 1 ? `**⏰ 逾期隐患 ${items[0].h.code}${items[0].h.major ? '（重大事故隐患）' : ''}**` : `**⏰ ${p.unitName} 逾期隐患 ${n} 条**`);
    if (late3) lines.push(`${n > 1 ? `其中 ${late3} 条` : ''}逾期 3 天以上，请${p.principals.map((x) => safeText(x, 20)).join('、') || '校长'}督促`);
    for (const i of items.slice(0, DIGEST_WORST)) lines.push(`${listLine(i.h, p.now)}\n　${stepFor(p.units, i.h)}`);
    if (n > 1) lines.push(`责任人：${counted(items.map((i) => safeText(i.h.responsibleName ?? '未指定', 20)))}`);
  }
  lines.push(n > DIGEST_WORST ? `其余 ${n - DIGEST_WORST} 条：/清单 逾期` : n > 1 ? '全部：/清单 逾期' : `详情：/查询 ${items[0].h.code}`);
  return lines.join('\n');
}
