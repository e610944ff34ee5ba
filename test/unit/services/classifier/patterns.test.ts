import { describe, expect, it } from 'vitest';
import { formatPatterns, parsePatterns } from '../../../../src/services/checklist/pattern-text.js';
import type { RulePattern } from '../../../../src/services/checklist/types.js';
import { anyPatternMatches, GAP } from '../../../../src/services/classifier/patterns.js';
import { looksLikeProblem, looksLikeQuestion, soundsAllClear } from '../../../../src/services/classifier/signals.js';
import { normalise, VARIANTS } from '../../../../src/services/classifier/text.js';

const matches = (text: string, patterns: RulePattern[]) => anyPatternMatches(normalise(text), patterns);

describe('concept patterns', () => {
  it('lets * bridge a short gap inside one clause, not across punctuation or a long stretch', () => {
    const cord: RulePattern[] = [{ all: [['拉*线'], ['充电']] }];
    expect(matches('从窗户拉线下来充电', cord)).toBe(true);
    expect(matches('从窗户拉了根线下来充电', cord)).toBe(true);
    expect(matches('从窗户拉了一根线下来充电', cord)).toBe(true);
    expect(matches('拉，线下来充电', cord)).toBe(false);
    expect(matches(`拉${'一'.repeat(GAP + 1)}线充电`, cord)).toBe(false);
  });

  it('ignores an exclusion that is itself negated', () => {
    const bars: RulePattern[] = [{ all: [['防盗网'], ['窗']], none: ['逃生口', '没锁'] }];
    expect(matches('宿舍窗户装了防盗网，留了逃生口', bars)).toBe(false);
    expect(matches('宿舍窗户装了防盗网，无逃生口', bars)).toBe(true);
    expect(matches('宿舍窗户装了防盗网，没有留逃生口', bars)).toBe(true);
    // 不锈钢 is a material, not a negation.
    expect(matches('窗户是不锈钢防盗网，有逃生口', bars)).toBe(false);
    // An exclusion that starts with a negation is taken as written.
    expect(matches('窗户防盗网的门没锁', bars)).toBe(false);
  });

  it('keeps * through the one-line text form a safety officer edits', () => {
    const text = '拉*线|扯*线 + 充电 排除：手机';
    expect(parsePatterns(text)).toEqual([{ all: [['拉*线', '扯*线'], ['充电']], none: ['手机'] }]);
    expect(formatPatterns(parsePatterns(text))).toBe(text);
  });
});

describe('normalise', () => {
  it('maps common misspellings of safety terms to the usual form', () => {
    expect(normalise('男寝的烟敢不响')).toBe('男寝的烟感不响');
    expect(normalise('危话品柜锁坏了')).toBe('危化品柜锁坏了');
    expect(normalise('楼梯下停了电平车')).toBe('楼梯下停了电瓶车');
    expect(normalise('速舍那边然气味很重')).toBe('宿舍那边燃气味很重');
    expect(normalise('天然气管')).toBe('天然气管');
    expect(normalise('螺丝锈歹去了 牌子挂落来')).toBe('螺丝锈坏了,牌子挂下来');
    for (const [variant, usual] of VARIANTS) expect(variant, usual).not.toBe(usual);
  });

  it('reads a space between Chinese characters as a comma (voice input), and drops other whitespace', () => {
    expect(normalise('灭火器没气了 消防栓没水')).toBe('灭火器没气了,消防栓没水');
    expect(normalise('3 楼 307 的插座')).toBe('3楼307的插座');
    expect(normalise('  楼梯口堆了桌椅\n')).toBe('楼梯口堆了桌椅');
  });
});

describe('report signals', () => {
  it('reads what follows a contrast after an all-clear as the report', () => {
    expect(soundsAllClear(normalise('烟感都测试正常'))).toBe(true);
    expect(soundsAllClear(normalise('锅炉年检合格，但锅炉房通风不好'))).toBe(false);
    expect(soundsAllClear(normalise('电梯年检合格证过期了'))).toBe(false);
    expect(soundsAllClear(normalise('灭火器检验不合格'))).toBe(false);
  });

  it('treats a closing 了没 as a question, not a defect', () => {
    const text = normalise('你们班的安全日志交了没');
    expect(looksLikeQuestion(text)).toBe(true);
    expect(looksLikeProblem(text)).toBe(false);
    expect(looksLikeProblem(normalise('安全日志没交'))).toBe(true);
  });
});
