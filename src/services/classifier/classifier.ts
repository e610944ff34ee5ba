/**
 * createClassifier: local first (always), then the model when one is configured,
 * falling back to the local result on any failure.
 */
import { defaultCatalogue, getArea, getItem } from '../checklist/catalogue.js';
import { articleOf, metaOf } from '../checklist/guide.js';
import type { Catalogue } from '../checklist/types.js';
import { loadPrompt } from '../prompts.js';
import { responseFormat } from './llm-answer.js';
import { createLlmClient, type LlmClient } from './llm-client.js';
import { classifyLocal } from './local.js';
import { mergeAnswer } from './merge.js';
import type { Classification, Classifier, ClassifierLogger, ClassifierOptions } from './types.js';
import { classificationSeconds, classificationsTotal } from '../../metrics/metrics.js';

export const PROMPT_NAME = 'classify.v2';

/** Rules worth showing the model in full: the one matched locally, then those filed under a candidate item. */
const MAX_CANDIDATE_RULES = 8;

/** The user message: data only, the report as a JSON string so it cannot break out. */
export function buildUserMessage(text: string, local: Classification, catalogue: Catalogue): string {
  const candidates = local.candidates.map(({ item }) => {
    const entry = getItem(item, catalogue);
    return { item, area: entry?.area, areaName: getArea(entry?.area ?? '', catalogue)?.name, title: entry?.title };
  });
  // A rule whose wording matched but that the learned model doubted is still shown to the model first.
  const matched = local.major.criterion ?? local.major.possible;
  const itemCodes = local.candidates.map((c) => c.item);
  const relevant = catalogue.majorRules
    .filter((rule) => rule.code === matched || itemCodes.includes(rule.item))
    .sort((a, b) => Number(b.code === matched) - Number(a.code === matched) || itemCodes.indexOf(a.item) - itemCodes.indexOf(b.item))
    .slice(0, MAX_CANDIDATE_RULES);
  const candidateRules = relevant.map((rule) => ({
    code: rule.code, title: rule.title, article: articleOf(rule.code) ?? rule.citation, judgement: metaOf(rule.code)?.judgement ?? 'direct',
    suspected: rule.suspected, matched: rule.code === matched,
  }));
  const majorRules = catalogue.majorRules.map(({ code, title }) => ({ code, title }));
  return JSON.stringify({ report: text, candidates, candidateRules, majorRules });
}

async function viaLlm(
  llm: LlmClient,
  text: string,
  local: Classification,
  catalogue: Catalogue,
  logger?: ClassifierLogger,
  breaker?: CircuitBreaker,
): Promise<Classification> {
  try {
    const answer = await llm.ask({
      system: loadPrompt(PROMPT_NAME),
      user: buildUserMessage(text, local, catalogue),
      responseFormat: responseFormat(
        local.candidates.map((c) => c.item),
        catalogue.majorRules.map((r) => r.code),
      ),
    });
    breaker?.record(true);
    return mergeAnswer(text, local, answer, catalogue);
  } catch (error) {
    breaker?.record(false);
    logger?.warn({ kind: error instanceof Error ? error.name : typeof error }, 'classifier fell back to local result');
    return local;
  }
}

/**
 * After a few failures in a row the model is left alone for a while: a hung endpoint would otherwise cost every
 * report two timeouts and hold up every school's replies. One report then probes it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;

  constructor(private readonly threshold = 3, private readonly coolDownMs = 60_000, private readonly now: () => number = Date.now) {}

  allows(): boolean {
    return this.now() >= this.openUntil;
  }

  record(ok: boolean): void {
    if (ok) {
      this.failures = 0;
      return;
    }
    if (++this.failures >= this.threshold) this.openUntil = this.now() + this.coolDownMs;
  }
}

export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const catalogue = options.catalogue ?? defaultCatalogue;
  const llm = options.llm ? createLlmClient(options.llm, options.logger) : undefined;
  const breaker = new CircuitBreaker();
  return {
    async classify(text: string, known?: Classification): Promise<Classification> {
      const started = performance.now();
      const local = known ?? classifyLocal(text, catalogue);
      // Nothing to ask about in an empty or one-character message.
      const result = !llm || text.trim().length < 2 || !breaker.allows() ? local : await viaLlm(llm, text, local, catalogue, options.logger, breaker);
      classificationsTotal.inc({ source: result.source });
      classificationSeconds.observe({ source: result.source }, (performance.now() - started) / 1000);
      return result;
    },
  };
}

/** One-off classification; prefer createClassifier when classifying many reports. */
export function classify(text: string, options: ClassifierOptions = {}): Promise<Classification> {
  return createClassifier(options).classify(text);
}
