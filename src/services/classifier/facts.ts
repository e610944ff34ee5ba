/**
 * Facts a word list cannot see: numbers compared with the limit a criterion sets. 「核载19座，上去了27个」 is over
 * capacity and 「司机62岁」 is over the school-bus age limit, though neither says 超员 or 超龄. Each fact found is
 * returned as the words the major rules already read (超员, 驾驶人超龄), to be appended to the normalised text
 * before the rules are matched. Linear in the text; nothing here is built from a labelled report.
 */

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 27, 二十七, 十九, 四十, 一百二: integers below 1000 in digits or Chinese numerals; NaN otherwise. */
export function parseNumber(raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw);
  let total = 0;
  let current = 0;
  let seen = false;
  for (const ch of raw) {
    if (ch in DIGIT) {
      current = DIGIT[ch];
      seen = true;
    } else if (ch === '十') {
      total += (seen ? current : 1) * 10;
      current = 0;
      seen = false;
    } else if (ch === '百') {
      total += (seen ? current : 1) * 100;
      current = 0;
      seen = false;
    } else return Number.NaN;
  }
  return total + current;
}

const NUM = '(\\d{1,3}|[零〇一二两三四五六七八九十百]{1,4})';
/** The vehicle's limit: 核载19座, 核定33人, 限乘7人, 19座, 7座车, 19 seats. */
const CAPACITY = new RegExp(`(?:核载|核定|限载|限乘|准乘|额定|限坐)(?:载客|乘员|人数)?${NUM}|${NUM}(?:个)?(?:座|人座|seats?|seater)`, 'g');
/** People aboard: 上去了27个, 坐了36个人, 塞了12个小朋友, 数了有26个, 26kids. */
const ABOARD = new RegExp(
  `${NUM}(?:多|来)?(?:个|名|位)?(?:人|学生|孩子|小孩|娃|小朋友|幼儿|kids|students|children|pupils)|(?:上去了|上了|坐了|塞了|装了|拉了|挤了|数了|一共|总共)${NUM}(?:多|来)?个?|${NUM}(?:多|来)?个(?![月天小时年座])`,
  'g',
);
/** An age: 62岁, 六十二岁, 22周岁, 今年62了. */
const AGE = new RegExp(`${NUM}(?:周)?岁|(?:今年|年纪|都|已经|快)${NUM}(?:多)?了|今年${NUM}(?=[，,。\\s])|(?:讲|说)${NUM}(?=[，,。\\s]|$)|(?:说自己|自己|讲自己)${NUM}(?:多)?了?`, 'g');
/** Said of the vehicle: the capacity belongs to a pupil-carrying vehicle. */
const VEHICLE = /校车|校巴|接送|\d+号车|座的车|面包车|班车|大巴|中巴|小巴|包车|三轮|私家车|商务车|轿车|小车|车上|车里|上车|这车|那车|辆车|座车/;
/** Aboard beyond the seats whatever the count: standing, in the aisle, on stools. */
const BEYOND_SEATS = /站着|站了|过道|加座|小板凳|挤着坐|叠着坐|抱着坐/;
const DRIVER = /司机|驾驶员|驾驶人|开车的|开[^，,。]{0,4}校车|师傅/;
/** An inspection or certificate mark, and a year in it. */
const INSPECTION = /检验|年检|检测|合格证|检定|定检/;
const YEAR = /(20[0-9]{2})年/g;
/** A head count: 1800多人, 2600人, 三百多名. */
const CROWD = new RegExp(`(\\d{3,5}|[一二两三四五六七八九][千百][一二两三四五六七八九]?[百十]?)多?(?:人|名|位)`, 'g');
/** A three-digit room number (floor, 0, room): 101, 307, 512; not 120 or 119. */
const ROOM_NUMBER = /(?<![\d.])[1-9]0[1-9](?![\d座人个名位号米元块分公斤克度厘毫吨平天年月日次瓶辆台张本份班路线万%kmg])/i;
/** 《校车安全管理条例》: school-bus drivers are 25 to 60. */
const DRIVER_AGE = { min: 25, max: 60 };

/** 「有效期到二〇二四年十二月」, 「有效期至2025年6月」: a validity end date, in digits or Chinese numerals. */
const VALID_UNTIL = /有效期?限?(?:写|标|写的是|是)?(?:到|至|截至|截止到?|止于?)((?:19|20)\d{2}|[二][〇零][〇零一二三四五六七八九]{2}|去|前|今|明)年(?:(\d{1,2}|十[一二]?|[一二三四五六七八九])月)?/g;

const RELATIVE_YEAR: Record<string, number> = { 前: -2, 去: -1, 今: 0, 明: 1 };

function yearOf(raw: string, now: Date): number {
  if (raw in RELATIVE_YEAR) return now.getFullYear() + RELATIVE_YEAR[raw];
  return /^\d+$/.test(raw) ? Number(raw) : Number([...raw].map((ch) => DIGIT[ch] ?? 0).join(''));
}

/**
 * A validity date already past reads as 已过期 (「有效期到二〇二四年十二月」 is a lapsed licence, though 有效期到 is
 * how a valid one is described too). Dates still ahead, and other text, are unchanged.
 */
export function readValidityDates(normalised: string, now: Date = new Date()): string {
  if (!normalised.includes('有效')) return normalised;
  const current = now.getFullYear() * 12 + now.getMonth() + 1;
  return normalised.replace(VALID_UNTIL, (whole, year: string, month: string | undefined) => {
    const y = yearOf(year, now);
    const end = y * 12 + (month ? parseNumber(month) : 12);
    // The words of validity go, or the rules would read them as an all-clear.
    return end < current ? `已于${y}年${month ? `${parseNumber(month)}月` : ''}过期` : whole;
  });
}

function numbers(text: string, re: RegExp): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(re)) {
    const value = parseNumber(m.slice(1).find((g) => g !== undefined) ?? '');
    if (Number.isFinite(value) && value > 0) out.push(value);
  }
  return out;
}

/** The words for each limit a number in the (normalised) text breaks, '' when none. */
export function derivedFacts(normalised: string, now: Date = new Date()): string {
  const facts: string[] = [];
  if (VEHICLE.test(normalised)) {
    const capacity = numbers(normalised, CAPACITY);
    const aboard = numbers(normalised, ABOARD);
    if (capacity.length > 0 && aboard.some((n) => n > Math.max(...capacity))) facts.push('超员');
    // 「坐满19个，核载19」: full, not over.
    else if (capacity.length > 0 && aboard.length > 0 && aboard.every((n) => n <= Math.max(...capacity)) && !BEYOND_SEATS.test(normalised)) facts.push('没超员');
  }
  // 1800多人, 两千多人: a crowd in numbers, as the event rules read it.
  const crowd = numbers(normalised, CROWD);
  if (crowd.some((n) => n >= 1000)) facts.push('上千');
  else if (crowd.some((n) => n >= 200)) facts.push('数百');
  // 「检验合格是2021年的」: an inspection mark two or more years old has lapsed (inspections are yearly).
  const thisYear = now.getFullYear();
  if (INSPECTION.test(normalised) && [...normalised.matchAll(YEAR)].some((m) => Number(m[1]) <= thisYear - 2)) facts.push('早过了');
  // 307, 512: a room number says indoors (「307阿是又在充电瓶了」).
  if (ROOM_NUMBER.test(normalised)) facts.push('房间');
  if (DRIVER.test(normalised) && numbers(normalised, AGE).some((age) => age < DRIVER_AGE.min || age > DRIVER_AGE.max)) facts.push('驾驶人超龄');
  return facts.length ? `。${facts.join('。')}。` : '';
}
