import { describe, expect, it } from 'vitest';
import {
  areas,
  colourLabel,
  defaultCatalogue,
  getItem,
  items,
  majorRules,
  parseRiskColour,
  riskLabels,
} from '../../../../src/services/checklist/catalogue.js';
import { AREA_CODES } from '../../../../src/services/checklist/types.js';
import { normalise } from '../../../../src/services/classifier/text.js';

const EXPECTED_AREAS = {
  org: '组织领导',
  rules: '安全制度',
  hazard_mgmt: '隐患整治',
  education: '安全教育',
  security: '安防配置',
  building: '建筑安全',
  fire: '消防安全',
  food: '食品安全',
  lab: '实验室和危化品管理安全',
  facilities: '学校设施设备安全',
  emergency: '突发事件',
  governance: '综合治理',
};

describe('checklist catalogue', () => {
  it('has exactly the 12 areas with their codes and names', () => {
    expect(Object.fromEntries(areas.map((a) => [a.code, a.name]))).toEqual(EXPECTED_AREAS);
    expect(areas.map((a) => a.code)).toEqual([...AREA_CODES]);
  });

  it('has at least 90 items, 5 to 12 per area', () => {
    expect(items.length).toBeGreaterThanOrEqual(90);
    for (const area of areas) {
      const count = items.filter((i) => i.area === area.code).length;
      expect(count, area.code).toBeGreaterThanOrEqual(5);
      expect(count, area.code).toBeLessThanOrEqual(12);
    }
  });

  it('gives every item a unique stable code under its area and complete fields', () => {
    const codes = items.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const item of items) {
      expect(item.code).toMatch(new RegExp(`^${item.area}\\.[a-z0-9-]+$`));
      expect(item.title.length, item.code).toBeGreaterThan(3);
      expect(item.description.length, item.code).toBeGreaterThan(5);
      expect(item.post.length, item.code).toBeGreaterThan(1);
      expect(['red', 'orange', 'yellow', 'blue']).toContain(item.risk);
      // Rich vocabulary is what lets the local classifier generalise.
      expect(item.keywords.length + item.phrasings.length, item.code).toBeGreaterThanOrEqual(6);
      expect(getItem(item.code)).toBe(item);
    }
  });

  it('keeps keywords short and distinct within an item', () => {
    for (const item of items) {
      const normalised = item.keywords.map(normalise);
      expect(new Set(normalised).size, item.code).toBe(normalised.length);
      for (const k of item.keywords) expect(k.length, `${item.code}: ${k}`).toBeLessThanOrEqual(10);
    }
  });

  it('codes each 《指南》 消防 criterion 1–10 as its own rule with an official citation', () => {
    for (let n = 1; n <= 10; n += 1) {
      const rule = majorRules.find((r) => r.code === `guide.fire.${n}`);
      expect(rule, `guide.fire.${n}`).toBeDefined();
      expect(rule?.flag).toBe(true);
      expect(rule?.suspected).toBe(false);
      expect(rule?.citation).toContain(`《教育系统重大事故隐患判定指南》`);
      expect(rule?.citation).toContain(`消防第${n}项`);
    }
  });

  it('marks the national red lines as suspected majors needing confirmation', () => {
    const redlines = majorRules.filter((r) => r.basis === 'redline');
    expect(redlines.map((r) => r.code)).toEqual(
      expect.arrayContaining(['redline.building.d-class', 'redline.fire.gas-alarm', 'redline.facilities.special-equipment', 'redline.bus.overload', 'redline.bus.driver', 'redline.bus.escort', 'redline.lab.double-lock']),
    );
    for (const rule of redlines) {
      expect(rule.suspected, rule.code).toBe(true);
      expect(rule.citation, rule.code).toContain('疑似重大，需人工确认');
    }
  });

  it('has rules that reference real items and well-formed patterns', () => {
    expect(new Set(majorRules.map((r) => r.code)).size).toBe(majorRules.length);
    for (const rule of majorRules) {
      expect(getItem(rule.item), `${rule.code} → ${rule.item}`).toBeDefined();
      expect(rule.patterns.length, rule.code).toBeGreaterThan(0);
      for (const pattern of rule.patterns) {
        expect(pattern.all.length, rule.code).toBeGreaterThan(0);
        for (const group of pattern.all) expect(group.length, rule.code).toBeGreaterThan(0);
      }
    }
    for (const item of items) for (const cue of item.cues ?? []) expect(cue.all.length, item.code).toBeGreaterThan(1);
  });

  it('maps colours to 红/橙/黄/蓝 and 重大/较大/一般/低风险 both ways', () => {
    expect(colourLabel('red')).toBe('红');
    expect(riskLabels.orange.level).toBe('较大风险');
    expect(riskLabels.yellow.level).toBe('一般风险');
    expect(riskLabels.blue.level).toBe('低风险');
    for (const [input, colour] of [['红', 'red'], ['橙色', 'orange'], ['一般', 'yellow'], ['低风险', 'blue'], ['RED', 'red']] as const) {
      expect(parseRiskColour(input)).toBe(colour);
    }
    expect(parseRiskColour('紫')).toBeUndefined();
  });

  it('exposes the same data as one Catalogue object', () => {
    expect(defaultCatalogue.items).toEqual(items);
    expect(defaultCatalogue.majorRules).toEqual(majorRules);
    expect(defaultCatalogue.areas).toEqual(areas);
  });
});
