// The few sentences under the figures. With a model configured it writes them from the fact lines only; the
// answer is kept only if it parses, reads as 1–6 sentences and every number in it is one of the facts.
// Anything else (no model, timeout, HTTP error, an invented figure) gives the template, never an error.
import { z } from 'zod';
import type { Config } from '../../config';
import type { Logger } from '../../log/logger';
import { loadPrompt } from '../prompts';
import { sentenceCount, unsupportedNumbers } from './numbers';

export const SUMMARY_PROMPT = 'summary.v1';
/** A leader is waiting for the reply: never longer than this, whatever OPENAI_TIMEOUT_MS says. */
const MAX_WAIT_MS = 10_000;

const answerSchema = z.object({ narrative: z.string().trim().min(10).max(400) });

export interface NarrativeInput {
  unit: string;
  period: string;
  /** The fact lines exactly as the reply shows them. */
  facts: string[];
  /** Used whenever the model's answer is not. */
  template: string;
}

export type NarrativeSource = 'llm' | 'template';

export interface NarrativeDeps {
  config: Pick<Config, 'llm'>;
  log: Pick<Logger, 'warn'>;
}

/** The first {...} of the content: some endpoints wrap JSON in prose or a code fence. */
function jsonIn(content: string): unknown {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) throw new SyntaxError('no JSON object in model output');
  return JSON.parse(content.slice(start, end + 1));
}

/** Why the answer cannot be used, or null when it can. */
export function rejectReason(narrative: string, facts: string): string | null {
  const n = sentenceCount(narrative);
  if (n < 1 || n > 6) return `sentences: ${n}`;
  const extra = unsupportedNumbers(narrative, facts);
  if (extra.length) return `numbers not in the facts: ${extra.slice(0, 5).join(', ')}`;
  if (/[|#]|https?:\/\//.test(narrative)) return 'markup or links';
  return null;
}

export async function writeNarrative(deps: NarrativeDeps, input: NarrativeInput): Promise<{ text: string; source: NarrativeSource }> {
  const llm = deps.config.llm;
  if (!llm) return { text: input.template, source: 'template' };
  const timeout = Math.min(llm.timeoutMs, MAX_WAIT_MS);
  try {
    const { default: OpenAI } = await import('openai'); // the model client loads on first use
    const client = new OpenAI({ apiKey: llm.apiKey, baseURL: llm.baseURL, timeout, maxRetries: 0 });
    const completion = await client.chat.completions.create(
      {
        model: llm.model,
        temperature: 0.2,
        messages: [
          { role: 'system', content: loadPrompt(SUMMARY_PROMPT) },
          // The facts travel as a JSON data message, so names inside them cannot pass for instructions.
          { role: 'user', content: JSON.stringify({ unit: input.unit, period: input.period, facts: input.facts }) },
        ],
      },
      { timeout, maxRetries: 0, signal: AbortSignal.timeout(timeout) },
    );
    const { narrative } = answerSchema.parse(jsonIn(completion.choices[0]?.message?.content ?? ''));
    const text = narrative.replace(/\s*\n+\s*/g, '');
    const reason = rejectReason(text, [input.unit, input.period, ...input.facts].join('\n'));
    if (!reason) return { text, source: 'llm' };
    deps.log.warn({ reason }, 'summary narrative refused, using the template');
  } catch (err: any) {
    deps.log.warn({ kind: err?.constructor?.name, status: err?.status, message: String(err?.message ?? err).slice(0, 200) }, 'summary narrative failed, using the template');
  }
  return { text: input.template, source: 'template' };
}
