import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../../../src/services/checklist/catalogue.js';
import { combinedRules } from '../../../../src/services/checklist/guide.js';
import { indexFor } from '../../../../src/services/classifier/catalogue-index.js';
import { combinedInReport } from '../../../../src/services/classifier/combined-report.js';
import { classifyLocal } from '../../../../src/services/classifier/index.js';
import { normalise } from '../../../../src/services/classifier/text.js';

const inReport = (text: string) => combinedInReport(normalise(text), indexFor(defaultCatalogue), combinedRules);

/** 综合判定 inside one message: distinct items of one combined rule, each named with a defect, up to its threshold. */
describe('combined judgement within one report', () => {
  it.each([
    ['宿舍楼检查：楼道堆满纸箱，疏散指示灯不亮，防火门用砖头顶着', 'guide.fire.combined-evacuation'],
    ['教学楼巡查：灭火器压力到红区了、消火栓水带不见了、应急灯不亮、防火门关不上', 'guide.fire.combined'],
    ['食堂这周：帮厨没戴口罩，生熟菜板混用，餐具没消毒，仓库有老鼠屎', 'redline.food.combined'],
    ['化学准备室：危化品台账好久没更新，废液直接倒水池，洗眼器没水', 'redline.lab.combined'],
  ])('%s → %s', (text, code) => {
    expect(inReport(text)?.rule.code, text).toBe(code);
    const result = classifyLocal(text);
    expect(result.major.flag, text).toBe(true);
    expect(result.risk, text).toBe('red');
    // A guide criterion or red line named directly wins over the combined one; otherwise the combined rule is cited.
    if (result.major.criterion?.includes('combined')) {
      expect(result.major).toMatchObject({ suspected: true, criterion: code });
      const rule = combinedRules.find((r) => r.code === code)!;
      expect([...rule.items, rule.fileUnder], text).toContain(result.item);
    }
  });

  it.each([
    // Only one defect among the things checked.
    '三楼检查：灭火器在有效期内，消火栓有水，应急灯都亮，就是防火门闭门器坏了',
    // Two evacuation items and an extinguisher: below both fire thresholds.
    '今天巡查，楼道有点杂物，灭火器压力偏低，应急灯有一盏不亮，其他正常',
    // Three ways of saying one finding.
    '楼梯堆满了杂物，楼道也堆着旧桌椅，走廊也摆满了箱子',
    // Everything checked and fine.
    '灭火器、消火栓、应急灯、防火门都检查了，没发现问题',
    // Hypothetical and past.
    '万一防火门坏了，应急灯不亮，楼道又堵着，怎么办',
  ])('not on: %s', (text) => {
    expect(inReport(text), text).toBeUndefined();
  });
});

describe('what a list says is in order is not a finding', () => {
  it('「其他…都正常」 lists what was checked and found right', () => {
    expect(inReport('今天后厨自查：员工没戴帽子，砧板生熟不分，其他留样、证照、库房都正常')).toBeUndefined();
    expect(inReport('今天后厨自查：员工没戴帽子，砧板生熟不分，消毒柜坏了，其他留样、证照都正常')?.rule.code).toBe('redline.food.combined');
  });

  it('an exit that is not locked is in order; one that is locked is a finding', () => {
    expect(inReport('夜查：疏散指示灯坏了一个，防火门没关，安全出口也没锁')).toBeUndefined();
    expect(classifyLocal('夜查：疏散指示灯坏了一个，防火门没关，安全出口也没锁').major.flag).toBe(false);
    expect(classifyLocal('夜查：疏散指示灯坏了一个，防火门没关，安全出口被锁了').major.flag).toBe(true);
  });
});
