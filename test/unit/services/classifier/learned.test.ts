import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyLocal } from '../../../../src/services/classifier/index.js';
import { defaultCatalogue } from '../../../../src/services/checklist/catalogue.js';
import { decodeModel, encodeModel, majorProbability, trainMajorModel } from '../../../../src/services/classifier/learned.js';
import { normalise } from '../../../../src/services/classifier/text.js';
import { PROJECT_ROOT } from '../../../../src/services/prompts.js';
import { majorTrainingRows } from '../../../../scripts/major-training-rows.js';

describe('the learned second opinion on major hazards', () => {
  it('the stored weights are what training on the labelled sets gives (run npm run train:major after adding a set)', () => {
    const stored = JSON.parse(readFileSync(path.resolve(PROJECT_ROOT, 'src/services/classifier/major-model.json'), 'utf8'));
    const retrained = encodeModel(trainMajorModel(majorTrainingRows(), normalise));
    expect(stored.bits).toBe(retrained.bits);
    expect(stored.bias).toBe(retrained.bias);
    expect(stored.scale).toBe(retrained.scale);
    expect(stored.weights === retrained.weights, 'major-model.json is stale: npm run train:major').toBe(true);
  });

  it('refuses a weights file of the wrong size', () => {
    expect(() => decodeModel({ bits: 16, bias: 0, scale: 1, weights: Buffer.alloc(8).toString('base64') })).toThrow(/expected 65536/);
  });

  it('stores the weights as bytes that rank every labelled report as the floats do, within a hair', () => {
    const trained = trainMajorModel(majorTrainingRows(), normalise);
    const stored = decodeModel(encodeModel(trained));
    let worst = 0;
    for (const row of majorTrainingRows().slice(0, 600)) {
      const n = normalise(row.text);
      worst = Math.max(worst, Math.abs(majorProbability(n, trained) - majorProbability(n, stored)));
    }
    expect(worst).toBeLessThan(0.05);
  });

  it('never overrules a 《指南》 article in a plain report, and never the wording of a short report', () => {
    for (const text of ['宿舍一楼的安全出口 晚上宿管都用大锁锁上了', '新楼未验收已使用', '校车超员', '有老师把电动车电池拿到办公室充']) {
      const c = classifyLocal(text);
      expect(c.major.flag, text).toBe(true);
      expect(c.major.learned, text).toBeUndefined();
    }
  });

  it('in a message that asks, a wording match the model finds unlikely is a hint, not a major', () => {
    const asked = classifyLocal('我们的动火审批单是自己设计的，和区里的模板不一样，要不要改？');
    expect(asked.major.flag).toBe(false);
    expect(asked.major.possible).toBe('guide.fire.5');
    // The same state told, not asked, stands.
    expect(classifyLocal('后厨师傅在电焊排烟管的支架，没办动火审批，旁边也没人看着').major.criterion).toBe('guide.fire.5');
  });

  it('raises only 疑似重大 for a person to confirm, with the rule of an item the report ranks for, or its own item citing no article', () => {
    const fixtures = path.resolve(PROJECT_ROOT, 'test/fixtures');
    const texts = readdirSync(fixtures).filter((f) => /^hazards-.*\.jsonl$/.test(f)).flatMap((f) => readFileSync(path.join(fixtures, f), 'utf8').split('\n').filter(Boolean).map((l) => String(JSON.parse(l).text)));
    const raised = texts.map((t) => classifyLocal(t)).filter((c) => c.major.learned);
    expect(raised.length).toBeGreaterThan(0);
    for (const c of raised) {
      expect(c.major.suspected).toBe(true);
      expect(c.major.citation).toMatch(/^疑似重大，需人工确认：/);
      if (c.major.criterion === `learned.${c.item}`) {
        // No rule the report is like: filed under its own item, and the card says no article matched.
        expect(c.major.citation).toContain('未对应到具体判定条款');
        continue;
      }
      const rule = defaultCatalogue.majorRules.find((r) => r.code === c.major.criterion);
      expect(rule, c.major.criterion).toBeDefined();
      expect(c.candidates.slice(0, 3).map((cand) => cand.item)).toContain(rule!.item);
    }
  });

  it('raises nothing that is chatter, a question, a notice or something put right', () => {
    for (const text of ['收到，谢谢', '明天几点开安全会？', '请各位老师本周五前交消防安全责任书', '上学期说的配电房进水，已经全部整改好了', '今天开了安全工作会议，布置了消防、食品、实验室的检查']) {
      expect(classifyLocal(text).major.flag, text).toBe(false);
    }
  });

  it('gives a probability between 0 and 1 for any text, empty or hostile', () => {
    for (const text of ['', '🙂'.repeat(500), "'; DROP TABLE hazard; --", '宿'.repeat(5000)]) {
      const p = majorProbability(normalise(text));
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
});
