import type { AreaCode, Catalogue, RiskColour } from '../checklist/types.js';

export interface MajorFinding {
  /** True when a major rule matched: handle as 重大事故隐患 (escalate, red). */
  flag: boolean;
  /** Rule code, e.g. `guide.fire.6` or `redline.lab.double-lock`. */
  criterion?: string;
  citation?: string;
  /** The rule is a national red line, not 《指南》 text: show 疑似重大，需人工确认. */
  suspected?: boolean;
  /** Not flagged, but a rule's wording matched and the learned model doubts it: the rule, shown as a hint. */
  possible?: string;
  /** Raised by the learned model (learned.ts), not by a rule's wording. */
  learned?: boolean;
}

export interface Candidate {
  item: string;
  area: AreaCode;
  score: number;
}

export interface Classification {
  area: AreaCode;
  item: string;
  risk: RiskColour;
  major: MajorFinding;
  location?: string;
  /** 0..1; below ~0.35 the bot should ask the teacher to confirm the item. */
  confidence: number;
  source: 'llm' | 'local';
  /** Best items first (at most 8), scores on the local scale. */
  candidates: Candidate[];
  /** Whether the text reads as a hazard report at all (false for questions, chit-chat). */
  isHazardLike: boolean;
  /** An incident in progress (src/services/emergency): answered at once, not scheduled. Always decided locally. */
  emergency?: EmergencyFinding;
}

export interface EmergencyFinding {
  /** emergencyTypes code, e.g. `food-poisoning`. */
  type: string;
  title: string;
}

export interface LlmConfig {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Per attempt; default 8000. There is one retry, then the local result. */
  timeoutMs?: number;
}

/** Structural so pino, console or a test spy all fit. */
export interface ClassifierLogger {
  warn(obj: unknown, msg?: string): void;
  debug?(obj: unknown, msg?: string): void;
}

export interface ClassifierOptions {
  llm?: LlmConfig;
  catalogue?: Catalogue;
  logger?: ClassifierLogger;
}

export interface Classifier {
  /** `local`: the local classification of this same text, when the caller already has it (it is not worked out twice). */
  classify(text: string, local?: Classification): Promise<Classification>;
}
