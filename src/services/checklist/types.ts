/**
 * Shapes of the safety checklist catalogue. A school may ship its own edited copy
 * (see catalogue-io.ts), so everything the classifier needs lives in this data,
 * not in code.
 */

/** 四色风险: 红 重大 / 橙 较大 / 黄 一般 / 蓝 低. */
export type RiskColour = 'red' | 'orange' | 'yellow' | 'blue';

export const AREA_CODES = [
  'org',
  'rules',
  'hazard_mgmt',
  'education',
  'security',
  'building',
  'fire',
  'food',
  'lab',
  'facilities',
  'emergency',
  'governance',
] as const;

export type AreaCode = (typeof AREA_CODES)[number];

export interface Area {
  code: AreaCode;
  name: string;
  /** Post that owns the area when an item names none. */
  post: string;
}

export interface CheckItem {
  /** Stable code `<area>.<slug>`, e.g. `fire.exits-clear`; never reused for another meaning. */
  code: string;
  area: AreaCode;
  /** Worded as on a checklist: the state that should hold. */
  title: string;
  description: string;
  /** Short distinctive terms; matched as substrings, so each should point at this item. */
  keywords: string[];
  /** How teachers actually put it; indexed as bags of words, never matched verbatim. */
  phrasings: string[];
  risk: RiskColour;
  /** 责任岗位, named as in 《中小学校岗位安全工作指南》. */
  post: string;
  /**
   * Concept cues for problems whose wording is mostly generic (e.g. {楼梯|走廊} AND {堆|堵}):
   * a match lifts the item above items that merely share the objects named.
   */
  cues?: RulePattern[];
}

/**
 * One concept pattern: every group in `all` must have at least one alternative in
 * the text, and no term of `none` may appear.
 */
export interface RulePattern {
  all: string[][];
  none?: string[];
}

export interface MajorRule {
  /** `guide.fire.<n>` for 《判定指南》 criteria, `redline.<topic>` for national red lines. */
  code: string;
  basis: 'guide' | 'redline';
  title: string;
  citation: string;
  /** The item a matching report is filed under. */
  item: string;
  /** Matching flags the report as 重大事故隐患 (always true for shipped rules). */
  flag: boolean;
  /** Not 《指南》 text: a match means 疑似重大，需人工确认. */
  suspected: boolean;
  /** Any pattern matching triggers the rule. */
  patterns: RulePattern[];
}

export interface Catalogue {
  version: string;
  areas: Area[];
  items: CheckItem[];
  majorRules: MajorRule[];
}
