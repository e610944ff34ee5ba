/**
 * Where the hazard is, pulled from the report by patterns: building + number + floor
 * + direction + spot, e.g. 三楼东边楼梯口, 男生宿舍3号楼, 食堂操作间, 化学实验室.
 * Adjacent pieces (optionally joined by 的) are merged; the richest span wins.
 */

const NUM = '[0-9一二三四五六七八九十两]+';

const PLACES = [
  '宿舍楼', '宿舍', '公寓楼', '学生公寓', '教师公寓', '教学楼', '实验楼', '综合楼', '行政楼', '办公楼', '科技楼', '艺术楼', '科学楼',
  '图书馆', '体育馆', '风雨操场', '礼堂', '报告厅', '阶梯教室', '多功能厅', '食堂', '餐厅', '后勤楼', '幼儿园', '锅炉房', '配电房', '配电室',
  '开水房', '地下车库', '车库', '自行车棚', '车棚', '门卫室', '传达室', '监控室', '校医室', '医务室', '保健室', '危化品室', '危化品库', '药品室',
  '准备室', '仪器室', '器材室', '图书室', '阅览室', '音乐室', '美术室', '舞蹈室', '功能室', '计算机房', '电脑室', '机房', '心理咨询室', '录播室',
  '仓库', '库房', '杂物间', '储藏室', '操场', '运动场', '田径场', '篮球场', '足球场', '跑道', '看台', '主席台', '校门口', '大门口', '校门', '大门',
  '侧门', '后门', '围墙', '后山', '连廊', '楼顶', '天台', '屋顶', '厕所', '卫生间', '洗手间', '澡堂', '浴室', '水房', '游泳池', '小卖部', '超市',
  '水塘', '池塘', '河边', '停车场', '校道', '花坛', '楼梯口', '楼梯间', '楼梯', '走廊', '楼道', '过道', '大厅', '门厅', '安全出口', '拐角',
  '转角', '平台', '阳台', '窗台', '教室', '办公室', '寝室', '房间', '操作间', '后厨', '厨房', '备餐间', '洗消间', '粗加工间', '切配间', '留样间',
];

const PATTERNS: { kind: 'place' | 'detail'; source: string }[] = [
  { kind: 'place', source: `(?:初|高)[一二三]\\s*[(（]?${NUM}[)）]?班` },
  { kind: 'place', source: `[一二三四五六七八九]年级\\s*[(（]?${NUM}[)）]?班` },
  { kind: 'place', source: `(?:化学|物理|生物|科学|通用技术|劳技|创客)?实验室` },
  { kind: 'place', source: `(?:男生|女生|学生|教师|教工|初中部|高中部|小学部)(?:宿舍楼|宿舍|公寓)` },
  { kind: 'detail', source: `[a-zA-Z]?${NUM}(?:号|栋|幢|座)楼?` },
  { kind: 'detail', source: `(?:${NUM}|顶|负一|地下[一二]?)(?:楼|层)(?!梯|道|顶|上|下)` },
  { kind: 'detail', source: `${NUM}(?:室|号房|号宿舍|号寝室|宿舍|寝室)` },
  { kind: 'place', source: [...PLACES].sort((a, b) => b.length - a.length).join('|') },
  { kind: 'detail', source: '(?:东南|东北|西南|西北|东|西|南|北|左|右)(?:边|侧|面|头|端)|尽头|中间|旁边|后面|门口' },
];

const COMBINED = new RegExp(PATTERNS.map((p) => `(${p.source})`).join('|'), 'g');

interface Span {
  start: number;
  end: number;
  parts: number;
  places: number;
}

/** The most specific place named in the text, or undefined when none is. */
export function extractLocation(text: string): string | undefined {
  const source = text.normalize('NFKC').replace(/\s+/g, '');
  const spans: Span[] = [];
  let current: Span | undefined;
  for (const match of source.matchAll(COMBINED)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const groupIndex = match.slice(1).findIndex((g) => g !== undefined);
    const isPlace = PATTERNS[groupIndex]?.kind === 'place';
    const joinable = current && (start === current.end || (start === current.end + 1 && source[current.end] === '的'));
    if (current && joinable) {
      current.end = end;
      current.parts += 1;
      current.places += isPlace ? 1 : 0;
    } else {
      current = { start, end, parts: 1, places: isPlace ? 1 : 0 };
      spans.push(current);
    }
  }
  const best = spans
    .filter((s) => s.places > 0 || s.parts > 1)
    .sort((a, b) => b.parts - a.parts || b.end - b.start - (a.end - a.start) || a.start - b.start)[0];
  if (!best) return undefined;
  return source.slice(best.start, best.end).replace(/的$/, '');
}

/** A place name ends in or contains a place morpheme; used to vet places proposed by the model. */
const PLACE_MORPHEME = /[楼室层门场堂馆间廊道房区厅口边侧园台池墙棚库厕班舍寓梯顶坡塘河路角头部所]/;

export function looksLikePlace(text: string): boolean {
  return PLACE_MORPHEME.test(text);
}
