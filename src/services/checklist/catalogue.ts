/**
 * The checklist shipped with the product: 12 areas (附件2 of the programme), their
 * check items and the 重大事故隐患 rules. A school's edited copy has the same shape
 * (see catalogue-io.ts); code that needs "the catalogue" should accept one as a
 * parameter and fall back to `defaultCatalogue`.
 */
import { buildingItems } from './data/building.js';
import { educationItems } from './data/education.js';
import { emergencyItems } from './data/emergency.js';
import { facilitiesItems } from './data/facilities.js';
import { fireItems } from './data/fire.js';
import { foodItems } from './data/food.js';
import { governanceItems } from './data/governance.js';
import { hazardMgmtItems } from './data/hazard-mgmt.js';
import { labItems } from './data/lab.js';
import { majorRules as shippedRules } from './data/major-rules.js';
import { areaMajorRules } from './data/major-rules-areas.js';
import { orgItems } from './data/org.js';
import { rulesItems } from './data/rules.js';
import { securityItems } from './data/security.js';
import type { Area, AreaCode, Catalogue, CheckItem, MajorRule } from './types.js';

export { RISK_ORDER, colourLabel, maxRisk, parseRiskColour, raiseRisk, riskLabels } from './colours.js';
export * from './types.js';

export const CATALOGUE_VERSION = '2025.1';

export const areas: readonly Area[] = [
  { code: 'org', name: '组织领导', post: '校长' },
  { code: 'rules', name: '安全制度', post: '分管安全副校长' },
  { code: 'hazard_mgmt', name: '隐患整治', post: '分管安全副校长' },
  { code: 'education', name: '安全教育', post: '德育主任' },
  { code: 'security', name: '安防配置', post: '保卫主任' },
  { code: 'building', name: '建筑安全', post: '总务主任' },
  { code: 'fire', name: '消防安全', post: '保卫主任' },
  { code: 'food', name: '食品安全', post: '食堂管理员' },
  { code: 'lab', name: '实验室和危化品管理安全', post: '实验室管理员' },
  { code: 'facilities', name: '学校设施设备安全', post: '总务主任' },
  { code: 'emergency', name: '突发事件', post: '分管安全副校长' },
  { code: 'governance', name: '综合治理', post: '保卫主任' },
];

export const items: readonly CheckItem[] = [
  ...orgItems,
  ...rulesItems,
  ...hazardMgmtItems,
  ...educationItems,
  ...securityItems,
  ...buildingItems,
  ...fireItems,
  ...foodItems,
  ...labItems,
  ...facilitiesItems,
  ...emergencyItems,
  ...governanceItems,
];

export const majorRules: readonly MajorRule[] = [...shippedRules, ...areaMajorRules];

export const defaultCatalogue: Catalogue = {
  version: CATALOGUE_VERSION,
  areas: [...areas],
  items: [...items],
  majorRules: [...majorRules],
};

const itemIndex = new WeakMap<Catalogue, Map<string, CheckItem>>();

/** Item by code in the given catalogue (default: the shipped one). */
export function getItem(code: string, catalogue: Catalogue = defaultCatalogue): CheckItem | undefined {
  let index = itemIndex.get(catalogue);
  if (!index) {
    index = new Map(catalogue.items.map((item) => [item.code, item]));
    itemIndex.set(catalogue, index);
  }
  return index.get(code);
}

export function getArea(code: AreaCode | string, catalogue: Catalogue = defaultCatalogue): Area | undefined {
  return catalogue.areas.find((area) => area.code === code);
}

export function getMajorRule(code: string, catalogue: Catalogue = defaultCatalogue): MajorRule | undefined {
  return catalogue.majorRules.find((rule) => rule.code === code);
}

export function itemsOfArea(code: AreaCode, catalogue: Catalogue = defaultCatalogue): CheckItem[] {
  return catalogue.items.filter((item) => item.area === code);
}
