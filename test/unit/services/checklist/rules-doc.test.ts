import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { majorRules } from '../../../../src/services/checklist/catalogue.js';
import { combinedRules } from '../../../../src/services/checklist/guide.js';
import { renderRulesDoc } from '../../../../src/services/checklist/rules-doc.js';
import { PROJECT_ROOT } from '../../../../src/services/prompts.js';

describe('docs/major-rules.md', () => {
  it('is the committed output of npm run docs:rules (regenerate it after changing a rule)', () => {
    const committed = readFileSync(path.resolve(PROJECT_ROOT, 'docs/major-rules.md'), 'utf8');
    expect(committed).toBe(renderRulesDoc());
  });

  it('lists every rule with its source', () => {
    const doc = renderRulesDoc();
    for (const rule of [...majorRules, ...combinedRules]) expect(doc, rule.code).toContain(`\`${rule.code}\``);
  });
});
