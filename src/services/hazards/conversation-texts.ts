// Replies of the forgiving conversation (issue 20), kept together for review: the question back, duplicates,
// merges, the digest of overdue notices and the notice to a school when a bureau acts on its hazard.
import { safeText } from './cards';
import { STATUS_LABEL, type HazardRow } from './hazard.types';

/** The one short question back; with the place already known, only the what is asked. */
export function askBack(where: string | undefined, again: boolean): string {
  const q = where ? `${safeText(where, 30)}看到了什么？` : '在哪里？看到了什么？';
  if (again) return `${q}\n还需要具体一点：什么东西、怎么了，例如「三楼东侧楼梯口的灭火器过期了」。`;
  return `${q}\n10 分钟内 @我 直接回复就行，例如「三楼东侧楼梯口的灭火器过期了」。`;
}

export const ASK_GIVE_UP = '还是没看明白，这次先不登记。请发「/隐患 地点 + 看到的情况」，例如：/隐患 三楼楼梯口堆放旧桌椅';
export const ASK_WITHDRAWN = '好的，这次不登记。看到隐患随时 @我 描述。';

/** To the group where the merged report was made, naming its reporter. */
export function mergedNotice(merged: HazardRow, kept: HazardRow): string {
  return `${safeText(merged.reporterName, 40)}：你上报的 ${merged.code} 与 ${kept.code} 是同一个隐患，已合并。进展请看 /查询 ${kept.code}`;
}

export function mergedReply(merged: HazardRow, kept: HazardRow, tellReporterHere: boolean): string {
  const lines = [`✅ 已合并：${merged.code} → ${kept.code}（${STATUS_LABEL[kept.status]}），照片和记录都在 ${kept.code} 里。`];
  lines.push(tellReporterHere ? mergedNotice(merged, kept) : `已告知上报人 ${safeText(merged.reporterName, 40)}。`);
  return lines.join('\n');
}

/** To the school's groups when a district or the city changes one of its hazards. */
export function bureauChangeNotice(actorUnit: string, actorName: string, h: HazardRow, what: string): string {
  return `**${h.code} · ${what}**\n${safeText(actorUnit, 40)} ${safeText(actorName, 40)} 处理了本校的隐患 · 现在：${STATUS_LABEL[h.status]}\n详情：/查询 ${h.code}`;
}
