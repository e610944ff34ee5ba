export { classify, createClassifier, buildUserMessage, PROMPT_NAME } from './classifier.js';
export { classifyLocal, MAX_CANDIDATES } from './local.js';
export { extractLocation } from './location.js';
export { evaluate, parseLabelledJsonl, type EvalResult, type LabelledRow } from './evaluate.js';
export { warmUpSegmenter } from './text.js';
export type {
  Candidate,
  Classification,
  Classifier,
  ClassifierLogger,
  ClassifierOptions,
  EmergencyFinding,
  LlmConfig,
  MajorFinding,
} from './types.js';
export { llmConfigFromEnv } from './llm-env.js';
