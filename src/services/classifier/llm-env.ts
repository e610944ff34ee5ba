import type { LlmConfig } from './types.js';

/**
 * LLM settings from OPENAI_* variables, for the CLIs (the bot reads its own config).
 * Undefined unless both a key and a model are set: then the classifier stays local.
 */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig | undefined {
  const apiKey = env.OPENAI_API_KEY?.trim();
  const model = env.OPENAI_MODEL?.trim();
  if (!apiKey || !model) return undefined;
  const timeout = Number(env.OPENAI_TIMEOUT_MS);
  return {
    apiKey,
    model,
    ...(env.OPENAI_BASE_URL?.trim() ? { baseURL: env.OPENAI_BASE_URL.trim() } : {}),
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
  };
}
