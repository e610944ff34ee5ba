// Regression fixtures of issue 20: English reports are classified like Chinese ones, vague first messages get the
// question back and their follow-ups complete the report, and nothing that is a real report (dev set, every
// hazards fixture) or plain chatter is asked about by mistake. Thresholds sit at the measured figures.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyLocal } from '../../../../src/services/classifier/local';
import { glossEnglish, looksEnglish } from '../../../../src/services/classifier/english';
import { vagueness } from '../../../../src/services/hazards/ask-back';

const rows = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const FIX = 'test/fixtures';

describe('English reports (test/fixtures/english-reports.jsonl)', () => {
  const en = rows(`${FIX}/english-reports.jsonl`);
  it('are read as reports and land in the labelled area', () => {
    let area = 0;
    let like = 0;
    for (const r of en) {
      const c = classifyLocal(r.text);
      if (c.area === r.area || (r.alt ?? []).includes(c.area)) area++;
      if (c.isHazardLike) like++;
    }
    // First sight (before any tuning on these rows): 30/40 and 35/40; the original classifier: 5/40 and 3/40.
    expect(like).toBe(en.length);
    expect(area).toBeGreaterThanOrEqual(38);
  });
  it('glosses only English text', () => {
    expect(looksEnglish('The fire extinguisher on floor 2 is expired')).toBe(true);
    expect(looksEnglish('三楼楼梯口的灭火器过期了 ok')).toBe(false);
    expect(glossEnglish('三楼楼梯口的灭火器过期了')).toBe('');
    expect(glossEnglish('The fire extinguisher on floor 2 is expired')).toContain('灭火器');
    const c = classifyLocal('The fire extinguisher on floor 2 is expired');
    expect(c.area).toBe('fire');
    expect(c.location).toBe('2楼');
  });
});

describe('vague first messages (test/fixtures/vague-reports.jsonl)', () => {
  const va = rows(`${FIX}/vague-reports.jsonl`);
  const vague = va.filter((r) => r.followup !== null);
  const complete = va.filter((r) => r.followup === null);
  it('a vague first message is asked about; with its follow-up the report is complete', () => {
    let asked = 0;
    let completes = 0;
    for (const r of vague) {
      const v = vagueness(r.first, classifyLocal(r.first));
      if (v.vague && v.cue) asked++;
      const combined = `${r.first}，${r.followup}`;
      if (!vagueness(combined, classifyLocal(combined), { explicit: true }).vague) completes++;
    }
    // First sight: 8/25 asked (the bot used to brush every one off), 25/25 completed.
    expect(asked).toBe(vague.length);
    expect(completes).toBe(vague.length);
  });
  it('a complete first message is filed at once', () => {
    for (const r of complete) {
      const c = classifyLocal(r.first);
      expect(vagueness(r.first, c).vague, r.first).toBe(false);
      expect(c.isHazardLike, r.first).toBe(true);
    }
  });
});

describe('nothing real is asked about, no chatter is asked about', () => {
  const files = ['../shared/data/dev-hazards.jsonl', ...readdirSync(FIX).filter((f) => /^hazards-.*\.jsonl$/.test(f)).map((f) => `${FIX}/${f}`)].filter((f) => {
    try { readFileSync(f); return true; } catch { return false; }
  });
  it('every labelled report of the dev set and the hazards fixtures reads as complete', () => {
    const asked: string[] = [];
    let n = 0;
    for (const f of files) for (const r of rows(f)) {
      if (r.hazard === false) continue;
      n++;
      if (vagueness(r.text, classifyLocal(r.text), { explicit: true }).vague) asked.push(r.text);
    }
    expect(n).toBeGreaterThan(1000);
    expect(asked).toEqual([]);
  });
  it('chatter in the fixtures (hazard: false) never gets the question', () => {
    const asked: string[] = [];
    for (const f of files) for (const r of rows(f)) {
      if (r.hazard !== false) continue;
      const v = vagueness(r.text, classifyLocal(r.text));
      if (v.vague && v.cue) asked.push(r.text);
    }
    expect(asked).toEqual([]);
    for (const t of ['好的', '谢谢', '今天下午几点开会？', '请大家明天交一下安全台账', '👍']) {
      const v = vagueness(t, classifyLocal(t));
      expect(v.vague && v.cue, t).toBe(false);
    }
  });
});
