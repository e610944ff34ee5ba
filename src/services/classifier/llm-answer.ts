/**
 * What the model may say, and how it is read: a zod schema for the answer, the JSON
 * schema sent as response_format, and a tolerant JSON extractor for endpoints that
 * ignore response_format and wrap the object in prose or a code fence.
 */
import { z } from 'zod';

export const llmAnswerSchema = z.object({
  item: z.string().min(1),
  risk: z.enum(['red', 'orange', 'yellow', 'blue']),
  majorRule: z.string().nullish(),
  location: z.string().nullish(),
  isHazard: z.boolean(),
  confidence: z.number().min(0).max(1).catch(0.5),
});

export type LlmAnswer = z.infer<typeof llmAnswerSchema>;

export function responseFormat(itemCodes: string[], ruleCodes: string[]) {
  return {
    type: 'json_schema' as const,
    json_schema: {
      name: 'hazard_classification',
      strict: true,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['item', 'risk', 'majorRule', 'location', 'isHazard', 'confidence'],
        properties: {
          item: { type: 'string', enum: itemCodes },
          risk: { type: 'string', enum: ['red', 'orange', 'yellow', 'blue'] },
          majorRule: { anyOf: [{ type: 'string', enum: ruleCodes }, { type: 'null' }] },
          location: { type: ['string', 'null'] },
          isHazard: { type: 'boolean' },
          confidence: { type: 'number' },
        },
      },
    },
  };
}

/** The first balanced {...} in the content, or the whole content when it is bare JSON. */
export function extractJson(content: string): unknown {
  const trimmed = content.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    // fall through: prose or a ```json fence around the object
  }
  const start = trimmed.indexOf('{');
  if (start < 0) throw new SyntaxError('no JSON object in model output');
  let depth = 0;
  let inString = false;
  for (let i = start; i < trimmed.length; i += 1) {
    const ch = trimmed[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth += 1;
    else if (ch === '}' && --depth === 0) return JSON.parse(trimmed.slice(start, i + 1));
  }
  throw new SyntaxError('unterminated JSON object in model output');
}

export function parseAnswer(content: string): LlmAnswer {
  return llmAnswerSchema.parse(extractJson(content));
}
