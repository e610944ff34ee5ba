/**
 * Prompts live in prompts/<name>.md at the project root, one versioned file each, so
 * wording changes are reviewed as text and never hide in code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** src/services/prompts.ts → project root, whether run by tsx from src or from a build. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const cache = new Map<string, string>();

/** Loads prompts/<name>.md once; names are plain (e.g. `classify.v1`), never paths. */
export function loadPrompt(name: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name) || name.includes('..')) {
    throw new Error(`Invalid prompt name: ${name}`);
  }
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(PROJECT_ROOT, 'prompts', `${name}.md`), 'utf8');
    cache.set(name, text);
  }
  return text;
}
