import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { items } from '../../../../src/services/checklist/catalogue.js';
import { classifyLocal, evaluate, parseLabelledJsonl, type LabelledRow } from '../../../../src/services/classifier/index.js';
import { PROJECT_ROOT } from '../../../../src/services/prompts.js';
import { expectValidClassification } from '../../../helpers/classification.js';

const DEV_FILE = path.resolve(PROJECT_ROOT, '../shared/data/dev-hazards.jsonl');
const HOLDOUT_FILE = path.resolve(PROJECT_ROOT, 'test/fixtures/hazards-holdout.jsonl');
const FIXTURES = path.resolve(PROJECT_ROOT, 'test/fixtures');
/**
 * Fresh batches: teacher-style reports (colloquial, typos, dialect, several issues, non-reports
 * marked hazard:false), each saved before the classifier was run on it. First-run figures,
 * i.e. before any change prompted by that batch (area / majors caught / false majors /
 * non-reports taken for reports):
 *   1: 96.5% 14/18 1 1/6   2: 95.0% 15/18 2 1/7   3: 96.7% 16/18 0 1/6   4: 94.6% 13/21 2 2/6
 *   5: 96.6% 17/20 0 2/5   6: 94.8% 13/19 0 2/6   7: 98.2% 13/19 1 8/9   8: 92.7% 14/18 1 2/6
 *   9: 100% 15/19 0 4/7   10: 98.2% 18/19 0 0/5  11: 90.0% 13/16 0 3/5 (11 written after all other fixes)
 *   → 95.9% area (586/611), 161/205 majors caught on first sight.
 * Second round (hazards-fresh2-*, ~50% majors across 《指南》消防 1–10 and the red lines, with
 * hard negatives; area / majors caught / false majors):
 *   fresh2-1: 95.0% 21/24 0   fresh2-2: 95.0% 19/24 0   fresh2-3: 95.0% 21/25 0
 *   (fixes to shared word lists, 没 = 没有 in patterns)
 *   fresh2-4: 97.4% 20/26 0   fresh2-5: 100% 22/27 0   (written after those fixes: 42/53 majors)
 * Only a batch nobody has tuned on measures generalisation; these now guard against regressions.
 */
const FRESH_FILES = readdirSync(FIXTURES)
  .filter((f) => /^hazards-fresh2?-\d+\.jsonl$/.test(f))
  .map((f) => path.join(FIXTURES, f));
const hasDev = existsSync(DEV_FILE);
if (!hasDev) console.warn(`跳过 dev 集准确率测试：找不到 ${DEV_FILE}（../shared 不在本机）`);

const load = (file: string): LabelledRow[] => parseLabelledJsonl(readFileSync(file, 'utf8'));

function report(name: string, result: Awaited<ReturnType<typeof evaluate>>): void {
  console.info(
    `${name}: area ${(result.areaAccuracy * 100).toFixed(1)}% (${result.areaCorrect}/${result.total}), ` +
      `major recall ${result.major.recall.toFixed(2)} precision ${result.major.precision.toFixed(2)}`,
  );
  for (const miss of result.misses) console.info(`  ${miss.expected} → ${miss.got} (${miss.item}) ${miss.text}`);
}

beforeAll(() => {
  classifyLocal('预热'); // segmenter + index outside any timing
});

describe.skipIf(!hasDev)('local classifier on the shared dev set', () => {
  it('gets at least 90% of areas right and flags every major row', async () => {
    const rows = load(DEV_FILE);
    const result = await evaluate(rows, (text) => classifyLocal(text));
    report('dev', result);
    expect(result.areaAccuracy).toBeGreaterThanOrEqual(0.9);
    for (const row of rows.filter((r) => r.major === true)) {
      expect(classifyLocal(row.text).major.flag, row.text).toBe(true);
    }
  });

  it('shares no long run of wording with any dev row (the catalogue is not built from it)', () => {
    const dev = load(DEV_FILE).map((r) => r.text);
    const texts = items.flatMap((i) => [i.title, i.description, ...i.keywords, ...i.phrasings]);
    // Nine characters is longer than any checklist term the two legitimately share (校车安全管理制度).
    for (const text of texts) {
      for (let i = 0; i + 9 <= text.length; i += 1) {
        const piece = text.slice(i, i + 9);
        expect(dev.find((d) => d.includes(piece)), `"${text}"`).toBeUndefined();
      }
    }
  });
});

describe('local classifier on the held-out reports', () => {
  it('gets at least 90% of areas right and flags every major row', async () => {
    const rows = load(HOLDOUT_FILE);
    expect(rows.length).toBeGreaterThanOrEqual(40);
    const result = await evaluate(rows, (text) => classifyLocal(text));
    report('holdout', result);
    expect(result.areaAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(result.major.recall).toBe(1);
    expect(result.major.precision).toBeGreaterThanOrEqual(0.9);
  });
});

describe('local classifier on the fresh teacher-style batches', () => {
  const rows = FRESH_FILES.flatMap(load);

  it('gets at least 90% of areas right, flags every major row and almost nothing else', async () => {
    expect(FRESH_FILES.length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.hazard).length).toBeGreaterThanOrEqual(250);
    const result = await evaluate(rows, (text) => classifyLocal(text));
    report('fresh', result);
    expect(result.areaAccuracy).toBeGreaterThanOrEqual(0.9);
    for (const row of rows.filter((r) => r.major === true)) {
      expect(classifyLocal(row.text).major.flag, row.text).toBe(true);
    }
    expect(result.major.recall).toBe(1);
    expect(result.major.fp, 'false majors').toBeLessThanOrEqual(3);
  });

  it('records reports and leaves questions, notices and small talk alone', async () => {
    const { hazardLike } = await evaluate(rows, (text) => classifyLocal(text));
    for (const error of hazardLike.errors) console.info(`  isHazardLike should be ${error.expected}: ${error.text}`);
    expect(hazardLike.nonReports).toBeGreaterThanOrEqual(30);
    expect(hazardLike.reportsMissed / hazardLike.reports).toBeLessThanOrEqual(0.02);
    expect(hazardLike.nonReportsFlagged / hazardLike.nonReports).toBeLessThanOrEqual(0.1);
  });

  it('shares no long run of wording with any fresh row (the catalogue is not built from them)', () => {
    const fresh = rows.map((r) => r.text);
    const texts = items.flatMap((i) => [i.title, i.description, ...i.keywords, ...i.phrasings]);
    for (const text of texts) {
      for (let i = 0; i + 9 <= text.length; i += 1) {
        const piece = text.slice(i, i + 9);
        expect(fresh.find((d) => d.includes(piece)), `"${text}"`).toBeUndefined();
      }
    }
  });
});

describe('classifyLocal', () => {
  it('returns a valid, deterministic classification with at most 8 candidates', () => {
    const text = '三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半';
    const result = classifyLocal(text);
    expectValidClassification(result);
    expect(result).toMatchObject({ area: 'fire', item: 'fire.exits-clear', source: 'local', location: '三楼东边楼梯口', isHazardLike: true });
    expect(result.major.flag).toBe(false);
    expect(classifyLocal(text)).toEqual(result);
  });

  it('flags a 《指南》 criterion as major with its citation and red risk', () => {
    const result = classifyLocal('男生宿舍3号楼有学生把电动车电池拿进寝室充电');
    expect(result.major).toEqual({
      flag: true,
      criterion: 'guide.fire.6',
      citation: expect.stringContaining('消防第6项：电动自行车（含电池）进楼'),
    });
    expect(result.risk).toBe('red');
    expect(result.location).toBe('男生宿舍3号楼');
  });

  it('marks a red-line match as suspected, still flagged for escalation', () => {
    const result = classifyLocal('锅炉的压力表过了检定日期还在用');
    expect(result.major).toMatchObject({ flag: true, suspected: true, criterion: 'redline.facilities.special-equipment' });
    expect(result.major.citation).toContain('疑似重大，需人工确认');
  });

  it('does not flag ordinary hazards that share words with major rules', () => {
    for (const text of ['电动车停在车棚里充电，充电桩有一个坏了', '烟感报警器装好了，已经测试正常', '楼道里的电线有点老化', '整改完的隐患没有验收']) {
      expect(classifyLocal(text).major.flag, text).toBe(false);
    }
  });

  it('tells hazard reports from questions, notices and small talk', () => {
    const notReports = [
      '今天下午几点开会？', '收到，谢谢', '请问消防演练是哪天？', '灭火器怎么用？', '家长会改到周四了', '大家辛苦了', '帮我查一下上周的隐患', '消防通道检查了一遍，没有问题', '三楼的灯已经修好了',
      '哈哈 今天的升旗仪式挺顺利', '张老师 你们段的检查表填了没', '配电房的钥匙在谁那里', '上午巡了一圈 各楼层都正常', '燃气报警器刚才响了 查了是误报 虚惊一场', '麻烦把演练方案发我一下',
    ];
    for (const text of notReports) expect(classifyLocal(text).isHazardLike, text).toBe(false);
    const reports = [
      '厕所的灯坏了', '宿舍有人用电热毯', '食堂的青菜吃出了虫子', '篮球架晃得厉害', '学生不知道地震时应该躲在哪里', '灭火器过期了？',
      '烟感测试都正常，但是二楼走廊的应急灯不亮', '宿舍有学生晚上点蜡烛',
    ];
    for (const text of reports) expect(classifyLocal(text).isHazardLike, text).toBe(true);
  });

  it('raises the colour for urgent wording', () => {
    expect(classifyLocal('教室后面的插座漏电').risk).toBe('orange');
  });

  it('extracts places by pattern', () => {
    const cases: [string, string | undefined][] = [
      ['食堂操作间的地面很滑', '食堂操作间'],
      ['化学实验室的通风橱不转了', '化学实验室'],
      ['初二(3)班教室的灯管掉下来了', '初二(3)班教室'],
      ['一楼楼梯间堆了杂物', '一楼楼梯间'],
      ['有学生带刀具进学校', undefined],
    ];
    for (const [text, location] of cases) expect(classifyLocal(text).location, text).toBe(location);
  });

  it('works on an edited catalogue object', () => {
    const custom = { version: 'x', areas: [], items: items.filter((i) => i.area === 'food'), majorRules: [] };
    const result = classifyLocal('冰箱里的剩菜发霉了', custom);
    expect(result.area).toBe('food');
    expect(result.major.flag).toBe(false);
  });
});
