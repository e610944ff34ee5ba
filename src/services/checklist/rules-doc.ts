/**
 * docs/major-rules.md, generated from the shipped rules (npm run docs:rules); a test keeps the committed file equal
 * to this output, so the table can never drift from what the bot matches.
 */
import { getItem, majorRules } from './catalogue.js';
import { combinedRules, GUIDE_AREA_NAMES, ruleMeta, sourceLabel } from './guide.js';
import type { GuideArea, RuleSource } from './types.js';
import { emergencyTypes } from '../emergency/emergency-types.js';

const LEVEL: Record<RuleSource['level'], string> = {
  guide: '《指南》原文',
  provincial: '仅省级细则',
  law: '国家法规或标准，非《指南》原文',
  practice: '管理要求，非法规原文',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function sourceCell(source: RuleSource): string {
  if (source.level === 'guide' && !source.verified && !source.item) {
    return cell(`${sourceLabel(source)}（《指南》条款，原文未取得）${source.note ? `；${source.note}` : ''}`);
  }
  const verified = source.level === 'guide' ? (source.verified ? '，已核验' : '，部分核验') : '';
  return cell(`${sourceLabel(source)}（${LEVEL[source.level]}${verified}）${source.note ? `；${source.note}` : ''}`);
}

export function renderRulesDoc(): string {
  const out: string[] = [
    '# 重大事故隐患规则一览',
    '',
    '> 本文件由 `npm run docs:rules` 从 `src/services/checklist/data/`（major-rules*.ts、rule-sources.ts）和',
    '> `src/services/emergency/emergency-types.ts` 生成，请勿手工修改；测试会核对它与代码一致。',
    '',
    '依据：《教育系统重大事故隐患判定指南》（教发厅函〔2024〕20号）第二条所列领域。已取得并核验的原文只有第三条（一）消防直接判定第 1–9 项（第 10 项后半句缺）；',
    '第三条（二）综合判定和其后各章条文未取得，《四川省教育系统重大事故隐患判定指南》（川教厅办函〔2025〕10号）只取得第一至四条。',
    '因此：「重大」= 《指南》原文条款，直接按重大事故隐患处理（推送校长和区教育局、挂牌督办）；「疑似重大」= 依据其他国家法规或管理要求，',
    '红色、24 小时内由安全员确认（`/改级 <编号> 红 重大`）或按一般隐患处理。',
    '',
  ];
  const areas = Object.keys(GUIDE_AREA_NAMES) as GuideArea[];
  for (const area of areas) {
    const rules = majorRules.filter((r) => ruleMeta[r.code]?.guideArea === area);
    const combined = combinedRules.filter((r) => r.guideArea === area);
    if (!rules.length && !combined.length) continue;
    out.push(`## ${GUIDE_AREA_NAMES[area]}`, '', '| 规则 | 判定 | 内容 | 检查项 | 来源 | 例句 |', '| --- | --- | --- | --- | --- | --- |');
    for (const rule of rules) {
      const meta = ruleMeta[rule.code];
      const item = getItem(rule.item);
      const kind = rule.suspected ? '直接判定 · 疑似重大' : '直接判定 · 重大';
      out.push(`| \`${rule.code}\` | ${kind} | ${cell(rule.title)} | ${cell(item ? `${item.code} ${item.title}` : rule.item)} | ${sourceCell(meta.source)} | ${cell(meta.examples[0])} |`);
    }
    for (const rule of combined) {
      const item = getItem(rule.fileUnder);
      const kind = `综合判定 · ≥${rule.threshold} 项 · 疑似重大`;
      const members = rule.items.join('、');
      out.push(`| \`${rule.code}\` | ${kind} | ${cell(`${rule.title}。计入的检查项：${members}`)} | ${cell(item ? `${item.code} ${item.title}` : rule.fileUnder)} | ${sourceCell(rule.source)} | 本校未销号的相关隐患达到 ${rule.threshold} 项，或一条消息列出 ${rule.threshold} 项 |`);
    }
    out.push('');
  }
  out.push('## 紧急情况（不是隐患工单）', '', '命中后立即回复处置步骤，同时通知校长和区教育局安全群，按「紧急」登记（处置中），不等安全员确认。', '',
    '| 类型 | 名称 | 按疑似重大 | 第一步 | 例句 |', '| --- | --- | --- | --- | --- |');
  for (const type of emergencyTypes) {
    out.push(`| \`${type.code}\` | ${cell(type.title)} | ${type.major ? '是' : '否'} | ${cell(type.steps[0])} | ${cell(type.examples[0])} |`);
  }
  out.push('');
  return out.join('\n');
}
