import { describe, expect, it } from 'vitest';
import { classifyLocal } from '../../../../src/services/classifier/index.js';
import { readValidityDates } from '../../../../src/services/classifier/facts.js';
import { reportsNothingOpen } from '../../../../src/services/classifier/not-open.js';
import { normalise } from '../../../../src/services/classifier/text.js';
import { matchMajorRules } from '../../../../src/services/classifier/major-match.js';
import { defaultCatalogue } from '../../../../src/services/checklist/catalogue.js';

const rules = (text: string) => matchMajorRules(normalise(text), defaultCatalogue).map((r) => r.code);

const nothingOpen = (text: string) => reportsNothingOpen(normalise(text));
const major = (text: string) => classifyLocal(text).major.flag;

describe('a report that leaves nothing open matches no major rule', () => {
  it('dealt with on the spot, nothing said to be left', () => {
    expect(nothingOpen('刚才查宿舍有个学生把电动车电池带进房间充电，我当场收了锁到车棚充电柜里')).toBe(true);
    expect(nothingOpen('楼顶有工人准备电焊，没动火证，我先叫停了，等后勤办好手续派人看着再干')).toBe(true);
    expect(major('调料台旁边发现一瓶杀虫剂，已经拿走锁到工具间了')).toBe(false);
    // …but what is left, or what goes on, is still reported.
    expect(nothingOpen('杀虫剂已经拿走一瓶，还有两瓶跟大米放在一起')).toBe(false);
    expect(major('杀虫剂已经拿走一瓶，还有两瓶跟大米放在一起')).toBe(true);
    expect(nothingOpen('电动车刚推出去，又有两辆推进楼道充电了')).toBe(false);
  });

  it('not this school: another school, a factory kilometres away', () => {
    expect(nothingOpen('路上看到隔壁镇那个小学的接送车明显坐超了，不是我们学校的车')).toBe(true);
    expect(classifyLocal('镇上有家厂着火，冒很多黑烟，离学校三四公里，我们这边没事').emergency).toBeUndefined();
    // Our own bus overloaded, said of another school's too, is ours.
    expect(major('我们学校的接送车核载19座，今天坐了27个')).toBe(true);
  });

  it('leave asked for something not yet done, but not a state described and then asked about', () => {
    expect(nothingOpen('电动车电池能不能放门卫室里充？门卫室在一楼')).toBe(true);
    expect(nothingOpen('请问电动车电池可以拿到办公室充电吗？')).toBe(true);
    expect(major('宿舍楼道里停了三辆电动车在充电，这样可以吗？')).toBe(true);
  });

  it('earlier trouble since put right stays closed; 「现在每天还在…」 does not', () => {
    expect(nothingOpen('上学期配电房漏水那次，屋面已经重做防水，这学期下了几场大雨都没再进水')).toBe(true);
    expect(nothingOpen('去年冬天宿舍烟感坏过一批，寒假已经全部换新的了')).toBe(true);
    expect(nothingOpen('后厨阿姨的健康证去年10月就过期了，现在每天还在配餐')).toBe(false);
    expect(major('后厨阿姨的健康证去年10月就过期了，现在每天还在配餐')).toBe(true);
  });
});

describe('sealed off, put back, made up; and what is said after the all-clear', () => {
  it('equipment sealed off is not in use; one used after its seal still is', () => {
    expect(major('锅炉检验不合格，已经断电贴了封条，等复检')).toBe(false);
    expect(major('锅炉检验不合格，贴了封条，但工人又照常烧水')).toBe(true);
    expect(major('领硫酸时我和李老师各开一把锁，登记也签了')).toBe(false);
    expect(major('危化品柜只有一把锁，钥匙挂在门后')).toBe(true);
  });

  it('「另外」 and 「新发现」 after an earlier fix open a new finding', () => {
    expect(nothingOpen('上个月说的灭火器已经换好了，另外药品柜两把钥匙都在王老师一个人身上')).toBe(false);
    expect(rules('上个月说的灭火器已经换好了，另外药品柜两把钥匙都在王老师一个人身上')).toContain('redline.lab.double-lock');
    expect(nothingOpen('上个月说的灭火器已经换好了')).toBe(true);
  });

  it('the part after 「，但」 is read alone when the whole matches nothing, and an all-clear before it does not hide it', () => {
    expect(rules('操场减速带已经装好了，但是快递车放学时直接开进校园，在学生中间穿过')).toEqual(['redline.traffic.campus']);
    expect(rules('快递车已禁止进校，但是门口减速带还没装')).toEqual([]);
  });

  it('a worry about later reads only what comes before it', () => {
    expect(major('下学期宿舍要加装空调，我怕到时有人私拉电线，要不要提前规划？')).toBe(false);
    expect(rules('宿舍有人私拉电线给空调供电，我怕到时着火，要不要报？')).toEqual(['guide.fire.6']);
  });
});

describe('worries and plans asked about', () => {
  it('a worry that opens the message and asks what to do reports nothing yet; a worry after a stated fact does', () => {
    expect(nothingOpen('开学了，我担心学生偷偷把电动车电池带进宿舍充，要不要先开个会讲一讲')).toBe(true);
    expect(major('开学了，我担心学生偷偷把电动车电池带进宿舍充，要不要先开个会讲一讲')).toBe(false);
    expect(major('新换的司机师傅讲他驾照是C1，开的是19座的校车，我有点担心，要不要报')).toBe(true);
    expect(major('想问一下：以后电动车统一停在新建的充电棚，算不算进楼？还在规划')).toBe(false);
  });
});

describe('validity dates', () => {
  const now = new Date('2026-12-07T12:00:00+08:00');
  it('reads a date already past as lapsed, in digits or Chinese numerals', () => {
    expect(readValidityDates('许可证有效期到二〇二四年十二月', now)).toBe('许可证已于2024年12月过期');
    expect(readValidityDates('合格证有效期至2026年6月', now)).toBe('合格证已于2026年6月过期');
    expect(readValidityDates('有效期至2025年', now)).toBe('已于2025年过期');
  });
  it('leaves a date still ahead, this month, and other text alone', () => {
    expect(readValidityDates('有效期至2027年3月', now)).toBe('有效期至2027年3月');
    expect(readValidityDates('有效期到2026年12月', now)).toBe('有效期到2026年12月');
    expect(readValidityDates('2024年12月检查过一次', now)).toBe('2024年12月检查过一次');
  });
});

describe('lists written without punctuation', () => {
  it('a checklist: line breaks end findings, a tick is in order, a cross only marks its line', () => {
    expect(normalise('礼堂检查：\n1.安全出口 ✘ 被道具堵了\n4.灭火器 ✔')).toBe('礼堂检查:,1.安全出口被道具堵了,4.灭火器合格');
    expect(classifyLocal('礼堂开学前检查：\n1.安全出口 ✘ 被舞台道具堵了一半\n2.疏散指示灯 ✘ 三个不亮\n3.防火门 ✘ 用木楔顶开\n4.灭火器 ✔').major.criterion).toBe('guide.fire.combined-evacuation');
    // Ticks are no findings: two crosses and three ticks stay below the food list's three.
    expect(classifyLocal('食堂周检\n✘ 帮厨戴戒指\n✘ 进的肉没有票据\n✔ 留样\n✔ 健康证\n✔ 消毒').major.flag).toBe(false);
  });

  it('circled numbers and emoji break a list into findings', () => {
    expect(normalise('①灭火器过期②消火栓没水')).toBe('1、灭火器过期2、消火栓没水');
    expect(normalise('疏散图还是旧楼的😂 应急灯不亮')).toBe('疏散图还是旧楼的😂,应急灯不亮');
    // Voice input with no punctuation at all: cut where each side names its own finding.
    expect(classifyLocal('厨房生熟砧板混着用案板边上有老鼠屎进货单一张都没有').major.criterion).toBe('redline.food.combined');
    // One finding said at length stays one finding; two findings stay below a threshold of three.
    expect(classifyLocal('三楼楼梯口堆了好多桌椅板凳把整个疏散通道都堵住了学生下楼都要侧着身子').major.flag).toBe(false);
    expect(classifyLocal('食堂的留样冰箱坏了两天留样盒子就放在常温的柜子里').major.criterion).toBe('redline.food.samples');
    expect(classifyLocal('报告！实验楼走了一圈：教室里贴的疏散图还是旧楼的😂 应急灯按了不亮，后楼梯那个防火门闭门器坏了关不上。').major.criterion).toBe('guide.fire.combined-evacuation');
  });
});
