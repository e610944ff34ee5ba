/**
 * createClassifier: local first (always), then the model when one is configured,
 * falling back to the local result on any failure.
 */
import { defaultCatalogue, getArea, getItem } from '../checklist/catalogue.js';
import type { Catalogue } from '../checklist/types.js';
import { loadPrompt } from '../prompts.js';
import { responseFormat } from './llm-answer.js';
import { createLlmClient, type LlmClient } from './llm-client.js';
import { classifyLocal } from './local.js';
import { mergeAnswer } from './merge.js';
import type { Classification, Classifier, ClassifierLogger, ClassifierOptions } from './types.js';

export const PROMPT_NAME = 'classify.v1';

/** The user message: data only, the report as a JSON string so it cannot break out. */
export function buildUserMessage(text: string, local: Classification, catalogue: Catalogue): string {
  const candidates = local.candidates.map(({ item }) => {
    const entry = getItem(item, catalogue);
    return { item, area: entry?.area, areaName: getArea(entry?.area ?? '', catalogue)?.name, title: entry?.title };
  });
  const majorRules = catalogue.majorRules.map(({ code, title }) => ({ code, title }));
  return JSON.stringify({ report: text, candidates, majorRules });
}

async function viaLlm(
  llm: LlmClient,
  text: string,
  local: Classification,
  catalogue: Catalogue,
  logger?: ClassifierLogger,
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
    return mergeAnswer(text, local, answer, catalogue);
  } catch (error) {
    logger?.warn({ kind: error instanceof Error ? error.name : typeof error }, 'classifier fell back to local result');
    return local;
  }
}

export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const catalogue = options.catalogue ?? defaultCatalogue;
  const llm = options.llm ? createLlmClient(options.llm, options.logger) : undefined;
  return {
    async classify(text: string): Promise<Classification> {
      const local = classifyLocal(text, catalogue);
      // Nothing to ask about in an empty or one-character message.
      if (!llm || text.trim().length < 2) return local;
      return viaLlm(llm, text, local, catalogue, options.logger);
    },
  };
}

/** One-off classification; prefer createClassifier when classifying many reports. */
export function classify(text: string, options: ClassifierOptions = {}): Promise<Classification> {
  return createClassifier(options).classify(text);
}
