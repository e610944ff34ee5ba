// Static files of the sandbox page, read from src/http/sandbox/ (under tsx, in tests and from the built dist/).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../services/prompts';

export type SandboxAssetName = 'page.html' | 'sandbox.js' | 'sandbox.css' | 'favicon.svg';

const TYPES: Record<SandboxAssetName, string> = {
  'page.html': 'text/html; charset=utf-8',
  'sandbox.js': 'text/javascript; charset=utf-8',
  'sandbox.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/** Read one sandbox asset. Unknown names are rejected so a route param can never reach the filesystem. */
export async function readSandboxAsset(name: SandboxAssetName): Promise<{ body: Buffer; type: string }> {
  if (!Object.hasOwn(TYPES, name)) throw new Error(`unknown sandbox asset: ${String(name)}`);
  const body = await readFile(path.join(PROJECT_ROOT, 'src', 'http', 'sandbox', name));
  return { body, type: TYPES[name] };
}
