/**
 * Prompts live in prompts/<name>.md at the project root, one versioned file each, so
 * wording changes are reviewed as text and never hide in code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The nearest folder with package.json above this module: src/services/ under tsx, dist/ or dist/chunks/ when built. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..', '..');
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

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
