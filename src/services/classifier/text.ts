/**
 * Text normalisation and features shared by the catalogue index and the query side,
 * so both are cut the same way. Jieba is loaded once, lazily (≈0.2 s), because the
 * bot process may never classify anything.
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);

let jieba: Jieba | undefined;

function getJieba(): Jieba {
  // Required here, not imported at the top: the HTTP thread never segments, so it never pays for the dictionary.
  jieba ??= (require('@node-rs/jieba') as typeof import('@node-rs/jieba')).Jieba.withDict((require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js')).dict);
  return jieba;
}

/** Load the segmenter now (e.g. at startup) instead of on the first report. */
export function warmUpSegmenter(): void {
  getJieba();
}

/**
 * Misspellings of safety terms that phone keyboards and voice input produce (homophones,
 * neighbouring characters), mapped to the usual form. Only variants that are not words in
 * their own right, so the rewrite never changes what a report says.
 */
export const VARIANTS: readonly (readonly [string, string])[] = [
  // 然气 first: 天然气 becomes 天燃气 here and is put back below.
  ['然气', '燃气'],
  ['速舍', '宿舍'], ['诉舍', '宿舍'], ['宿设', '宿舍'], ['宿社', '宿舍'], ['气油', '汽油'], ['为化品', '危化品'], ['四季逗', '四季豆'], ['放争气', '放蒸汽'], ['把电平', '把电瓶'], ['留言柜', '留样柜'], ['健糠证', '健康证'], ['作伙', '一起'], ['风台', '台风'], ['电火坏', '电灯坏'], ['电火不亮', '电灯不亮'], ['炒四季都', '炒四季豆'], ['落雨', '下雨'], ['厝顶', '屋顶'], ['厝里', '屋里'], ['无代志', '没事'], ['代志', '事情'], ['裂封', '裂缝'], ['柱仔', '柱子'], ['铁皮厝', '铁皮房'], ['上吐下泄', '上吐下泻'], ['瓦斯味', '燃气味'], ['瓦斯', '燃气'], ['住子', '柱子'], ['一条封', '一条缝'], ['阮学校', '我们学校'], ['拢被', '都被'], ['烟杆', '烟感'], ['眼感', '烟感'], ['护兰', '护栏'], ['阮班', '我们班'], ['食饭', '吃饭'], ['灶脚', '厨房'], ['四季都看着', '四季豆看着'], ['边仔', '旁边'], ['做伙', '一起'], ['拢摆', '都摆'], ['见康证', '健康证'], ['健康政', '健康证'], ['监定', '鉴定'], ['华坡', '滑坡'], ['划坡', '滑坡'], ['洞火', '动火'], ['冻火单', '动火单'],
  ['笑车', '校车'], ['效车', '校车'], ['配电防', '配电房'], ['配电坊', '配电房'], ['配店房', '配电房'], ['应急登', '应急灯'], ['输散', '疏散'], ['舒散', '疏散'],
  ['露电', '漏电'], ['电览', '电缆'], ['消防通到', '消防通道'], ['灭火机', '灭火器'],
  ['电平车', '电瓶车'], ['电频车', '电瓶车'], ['电品车', '电瓶车'], ['电瓶单车', '电瓶车'],
  ['烟敢', '烟感'], ['烟赶', '烟感'], ['烟杆报警', '烟感报警'],
  ['防道网', '防盗网'], ['防到网', '防盗网'], ['防盗綱', '防盗网'],
  ['危话品', '危化品'], ['危花品', '危化品'], ['危货品', '危化品'], ['危化拼', '危化品'],
  ['灭火气', '灭火器'], ['灭火起', '灭火器'], ['天拿水', '天那水'],
  ['消防拴', '消防栓'], ['消火拴', '消火栓'], ['消访栓', '消防栓'], ['消仿栓', '消防栓'], ['消防箱拴', '消防栓箱'],
  ['应及灯', '应急灯'], ['应急等不亮', '应急灯不亮'], ['疏散指式', '疏散指示'],
  ['煤汽', '煤气'], ['天燃气', '天然气'], ['燃汽', '燃气'], ['报警气', '报警器'],
  ['配电相', '配电箱'], ['插线版', '插线板'], ['插排版', '插排'], ['漏电保户', '漏电保护'],
  ['监空', '监控'], ['摄象头', '摄像头'], ['健康正', '健康证'],
  ['护拦', '护栏'], ['栏干', '栏杆'], ['扶守', '扶手'], ['裂峰', '裂缝'], ['楼提', '楼梯'],
  ['隐换', '隐患'], ['整该', '整改'], ['锁匙', '钥匙'], ['电悌', '电梯'], ['锅护', '锅炉'], ['建康证', '健康证'], ['健康症', '健康证'], ['留羊', '留样'], ['流样', '留样'], ['四级豆', '四季豆'], ['四季都炒', '四季豆炒'], ['防盗王', '防盗网'], ['热水气', '热水器'], ['往外协', '往外斜'], ['四季斗', '四季豆'], ['液化汽', '液化气'], ['隔离蹲', '隔离墩'], ['冲电', '充电'], ['报jing器', '报警器'], ['报jin器', '报警器'], ['配电方', '配电房'], ['电揽', '电缆'], ['热的快', '热得快'], ['四几豆', '四季豆'], ['报井器', '报警器'], ['抱警器', '报警器'],
  // 东梯 / 西梯: the east or west staircase, as duty rotas name them.
  ['东梯', '东楼梯'], ['西梯', '西楼梯'], ['南梯', '南楼梯'], ['北梯', '北楼梯'], ['中梯', '中楼梯'],
  ['年减过期', '年检过期'], ['年减到期', '年检到期'], ['没年减', '没年检'], ['年减没', '年检没'],
  // Minnan words teachers type as they speak (闽南语): 歹去 = 坏了, 落来 = 下来, 囝仔 = 孩子, 紧来 = 快来.
  ['歹去了', '坏了'], ['歹去', '坏了'], ['歹了', '坏了'], ['落来', '下来'], ['囝仔', '孩子'], ['紧来', '快来'],
  // 拢 = 都 before a verb or state (「烟感拢拆掉了」「压力拢在红区」).
  // After the Minnan words: 「电火歹去了」 is 「电火坏了」 only now.
  ['电火坏', '电灯坏'],
  // More Minnan and voice slips: 电汗 = 电焊, 点梯 = 电梯, 无人顾 = 没人看, 毋知 = 不知道, 下底 = 下面, 囡仔 = 孩子, 开入来 = 开进来,
  // 时陣 = 时候, 无分开 = 没分开, 归片 = 整片, 盖仔 = 盖子, 无去 = 不见了, 窗仔 = 窗户, 铁枝 = 铁条; jkz = 健康证 (pinyin initials).
  ['人行到', '人行道'], ['检康证', '健康证'], ['按怎用', '怎么用'], ['按怎', '怎么'], ['圆和子', '圆盒子'], ['当住', '挡住'], ['今仔日', '今天'], ['无看到', '没看到'], ['无人在', '没人在'], ['秀断', '锈断'], ['昨暝', '昨晚'], ['天光', '天亮'], ['关袂密', '关不严'], ['袂', '不'],
  ['电汗', '电焊'], ['点梯', '电梯'], ['无人顾', '没人看'], ['毋知', '不知道'], ['下底', '下面'], ['囡仔', '孩子'], ['开入来', '开进来'], ['时陣', '时候'], ['时阵', '时候'],
  ['无分开', '没分开'], ['归片', '整片'], ['盖仔', '盖子'], ['无去', '不见了'], ['窗仔', '窗户'], ['铁枝', '铁条'], ['jkz', '健康证'],
  // 攏总 / 拢总 = 全部; 攏 is 拢 as a Taiwan keyboard types it.
  ['攏总', '全部'], ['拢总', '全部'], ['攏', '拢'],
  ['拢拆', '都拆'], ['拢坏', '都坏'], ['拢没', '都没'], ['拢不', '都不'], ['拢在', '都在'], ['拢是', '都是'], ['拢有', '都有'], ['拢过期', '都过期'],
];

/**
 * Traditional characters (teachers typing on a Hong Kong or Taiwan keyboard layout, pasted notices) of the words
 * the checklist and the rules are written in, mapped one to one to their simplified form.
 */
const TRADITIONAL = '級樓電車滅氣過險報警檢驗鍋爐燈門窗線煙實衛紅斷壞龍樑東層間學園廳廚餐堂險庫櫃鎖鑰匙劑藥業員證齊療護欄桿牆裂縫傾塌倒墜網鐵鋼焊禁動審批監場內們該還這說給讓對應與從進為處見時兒燒機術裝開關備標誌牌號啟動發現問題盡應該兩隊車輛駕駛駕齡駛載幾處裡';
const SIMPLIFIED = '级楼电车灭气过险报警检验锅炉灯门窗线烟实卫红断坏龙梁东层间学园厅厨餐堂险库柜锁钥匙剂药业员证齐疗护栏杆墙裂缝倾塌倒坠网铁钢焊禁动审批监场内们该还这说给让对应与从进为处见时儿烧机术装开关备标志牌号启动发现问题尽应该两队车辆驾驶驾龄驶载几处里';
const TO_SIMPLIFIED = new Map([...TRADITIONAL].map((ch, i) => [ch, [...SIMPLIFIED][i]]));
const TRADITIONAL_CHARS = new RegExp(`[${[...TO_SIMPLIFIED].filter(([t, s]) => t !== s).map(([t]) => t).join('')}]`, 'g');

const CIRCLED = /[\u2460-\u2473]/g;
/** A tick or cross followed at once by text starts an entry (「✘消毒柜坏了 ✘冷库…」「杂物✗逃生…」); one followed by a space or the line's end marks the entry before it (「安全出口 ✘ 被道具堵了」「灭火器 ✔」). */
const TICK_BULLET = /[ \t]*[✔✅☑✓]\ufe0f?(?=\S)/g;
const TICK = /[ \t]*[✔✅☑✓]\ufe0f?[ \t]*/g;
const CROSS_BULLET = /[ \t]*[✘✗❌❎×•▪◦]\ufe0f?(?=\S)/g;
const CROSS = /[ \t]*[✘✗❌❎×•▪◦]\ufe0f?[ \t]*/g;
const EMOJI_BEFORE_HAN = /\p{Extended_Pictographic}(?:\ufe0f)?(?=\s*[\u4e00-\u9fff])/gu;

/** Half-width, lower-case, no whitespace, common misspellings fixed: the form rules and keywords are matched against. */
export function normalise(text: string): string {
  // A space between two Chinese characters is where voice input and hurried typing put a comma; so is an emoji before
  // one (「…还是旧楼的😂应急灯不亮」). A circled number (①, which NFKC makes a bare 1) keeps its place in a list as 1、.
  // A checklist's line breaks end its findings; a tick (✔ 留样, 灭火器 ✔) says the item is in order; a cross or bullet
  // (✘ 洗眼器没水, 安全出口 ✘ 被道具堵了) only marks the line, so it goes.
  let out = text
    .trim()
    .replace(TICK_BULLET, '，合格')
    .replace(TICK, '合格')
    .replace(CROSS_BULLET, '，')
    .replace(CROSS, '')
    .replace(/\s*[\r\n]+\s*/g, '，')
    .replace(CIRCLED, (ch) => `${ch.charCodeAt(0) - 0x245f}、`)
    .replace(EMOJI_BEFORE_HAN, '$&,')
    .normalize('NFKC').toLowerCase().replace(/(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/g, ',').replace(/\s+/g, '').replace(TRADITIONAL_CHARS, (ch) => TO_SIMPLIFIED.get(ch) ?? ch);
  for (const [variant, usual] of VARIANTS) if (out.includes(variant)) out = out.split(variant).join(usual);
  return out;
}

const CJK = /[\u4e00-\u9fff]/;
const WORDLIKE = /^[\u4e00-\u9fffa-z0-9]+$/;

/** Function words carry no topic; dropping them keeps idf mass on content. */
const STOP = new Set(
  ('的 了 在 是 有 也 都 就 还 很 又 和 与 及 或 被 把 给 让 从 到 对 向 这 那 个 些 一 上 下 里 中 着 过 吧 呢 啊 吗 呀 么 ' +
    '我 你 他 她 它 我们 你们 他们 大家 自己 这个 那个 一个 一些 什么 怎么 没有 不 没 说 看 要 会 能 去 来 做 用 已经 现在 ' +
    '今天 昨天 有点 有些 好多 很多 一直 还是 但是 可是 而且 因为 所以 就是 还有 老师 学校 学生 同学 我校').split(' '),
);

/** Weighted features: jieba words (w:), CJK bigrams (b:) and single characters (c:). */
export interface FeatureWeights {
  word: number;
  bigram: number;
  char: number;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { word: 1, bigram: 0.5, char: 0.15 };

/** Tuning knob: search mode adds sub-words of compounds (体育器材 → 体育, 器材). */
export const SEGMENT = { searchMode: true };

export function features(
  normalised: string,
  weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS,
): Map<string, number> {
  const out = new Map<string, number>();
  const add = (key: string, weight: number): void => {
    if (weight > 0) out.set(key, (out.get(key) ?? 0) + weight);
  };
  for (const word of (SEGMENT.searchMode ? getJieba().cutForSearch(normalised, true) : getJieba().cut(normalised, true))) {
    if (!WORDLIKE.test(word) || STOP.has(word)) continue;
    if (word.length > 1 || !CJK.test(word)) add(`w:${word}`, weights.word);
  }
  for (const run of normalised.match(/[\u4e00-\u9fff]+/g) ?? []) {
    for (let i = 0; i < run.length; i += 1) {
      const ch = run[i];
      if (!STOP.has(ch)) add(`c:${ch}`, weights.char);
      if (i + 1 < run.length) add(`b:${run.slice(i, i + 2)}`, weights.bigram);
    }
  }
  return out;
}

/** Word boundaries (character offsets) of jieba's precise cut, to tell 报告 from 报告厅. */
export function wordBoundaries(normalised: string): Set<number> {
  const boundaries = new Set<number>([0]);
  let offset = 0;
  for (const word of getJieba().cut(normalised, true)) {
    offset += word.length;
    boundaries.add(offset);
  }
  return boundaries;
}
