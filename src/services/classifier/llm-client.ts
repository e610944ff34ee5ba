/**
 * The one place that talks to a model: any OpenAI-compatible endpoint through the
 * `openai` package. One retry after a failure (timeout, HTTP error, unreadable
 * answer); callers fall back to the local result when this throws.
 */
import type OpenAI from 'openai';

// The model client loads on the first request, not at start. Errors can only come from it once it is loaded.
let sdkLoaded: typeof import('openai') | undefined;
const isApiError = (e: unknown): e is InstanceType<typeof import('openai').APIError> => Boolean(sdkLoaded && e instanceof sdkLoaded.APIError);
import type { ClassifierLogger, LlmConfig } from './types.js';
import { parseAnswer, type LlmAnswer, type responseFormat } from './llm-answer.js';

export const DEFAULT_TIMEOUT_MS = 8000;
const ATTEMPTS = 2;

export interface LlmRequest {
  system: string;
  /** Serialised data message; the report sits inside it as a JSON string value. */
  user: string;
  responseFormat: ReturnType<typeof responseFormat>;
}

export interface LlmClient {
  ask(request: LlmRequest): Promise<LlmAnswer>;
}

function describe(error: unknown): Record<string, unknown> {
  if (isApiError(error)) return { kind: error.constructor.name, status: error.status };
  if (error instanceof Error) return { kind: error.name, message: error.message.slice(0, 200) };
  return { kind: typeof error };
}

export function createLlmClient(config: LlmConfig, logger?: ClassifierLogger): LlmClient {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Retries are ours (ATTEMPTS), so the SDK's own backoff never stretches the wait.
  let client: OpenAI | undefined;
  const getClient = async () => {
    sdkLoaded ??= await import('openai');
    return (client ??= new sdkLoaded.default({ apiKey: config.apiKey, baseURL: config.baseURL, timeout, maxRetries: 0 }));
  };

  return {
    async ask(request) {
      let useSchema = true;
      let lastError: unknown;
      for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
        try {
          const completion = await (await getClient()).chat.completions.create(
            {
              model: config.model,
              messages: [
                { role: 'system', content: request.system },
                { role: 'user', content: request.user },
              ],
              // The plain retry drops both: some models reject temperature as well.
              ...(useSchema ? { temperature: 0, response_format: request.responseFormat } : {}),
            },
            { timeout, maxRetries: 0 },
          );
          return parseAnswer(completion.choices[0]?.message?.content ?? '');
        } catch (error) {
          lastError = error;
          // Endpoints without structured output reject response_format (or temperature)
          // with 400/422: ask again with a plain request and read JSON from the text.
          if (isApiError(error) && (error.status === 400 || error.status === 422)) useSchema = false;
          logger?.warn({ attempt, ...describe(error) }, 'classifier LLM attempt failed');
        }
      }
      throw lastError;
    },
  };
}
