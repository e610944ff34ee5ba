import type { RiskColour } from './types.js';

/** Order from most to least severe; index comparisons rank colours. */
export const RISK_ORDER: readonly RiskColour[] = ['red', 'orange', 'yellow', 'blue'];

export const riskLabels: Record<RiskColour, { colour: string; level: string; label: string }> = {
  red: { colour: '红', level: '重大风险', label: '红色 · 重大风险' },
  orange: { colour: '橙', level: '较大风险', label: '橙色 · 较大风险' },
  yellow: { colour: '黄', level: '一般风险', label: '黄色 · 一般风险' },
  blue: { colour: '蓝', level: '低风险', label: '蓝色 · 低风险' },
};

const fromChinese = new Map<string, RiskColour>();
for (const colour of RISK_ORDER) {
  const { colour: zh, level } = riskLabels[colour];
  for (const alias of [colour, zh, `${zh}色`, level, level.replace('风险', '')]) {
    fromChinese.set(alias.toLowerCase(), colour);
  }
}

/** Accepts 红 / 红色 / 重大 / 重大风险 / red (any case); undefined when unrecognised. */
export function parseRiskColour(input: string): RiskColour | undefined {
  return fromChinese.get(input.trim().toLowerCase());
}

export function colourLabel(colour: RiskColour): string {
  return riskLabels[colour].colour;
}

/** The more severe of two colours. */
export function maxRisk(a: RiskColour, b: RiskColour): RiskColour {
  return RISK_ORDER.indexOf(a) <= RISK_ORDER.indexOf(b) ? a : b;
}

/** Raise a colour by `steps` levels, capped at red. */
export function raiseRisk(colour: RiskColour, steps = 1): RiskColour {
  return RISK_ORDER[Math.max(0, RISK_ORDER.indexOf(colour) - steps)];
}
