// The checklist item a question names (「灭火器过期的隐患有多少」「电动车进楼的隐患哪个区最多」): the catalogue's own
// keywords are the vocabulary, so an item is named the way the classifier files it. The query carries the words as
// said; they mean the items whose longest keyword they contain, and a term that means no item does not validate.
import { items as shippedItems } from '../checklist/catalogue';
import type { CheckItem } from '../checklist/types';
import { PERSON_TITLES } from './people-titles';
import { AREA_WORDS, COLOUR_WORDS, DOCUMENT_WORDS, LIST_WORDS, OPEN_WORDS, OVERDUE_WORDS, PROGRESS_WORDS, RATE_WORDS, STATUS_WORDS } from './lexicon';

/**
 * A keyword the lexicon already reads as another slot stays that slot: one that is wholly an area phrase (危化品,
 * 挡土墙), or any that holds a state, colour, document, 过期, 清单… (灭火器 is an item although 灭火 is an area word).
 */
const AREA_PHRASES = AREA_WORDS.map(([re]) => re);
const OTHER_SLOT: RegExp[] = [
  ...[COLOUR_WORDS, DOCUMENT_WORDS, STATUS_WORDS].flatMap((list) => list.map(([re]) => re)),
  OPEN_WORDS, OVERDUE_WORDS, LIST_WORDS, PROGRESS_WORDS, RATE_WORDS, /[没未](?:签|交|报)/,
];
const isOtherSlot = (k: string) => AREA_PHRASES.some((re) => re.exec(k)?.[0] === k) || OTHER_SLOT.some((re) => re.test(k));

/**
 * Keywords that name a whole field (an area slot), a ledger state or a question, not one checklist thing: they are
 * never read as an item. Data, like the lexicon.
 */
const NOT_ITEMS = new Set([
  '消防', '食堂', '厨房', '后厨', '实验室', '危化品', '危险化学品', '化学品', '交通', '网络', '网上', '群里', '平台',
  '整改', '整改期限', '整改时限', '整改措施', '限期整改', '责任人', '销号', '验收', '复查', '闭环', '存档', '归档', '台账',
  '排查', '巡查', '安全检查', '日查', '周查', '月查', '专项排查', '专项检查', '上报', '没上报', '没有上报', '瞒报', '迟报', '漏报',
  '登记', '执行', '没执行', '不执行', '落实', '没落实', '修订', '修改', '更新', '没更新', '过时', '培训', '考核', '完成率',
  '逾期', '超期', '久拖', '拖延', '反复出现', '老问题', '承诺书', '责任书', '签订', '层层签订', '审批', '报批', '申报',
  '预警', '情绪', '擅自', '经费', '预算', '资金', '拨款', '没钱', '费用', '记录', '隐患清单', '整改清单', '三张清单', '隐患台账',
  '督办', '挂牌督办', '书面报告', '报教育局', '主管部门', '五落实', '标签', '库存', '盘点', '执行记录', '采购', '进货', '上下学',
  '老化', '裸露', '地面', '器材', '线路', '照明', '制度不全', '缺制度', '操作说明', '注意事项', '大门', '侧门', '后门', '小门',
]);

export interface ItemTerm {
  keyword: string;
  codes: string[];
}

function vocabulary(list: readonly CheckItem[]): ItemTerm[] {
  const byKeyword = new Map<string, Set<string>>();
  for (const item of list) {
    for (const raw of item.keywords) {
      const k = raw.toLowerCase();
      // Two Han characters at least: digits (119), Latin (d级) and single characters say too little.
      // Nor the ledger's own nouns (隐患, 重大隐患) or people's titles (安全员, 师傅).
      if (!/^[\u4e00-\u9fa5]{2,}$/.test(k) || NOT_ITEMS.has(k) || /隐患|问题/.test(k) || PERSON_TITLES.some((t) => k.endsWith(t)) || isOtherSlot(k)) continue;
      byKeyword.set(k, (byKeyword.get(k) ?? new Set()).add(item.code));
    }
  }
  return [...byKeyword].map(([keyword, codes]) => ({ keyword, codes: [...codes].sort() })).sort((a, b) => b.keyword.length - a.keyword.length);
}

const VOCABULARY = vocabulary(shippedItems);

/**
 * The item codes a term means: those of the longest keyword it contains, the earliest one on a tie (燃气报警装置 is
 * the gas alarm, not the 报警装置 of the gate); [] when it names no item.
 */
export function itemCodesOf(term: string): string[] {
  const t = term.toLowerCase();
  let best: { len: number; at: number; codes: Set<string> } | null = null;
  for (const v of VOCABULARY) {
    if (best && v.keyword.length < best.len) break;
    const at = t.indexOf(v.keyword);
    if (at < 0) continue;
    if (!best || at < best.at) best = { len: v.keyword.length, at, codes: new Set(v.codes) };
    else if (at === best.at) for (const c of v.codes) best.codes.add(c);
  }
  return best ? [...best.codes].sort() : [];
}

/** What a problem is said to be, right after the thing: 灭火器过期, 疏散通道堵塞, 电动车进楼, 报警器没装. */
const PREDICATE = /^(?:器|装置|设备)?(?:[没未不]?(?:过期|堵塞|堵住|被堵|占用|进楼|上楼|充电|没装|未装|不足|缺失|损坏|坏了|失效|老化|被挡|遮挡|封窗|封闭|超员|超载|乱接|不亮|不合格|过检|脱落))?/;

export interface ItemHit {
  term: string;
  at: number;
  end: number;
}

/** The first item named in the text (the longest keyword at the earliest place), with what is said of it. */
export function itemHit(text: string): ItemHit | null {
  let best: { at: number; keyword: string } | null = null;
  for (const v of VOCABULARY) {
    const at = text.indexOf(v.keyword);
    if (at < 0) continue;
    if (!best || at < best.at || (at === best.at && v.keyword.length > best.keyword.length)) best = { at, keyword: v.keyword };
  }
  if (!best) return null;
  const tail = PREDICATE.exec(text.slice(best.at + best.keyword.length))?.[0] ?? '';
  const term = best.keyword + tail;
  return { term, at: best.at, end: best.at + term.length };
}
