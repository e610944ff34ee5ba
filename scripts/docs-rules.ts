/** npm run docs:rules — writes docs/major-rules.md from the shipped rules (see src/services/checklist/rules-doc.ts). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderRulesDoc } from '../src/services/checklist/rules-doc.js';
import { PROJECT_ROOT } from '../src/services/prompts.js';

const file = path.resolve(PROJECT_ROOT, 'docs/major-rules.md');
writeFileSync(file, renderRulesDoc());
process.stdout.write(`已生成 ${path.relative(process.cwd(), file)}\n`);
