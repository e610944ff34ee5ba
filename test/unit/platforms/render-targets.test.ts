import { describe, expect, it } from 'vitest';
import { fitsTarget, renderFor, TARGETS, type RenderTarget } from '../../../src/platforms/render/targets';
import { TRUNCATION_HINT, utf8Bytes } from '../../../src/platforms/markdown';
import { T } from '../../../src/bot/replies';
import { P } from '../../../src/bot/platform-replies';
import { allCommands } from '../../../src/bot/commands';
import { listLine, reportCard } from '../../../src/services/hazards/cards';
import { alertText } from '../../../src/services/outbox/push-alert';
import type { HazardRow } from '../../../src/services/hazards/hazard.types';

const NOW = Date.UTC(2025, 11, 1, 2);
const hazard = (i: number, over: Partial<HazardRow> = {}): HazardRow => ({
  id: i, code: `YH-2025-${String(i).padStart(6, '0')}`, unitId: 1, groupId: 1, reporterId: 1, description: '楼梯口堆放杂物', location: `三楼楼梯口 ${i}`,
  area: 'fire', itemCode: 'fire-exit', risk: 'red', status: 'reported', major: false, majorSuspected: true, responsibleName: '赵师傅',
  deadlineAt: NOW - 3600_000, createdAt: NOW - 86_400_000, closedAt: null, ...over,
} as unknown as HazardRow);

/** Every kind of reply the bot sends, as services write it (neutral markdown). */
const REPLIES: Record<string, string> = {
  help: T.help(allCommands()),
  plain: T.notSafety,
  unknownCommand: T.unknownCommand('帮主', allCommands()[0]),
  reportCard: reportCard(hazard(1)),
  majorCard: reportCard(hazard(2, { major: true, majorSuspected: false }), '《判定标准》第 3 条'),
  overdueList: ['**逾期隐患**', ...Array.from({ length: 5 }, (_, i) => listLine(hazard(i + 10), NOW))].join('\n'),
  longList: ['**全部在办隐患**', ...Array.from({ length: 400 }, (_, i) => listLine(hazard(i + 100), NOW))].join('\n'),
  alert: alertText('东海中学安全群', '东海中学', '93000'),
  table: ['**本周各校进度**', '| 单位 | 新增 | 销号 |', '|---|---|---|', '| 东海中学 | 3 | 2 |', '| 实验小学 | 1 | 1 |'].join('\n'),
  photos: [P.photoAttached('YH-2025-000001', 'report', 2), P.photoFailed(['图片解密失败'])].join('\n'),
  voice: P.voiceNeedsText,
};
const TARGET_NAMES = Object.keys(TARGETS) as RenderTarget[];

describe('renderers per target', () => {
  for (const target of TARGET_NAMES) {
    it(`${target}: every reply type fits its limits and its markup rules`, () => {
      for (const [name, md] of Object.entries(REPLIES)) {
        const out = renderFor(target, md);
        expect(fitsTarget(target, out), `${target} / ${name}`).toBe(true);
        expect(out.trim().length, `${target} / ${name}`).toBeGreaterThan(0);
      }
    });
  }

  it('cuts a long list inside each target’s limit, with the hint, never half a tag', () => {
    for (const target of TARGET_NAMES.filter((t) => t !== 'local')) {
      const out = renderFor(target, REPLIES.longList);
      const spec = TARGETS[target];
      expect(utf8Bytes(out), target).toBeLessThanOrEqual(spec.maxBytes);
      // Cut near the limit, not far below it.
      if (spec.maxChars) expect([...out].length, target).toBeGreaterThan(spec.maxChars * 0.9);
      else expect(utf8Bytes(out), target).toBeGreaterThan(spec.maxBytes * 0.9);
      expect(out.endsWith(TRUNCATION_HINT), target).toBe(true);
      expect(out.split('<font').length, target).toBe(out.split('</font>').length);
    }
    expect([...renderFor('dingtalk_session', REPLIES.longList)].length).toBeLessThanOrEqual(3800);
  });

  it('a learned raise that matched no rule says so on the card and cites no article', () => {
    const card = reportCard(hazard(3, { majorCriterion: 'learned.building.finishes' }));
    expect(card).toContain('📖 依据：措辞未命中判定条款，按已标注报告学得的判断提请人工确认');
    expect(card).toContain('疑似重大事故隐患，需安全员 24 小时内人工确认');
    expect(reportCard(hazard(4, { majorCriterion: 'guide.fire.6' }))).toMatch(/📖 依据：《判定指南》/);
  });

  it('智能机器人: tables kept (after a blank line), colours become bold, grey stays plain', () => {
    const out = renderFor('wecom_aibot', REPLIES.table);
    expect(out).toContain('**本周各校进度**\n\n| 单位 | 新增 | 销号 |\n|---|---|---|\n| 东海中学 | 3 | 2 |');
    const card = renderFor('wecom_aibot', REPLIES.reportCard);
    expect(card).toContain('**疑似重大事故隐患，需安全员 24 小时内人工确认**');
    expect(card).not.toContain('<font');
    expect(renderFor('wecom_aibot', '<font color="comment">备注</font>')).toBe('备注');
  });

  it('群机器人 and 自建应用 markdown: <font color> kept, tables flattened to lines', () => {
    for (const target of ['wecom_webhook', 'wecom_app'] as const) {
      expect(renderFor(target, REPLIES.reportCard)).toContain('<font color="warning">疑似重大事故隐患，需安全员 24 小时内人工确认</font>');
      const table = renderFor(target, REPLIES.table);
      expect(table).toContain('东海中学 · 3 · 2');
      expect(table).not.toContain('|');
    }
    expect(utf8Bytes(renderFor('wecom_app', REPLIES.help))).toBeLessThanOrEqual(2048);
  });

  it('自建应用 text: no markup left', () => {
    const out = renderFor('wecom_app_text', REPLIES.reportCard);
    expect(out).not.toMatch(/\*\*|<font|^#/m);
    expect(out).toContain('疑似重大事故隐患');
  });

  it('DingTalk: colours become bold, every line its own paragraph, no tables', () => {
    const out = renderFor('dingtalk', REPLIES.reportCard);
    expect(out).toContain('**疑似重大事故隐患，需安全员 24 小时内人工确认**');
    expect(out).not.toContain('<font');
    expect(out.split('\n\n').length).toBe(REPLIES.reportCard.split('\n').length);
    expect(renderFor('dingtalk', REPLIES.table)).toContain('东海中学 · 3 · 2');
  });
});
