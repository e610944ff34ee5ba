// The one parser, table-driven: loose inputs and the command (and arguments) they mean, or null (not a command:
// a report or a question for the hooks). The integration twin, test/integration/conversations.test.ts, sends a
// table like this through the real bot.
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../../src/bot/commands';
import { understand } from '../../../src/bot/parser';
import { parseDeadline } from '../../../src/services/hazards/deadline';
import { shanghaiDate, shanghaiParts } from '../../../src/services/time';

const byWord = new Map<string, string>();
for (const c of allCommands()) for (const w of [c.name, ...c.aliases]) byWord.set(w.toLowerCase(), c.name);
const words = [...byWord.keys()];
const parse = (t: string) => understand(t, words, (w) => byWord.get(w));

const TABLE: [string, string | null, string?][] = [
  // slash, no slash, no space, full width
  ['/帮助', '帮助', ''], ['帮助', '帮助', ''], ['帮助一下', '帮助', ''], ['／帮助', '帮助', ''], ['help', '帮助', ''], ['HELP', '帮助', ''],
  ['/help', '帮助', ''], ['菜单', '帮助', ''], ['怎么用', '帮助', ''], ['？', null], ['/帮助 验收', '帮助', '验收'], ['帮助 全部', '帮助', '全部'],
  ['/查询YH-2026-000012', '查询', 'YH-2026-000012'], ['/查询 YH-2026-000012', '查询', 'YH-2026-000012'], ['查询YH-2026-000012', '查询', 'YH-2026-000012'],
  ['查询 yh2026000012', '查询', 'yh2026000012'], ['／查询　ＹＨ－２０２６－００００１２', '查询', 'YH-2026-000012'], ['查询 13', '查询', '13'], ['查询13', '查询', '13'],
  ['/query YH-2026-000012', '查询', 'YH-2026-000012'], ['query 13', '查询', '13'], ['查看 13', '查询', '13'], ['查看一下监控', null],
  ['/确认 13', '确认', '13'], ['确认 13 @赵师傅 明天', '确认', '13 @赵师傅 明天'], ['确认000013', '确认', '000013'], ['确认一下开会时间', null], ['/确认13 下周五', '确认', '13 下周五'],
  ['/confirm 13', '确认', '13'], ['confirm 13', '确认', '13'], ['Confirm the fire exit is blocked', null],
  ['/销号 YH-2026-000012', '验收', 'YH-2026-000012 通过'], ['销号 YH-2026-000012', '验收', 'YH-2026-000012 通过'], ['销号', '验收', '通过'], ['销号吧', '验收', '通过'],
  ['销号了', '验收', '通过'], ['销号吧 13', '验收', '13 通过'], ['销号 13', '验收', '13 通过'], ['销号13', '验收', '13 通过'], ['/销号 13 已复查', '验收', '13 通过 已复查'], ['/销号 YH-2026-000012 通过', '验收', 'YH-2026-000012 通过'],
  ['close 13', '验收', '13 通过'], ['验收 13 通过', '验收', '13 通过'], ['验收13通过', null], ['/验收13 通过', '验收', '13 通过'], ['验收', '验收', ''],
  ['整改 13 桌椅已搬走', '整改', '13 桌椅已搬走'], ['整改后的楼梯很滑', null], ['/整改13 已更换灯管', '整改', '13 已更换灯管'], ['fix the broken window', null],
  ['驳回 13 重复', '驳回', '13 重复'], ['驳回一下', null], ['指派 13 @赵师傅', '指派', '13 @赵师傅'], ['改级 13 红 重大', '改级', '13 红 重大'], ['督办 13 措施=收缴', '督办', '13 措施=收缴'],
  ['合并 13 12', '合并', '13 12'], ['/合并13 12', '合并', '13 12'],
  ['/清单', '清单', ''], ['清单', '清单', ''], ['/清单 第2页', '清单', '第2页'], ['清单 2', '清单', '2'], ['/清单2', '清单', '2'], ['清单 逾期', '清单', '逾期'],
  ['/清单红', '清单', '红'], ['清单上的灭火器过期了', null], ['list', '清单', ''], ['列表', '清单', ''], ['待办', '清单', ''],
  ['我的', '我的', ''], ['我的灭火器找不到了', null], ['/我的', '我的', ''], ['mine', '我的', ''], ['我是谁', '我是谁', ''], ['whoami', '我是谁', ''],
  ['隐患：三楼楼梯口堆了杂物', '隐患', '三楼楼梯口堆了杂物'], ['隐患 三楼楼梯口堆了杂物', '隐患', '三楼楼梯口堆了杂物'], ['/隐患三楼楼梯口堆了杂物', '隐患', '三楼楼梯口堆了杂物'],
  ['隐患三楼楼梯口堆了杂物', null], ['/report the extinguisher is expired', '隐患', 'the extinguisher is expired'], ['report the extinguisher is expired', null],
  ['/进度 本月', '进度', '本月'], ['进度 本月', '进度', '本月'], ['进度条坏了', null], ['/提醒', '提醒', ''], ['提醒大家明天开会', null],
  ['/季报', '季报', ''], ['季报 自查隐患数量=12', '季报', '自查隐患数量=12'], ['/已报送 方案', '已报送', '方案'], ['已报送 方案', '已报送', '方案'],
  ['/xyz', 'xyz', ''], ['/QueryX 1', 'QueryX', '1'], ['有问题', null], ['这里不太安全', null], ['The fire extinguisher on floor 2 is expired', null],
  ['今天下午几点开会？', null], ['三楼东边楼梯口堆了好多旧课桌椅', null],
];

describe('understand(): the loose command table', () => {
  it(`has at least 80 rows (${TABLE.length})`, () => expect(TABLE.length).toBeGreaterThanOrEqual(80));
  it.each(TABLE)('%s', (input, word, args) => {
    const p = parse(input);
    if (word === null) return expect(p).toBeNull();
    expect(p?.word).toBe(word);
    if (args !== undefined) expect(p?.args).toBe(args);
  });
  it('keeps the case of an unknown word as typed, and is linear on long input', () => {
    expect(parse('/QueryYH-2026-000012')?.known).toBe(false);
    const long = `${'销号吧'.repeat(20000)}x`;
    const t = Date.now();
    parse(long);
    parse(`/${'a'.repeat(100000)}`);
    expect(Date.now() - t).toBeLessThan(1000);
  });
});

describe('parseDeadline(): Chinese date words', () => {
  // Wednesday 2025-11-26 10:00 in Shanghai.
  const now = shanghaiDate(2025, 11, 26, 10, 0).getTime();
  const day = (t: number | undefined) => {
    const p = shanghaiParts(new Date(t!));
    return `${p.month}-${p.day} ${p.hour}`;
  };
  it.each([
    ['今天', '11-26 18'], ['明天', '11-27 18'], ['后天', '11-28 18'], ['大后天', '11-29 18'], ['明天9点', '11-27 9'],
    ['周五', '11-28 18'], ['星期五', '11-28 18'], ['本周五', '11-28 18'], ['下周五', '12-5 18'], ['下周一', '12-1 18'], ['周一', '12-1 18'], ['下周', '12-3 18'],
    ['月底', '11-30 18'], ['本月底', '11-30 18'], ['下月底', '12-31 18'], ['年底', '12-31 18'], ['12月20日', '12-20 18'], ['12月20号', '12-20 18'],
    ['12-20', '12-20 18'], ['2025-12-20', '12-20 18'], ['周五前', '11-28 18'], ['12月20日前', '12-20 18'],
  ])('%s → %s', (input, expected) => expect(day(parseDeadline(input, now))).toBe(expected));
  it('relative spans and refusals', () => {
    expect(parseDeadline('3天', now)).toBe(now + 3 * 86400_000);
    expect(parseDeadline('3天内', now)).toBe(now + 3 * 86400_000);
    expect(parseDeadline('24小时', now)).toBe(now + 24 * 3600_000);
    expect(parseDeadline('两周', now)).toBe(now + 14 * 86400_000);
    expect(parseDeadline('下辈子', now)).toBeUndefined();
    expect(parseDeadline('13月1日', now)).toBeUndefined();
  });
});
