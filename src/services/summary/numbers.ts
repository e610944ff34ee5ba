// A model's summary is trusted only when every number in it is one the facts contain: a leader may forward it,
// so an invented or mis-added figure is worse than the plain template.

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };
// Chinese numerals count only before a measure word ("两条", "十二所"): "一般风险" or "三张清单" are words, not figures.
const CN_NUMBER = /([零〇一二两三四五六七八九十百千万]+)(?=[条所个项天家起处名人次%％周月倍成])/g;

/** "十二" → 12, "一百零五" → 105, "两万" → 20000; NaN when it is not a well-formed numeral. */
export function chineseToNumber(s: string): number {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  if (/^[零〇]$/.test(s)) return 0;
  for (const ch of s) {
    if (ch === '零' || ch === '〇') continue; // a place holder: 一百零五
    if (ch in CN_DIGIT) {
      if (digit !== null) return NaN;
      digit = CN_DIGIT[ch];
    } else if (ch === '万') {
      total += (section + (digit ?? 0)) * 10000;
      section = 0;
      digit = null;
    } else if (ch in CN_UNIT) {
      section += (digit ?? 1) * CN_UNIT[ch];
      digit = null;
    } else return NaN;
  }
  return total + section + (digit ?? 0);
}

/** Every figure in a text: Arabic (thousands separators and decimals allowed) and Chinese numerals before a measure word. */
export function numbersIn(text: string): number[] {
  const out: number[] = [];
  const plain = text.replace(/(\d),(?=\d{3}\b)/g, '$1');
  for (const m of plain.matchAll(/\d+(?:\.\d+)?/g)) out.push(Number(m[0]));
  for (const m of text.matchAll(CN_NUMBER)) {
    const n = chineseToNumber(m[1]);
    if (!Number.isNaN(n)) out.push(n);
  }
  return out;
}

/** Figures of `answer` that `facts` does not contain (compared as numbers, so 83 and 83.0 are the same). */
export function unsupportedNumbers(answer: string, facts: string): number[] {
  const known = new Set(numbersIn(facts));
  return [...new Set(numbersIn(answer))].filter((n) => !known.has(n));
}

/** Sentences as a reader counts them: split after 。！？ (and their ASCII forms). */
export function sentenceCount(text: string): number {
  return text.split(/[。！？!?]+/).map((s) => s.trim()).filter(Boolean).length;
}
