// `npm run build`: bundles both threads (src/main.ts, src/processor.ts) into dist/ with esbuild, packages left
// external (node_modules stays the one copy). `--if-stale` (used by `npm start`) builds only when dist/ is missing or
// older than a source file, so a fresh clone and a `git pull` both start built code without a separate step.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built');
const SOURCES = ['src', 'entities', 'package.json', 'package-lock.json', 'scripts/build.mjs'];

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

function stale() {
  if (!existsSync(stamp) || !existsSync(join(root, 'dist', 'main.js'))) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((p) => existsSync(join(root, p)) && newest(join(root, p)) > built);
}

if (process.argv.includes('--if-stale') && !stale()) process.exit(0);

const started = Date.now();
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/main.ts', processor: 'src/processor.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true, // the two threads share chunks; lazily imported modules become their own chunks
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
writeFileSync(stamp, new Date().toISOString() + '\n');
console.log(`built dist/ in ${Date.now() - started} ms`);
