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

/** The areas 《判定指南》 第二条 names, in its order. */
export type GuideArea = 'fire' | 'building' | 'food' | 'lab' | 'traffic' | 'crowd' | 'utilities';

/** Where a rule comes from. Only `guide` text has been read in the guide itself. */
export interface RuleSource {
  document: string;
  /** e.g. 第三条（一）; '—' when the document's article was not established. */
  article: string;
  item?: string;
  /** guide: national 《指南》 text; provincial: only a provincial implementation; law: another national law or standard; practice: a safety-management requirement, not a legal text. */
  level: 'guide' | 'provincial' | 'law' | 'practice';
  /** The wording was checked against a copy of the source (docs/domain.md marks it 已核验). */
  verified: boolean;
  note?: string;
}

/** What a major rule means beyond its patterns: where it comes from and how it is judged. */
export interface RuleMeta {
  guideArea: GuideArea;
  source: RuleSource;
  judgement: 'direct' | 'combined';
  /** Teacher-style sentences the rule must match (tested). */
  examples: string[];
  /** Sentences that share its words but are not the hazard (tested not to flag). */
  nearMisses: string[];
}

/**
 * 综合判定: several open findings of a unit that together make a major hazard. Raised as 疑似重大 for the
 * safety officer to confirm, once per unit and rule while the set stays at or above the threshold.
 */
export interface CombinedRule {
  code: string;
  title: string;
  guideArea: GuideArea;
  source: RuleSource;
  /** Open findings under `items` needed (inclusive). */
  threshold: number;
  /** Checklist items whose open, non-major findings count. */
  items: string[];
  /** The item the raised 疑似重大 is filed under. */
  fileUnder: string;
}
