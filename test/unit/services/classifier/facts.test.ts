import { describe, expect, it } from 'vitest';
import { derivedFacts, parseNumber } from '../../../../src/services/classifier/facts.js';
import { classifyLocal } from '../../../../src/services/classifier/index.js';
import { glossEnglish, GLOSS_SEPARATOR } from '../../../../src/services/classifier/english.js';
import { normalise } from '../../../../src/services/classifier/text.js';

describe('parseNumber', () => {
  it('reads digits and Chinese numerals below 1000', () => {
    expect(parseNumber('27')).toBe(27);
    expect(parseNumber('二十七')).toBe(27);
    expect(parseNumber('十九')).toBe(19);
    expect(parseNumber('四十')).toBe(40);
    expect(parseNumber('两')).toBe(2);
    expect(parseNumber('一百二十')).toBe(120);
    expect(parseNumber('几')).toBeNaN();
  });
});

describe('derivedFacts', () => {
  it('reads more pupils aboard than the vehicle is rated for as 超员', () => {
    expect(derivedFacts(normalise('校车核载19座，今天上了25个学生'))).toContain('超员');
    expect(derivedFacts(normalise('面包车限乘七人，坐了十一个孩子'))).toContain('超员');
    // Within the rating, said as such: 「坐满19个，核载19」 is full, not over (it cancels 坐满 in the overload rule).
    expect(derivedFacts(normalise('校车核载45座，今天坐了30个人'))).toBe('。没超员。');
    expect(derivedFacts(normalise('今天校车坐满19个，核载19'))).toBe('。没超员。');
    // …unless pupils stand or sit in the aisle: the count of seats is not the count aboard.
    expect(derivedFacts(normalise('校车核载19座，坐了19个，过道上还站着几个'))).toBe('');
    // No vehicle, no capacity.
    expect(derivedFacts(normalise('教室19个座位，来了25个学生'))).toBe('');
  });

  it('reads a driver outside 25–60 as 驾驶人超龄, and leaves ages inside alone', () => {
    expect(derivedFacts(normalise('接送车的司机今年65岁'))).toContain('驾驶人超龄');
    expect(derivedFacts(normalise('校车司机才二十二岁'))).toContain('驾驶人超龄');
    expect(derivedFacts(normalise('校车司机今年50岁，驾龄15年'))).toBe('');
    expect(derivedFacts(normalise('这个学生今年12岁'))).toBe('');
  });

  it('makes the bus rules fire on the numbers alone', () => {
    expect(classifyLocal('校车核载19座，今天上了25个学生').major).toMatchObject({ flag: true, criterion: 'redline.bus.overload' });
    expect(classifyLocal('接送车的司机今年65岁').major).toMatchObject({ flag: true, criterion: 'redline.bus.driver' });
    expect(classifyLocal('校车司机今年50岁，驾龄15年，家长有点担心').major.flag).toBe(false);
  });
});

describe('normalise', () => {
  it('folds traditional characters to simplified', () => {
    expect(normalise('舊樓(D級)還有老師辦公')).toContain('d级');
    expect(classifyLocal('那棟樓是D級危房，還有班級在裡面上課').major.flag).toBe(true);
  });
});

describe('English glosses', () => {
  it('lets the longest phrase claim its words', () => {
    const gloss = glossEnglish('the smoke detector in the dorm is missing');
    expect(gloss).toContain('烟感');
    expect(gloss).not.toContain('冒烟');
  });

  it('joins glosses so one is never read as negated by the one before', () => {
    expect(glossEnglish('the lift failed inspection and is now out of service').split(GLOSS_SEPARATOR)).toEqual(expect.arrayContaining(['年检不合格', '已停用']));
    expect(classifyLocal('the lift failed inspection and is now out of service, nobody uses it').major.flag).toBe(false);
    expect(classifyLocal('the lift failed its annual inspection but it is still running every day').major.flag).toBe(true);
  });

  it('reads the major criteria in English', () => {
    expect(classifyLocal('Welding on the gym roof, no hot work permit').major).toMatchObject({ flag: true, criterion: 'guide.fire.5' });
    expect(classifyLocal('Two bottles of nitric acid kept on an open shelf in the prep room').major.flag).toBe(true);
    expect(classifyLocal('The bus driver is 64 years old').major).toMatchObject({ flag: true, criterion: 'redline.bus.driver' });
  });
});
