// Reply templates of /已报送 /撤销报送 /提醒 /截止 /推送, in one place for review. Reminder texts proper live in
// src/services/deadlines/texts.ts. Short, scannable, ending with the next action.
import { font } from '../../platforms/markdown';
import { formatMonthDay, formatMonthDayTime } from '../../services/time';
import { formatNameList } from '../../services/deadlines/texts';
import { weekdayName } from '../../services/deadlines/workdays';
import type { Deadline, FilerKind, Occurrence } from '../../services/deadlines/calendar';
import type { Outlook } from '../../services/deadlines/outlook';
import type { Unit } from '../../services/org/types';
import { echo } from '../../platforms/escape';

const day = (d: string) => formatMonthDay(d, { spaced: true });
/** "2 月 21 日", with the year when it is not this year's. */
const dayIn = (d: string, today: string) => (d.slice(0, 4) === today.slice(0, 4) ? day(d) : `${d.slice(0, 4)} 年 ${day(d)}`);
const FILER_WORD: Record<FilerKind, string> = { district: '区', city_school: '市属', school: '学校', city: '市' };
const FILER_LONG: Record<FilerKind, string> = { district: '县（市、区）教育局', city_school: '市属学校', school: '各学校', city: '市教育局' };
/** "2 月 21 日（周五）" — the weekday, so a due day on a weekend or holiday is seen at a glance. */
const dayW = (d: string, today: string) => `${dayIn(d, today)}（${weekdayName(d)}）`;
/** "仅 2025 年" / "2026 年起每年" / "2025–2027 年" */
const years = (d: Deadline) =>
  d.lastYear === undefined ? `${d.firstYear} 年起每年` : d.lastYear === d.firstYear ? `仅 ${d.firstYear} 年` : `${d.firstYear}–${d.lastYear} 年`;

export const DL = {
  fileUsage: '用法：/已报送 方案（事项：方案、自评、季报、年报；可加期次，如 /已报送 季报 2025Q1）',
  undoUsage: '用法：/撤销报送 方案（只撤销本单位的登记）',
  fileRefused: (role: string) => `只有学校的安全员或校长、区教育局管理员可以登记报送（你是：${role}）。请让他们在群里 @我 发送。`,
  cityNeedsNothing: '市教育局不需要报送。查看各单位进度请发 /提醒',
  notOwed: (d: Deadline, occ: Occurrence, unitName: string) =>
    `「${occ.title}」由${d.duties.map((x) => FILER_LONG[x.filer]).join('、')}完成，${unitName}无需登记。查看本单位的日期请发 /提醒`,
  noOccurrence: (input: string) => `「${echo(input, 40)}」没有对应的期次。请写成 /已报送 季报 2025Q1 这样的格式，或发 /提醒 查看本单位的日期。`,
  filed: (occ: Occurrence, unitName: string, alias: string) =>
    `✅ 已记录：${unitName} 已完成「${occ.title}」（截止 ${day(occ.date)}）\n这一项不会再提醒本单位。登记错了请发 /撤销报送 ${alias}`,
  alreadyFiled: (occ: Occurrence, unitName: string, at: number) =>
    `${unitName} 已于 ${formatMonthDayTime(new Date(at))} 登记过「${occ.title}」，无需重复。查看其他日期请发 /提醒`,
  undone: (occ: Occurrence, unitName: string, alias: string) =>
    `↩️ 已撤销：${unitName}「${occ.title}」改为未完成（截止 ${day(occ.date)}）。完成后请重新发 /已报送 ${alias}`,
  notFiledYet: (occ: Occurrence, unitName: string) => `${unitName} 还没有登记「${occ.title}」，无需撤销。`,

  outlook: (o: Outlook, unitName: string, shortNames: (u: Unit) => string): string => {
    const lines = [`**📅 ${unitName} · 截止日期**`];
    if (!o.items.length && !o.stageEnds.length) lines.push('近期没有需要本单位报送的事项。');
    let next: string | undefined;
    for (const it of o.items) {
      const when = it.daysLeft > 0 ? `还有 ${it.daysLeft} 天` : it.daysLeft === 0 ? font('warning', '今天截止') : font('warning', `已逾期 ${-it.daysLeft} 天`);
      let state = '';
      if (it.own && it.filed) state = `✅ 已报送（${formatMonthDay(new Date(it.filed.filedAt))}）`;
      else if (it.own) {
        state = `${it.daysLeft < 0 ? '⚠️' : '⏳'} ${when} → /已报送 ${it.deadline.alias}`;
        next ??= `/已报送 ${it.deadline.alias}`;
      } else state = when;
      lines.push(`${dayW(it.occurrence.date, o.today)} ${it.occurrence.title} · ${state}`);
      if (it.pending.length) {
        const names = it.pending.map(shortNames);
        const measure = it.pending.every((u) => u.kind === 'school') ? '所' : '个单位';
        lines.push(`> 尚未完成：${formatNameList({ names, measure }, 20)}`);
      }
    }
    for (const s of o.stageEnds) lines.push(`📌 ${dayW(s.occurrence.date, o.today)} ${s.occurrence.title}${s.daysLeft > 0 ? ` · 还有 ${s.daysLeft} 天` : ' · 今天'}`);
    lines.push(next ? `下一步：完成后 @我 ${next}` : '提醒在截止前 7、3、1 天和当天 9:00 发到群里。');
    return lines.join('\n');
  },

  calendarUsage: [
    '用法：',
    '/截止 — 列出全部截止日期',
    '/截止 新增 <MM-DD> <事项名> [跟踪|不跟踪|阶段] [报送=区,市属,学校] [报给=接收单位] [简称=词]',
    '　例：/截止 新增 06-30 防溺水专项总结 跟踪 报送=区,市属 简称=防溺水',
    '/截止 删除 <简称或日期 MM-DD>',
    '/截止 导出 — 下载 YAML（改好后由管理员运行 npm run reminders -- --import 文件.yaml 导入）',
  ].join('\n'),
  calendarList: (rows: { deadline: Deadline; next?: Occurrence; daysLeft?: number }[], today: string, canEdit: boolean, noPlan?: { year: number; latest?: number }) => {
    const lines = ['**📅 截止日期**（北京时间）'];
    if (noPlan) lines.push(DL.yearWithoutPlan(noPlan.year, noPlan.latest));
    for (const { deadline: d, next, daysLeft } of rows) {
      const filers = [...new Set(d.duties.map((x) => FILER_WORD[x.filer]))].join('、');
      const track = d.kind === 'stage-end' ? '阶段结束' : d.tracked ? `/已报送 ${d.alias}` : '不跟踪';
      const head = next ? `**${dayW(next.date, today)}** ${next.title}（${daysLeft === 0 ? '今天' : `${daysLeft} 天后`}）` : `**${d.monthDay}** ${d.title}（已结束）`;
      lines.push(`${head} · ${filers} · ${track} · ${years(d)}${d.tracked ? '' : ` · 简称 ${d.alias}`}`);
    }
    lines.push(canEdit ? '下一步：/截止 新增 MM-DD 事项名 …、/截止 删除 简称、/截止 导出' : '只有市教育局管理员可以修改。查看本单位还欠什么请发 /提醒');
    return lines.join('\n');
  },
  yearWithoutPlan: (year: number, latest?: number) =>
    `⚠️ ${year} 年的专项行动方案日期尚未导入：${latest ? `现在只按 ${latest} 年方案中每年都有的事项（季报、年报）提醒` : '现在没有任何提醒'}。市教育局安全科导入新方案后即按新日期提醒（见 docs/records.md）。`,
  calendarRefused: (role: string) => `只有市教育局管理员可以修改截止日期（你是：${role}）。查看请发 /截止`,
  exportRefused: (role: string) => `只有区、市教育局管理员可以导出截止日期（你是：${role}）。`,
  added: (d: Deadline) =>
    `✅ 已新增截止日期 ${d.monthDay}「${echo(d.title, 60)}」（简称 ${d.alias}${d.tracked ? `，完成后 /已报送 ${d.alias}` : ''}）。\n提醒将在截止前 7、3、1 天和当天 9:00 发到${[...new Set(d.duties.map((x) => FILER_LONG[x.filer]))].join('、')}的群。`,
  deleted: (d: Deadline) => `🗑️ 已删除截止日期 ${d.monthDay}「${echo(d.title, 60)}」。已登记的报送记录保留。`,
  ambiguous: (list: Deadline[]) => `有多项符合：${list.map((d) => `${d.monthDay}「${echo(d.title, 60)}」`).join('、')}。请写日期删除，例如 /截止 删除 ${list[0].monthDay}`,
  notFound: (word: string) => `没有找到截止日期「${echo(word, 40)}」。发 /截止 查看全部事项和简称。`,
  exportLink: (url: string, minutes: number) =>
    url.startsWith('http')
      ? `📎 [下载截止日期 YAML](${url})\n链接 ${minutes} 分钟内有效。改好后请管理员运行 npm run reminders -- --import 文件.yaml`
      : `未配置 PUBLIC_BASE_URL，无法生成可点击的链接。请管理员在服务器上运行 npm run reminders -- --export 文件.yaml`,
};

export const PUSH = {
  usage: [
    '用法（本单位管理员或区、市教育局管理员）：',
    '/推送 — 查看本群推送设置',
    '/推送 设置 企业微信 <webhook key> — 群设置 → 消息推送 → 添加，复制 webhook 地址里 key= 后面的部分（或整个地址）',
    '/推送 设置 钉钉群 — 用本应用机器人推送到本群',
    '/推送 设置 钉钉自定义 <access_token> [SEC 开头的加签密钥]',
    '/推送 测试 — 往本群发一条测试消息',
  ].join('\n'),
  refused: (role: string) => `只有本单位管理员（学校：安全员或校长）或区、市教育局管理员可以设置推送（你是：${role}）。`,
  badWecomKey: '这不像企业微信群机器人的 webhook key。请复制 webhook 地址里 key= 后面的部分（形如 693a91f6-7xxx-…），或整个地址。',
  badDingtalkToken: '这不像钉钉自定义机器人的 access_token。请复制 webhook 地址里 access_token= 后面的部分，或整个地址；加签密钥以 SEC 开头。',
  wrongPlatform: (want: string) => `本群不是${want}群，不能这样设置。发 /推送 查看可用的方式。`,
  noDingtalkApp: '服务器没有配置钉钉应用机器人（DINGTALK_APP_KEY 等），请改用 /推送 设置 钉钉自定义 <access_token>。',
  set: (what: string) => `✅ 已设置本群推送：${what}。\n下一步：/推送 测试`,
  show: (what: string | null, canPush: boolean) =>
    what
      ? `**本群推送**：${what}\n${canPush ? '截止提醒和通知会发到这里。' : '⚠️ 当前无法推送。'}下一步：/推送 测试`
      : `**本群推送**：未设置，截止提醒和通知发不到这个群。\n${'下一步：/推送 设置 企业微信 <webhook key>（企业微信群）或 /推送 设置 钉钉群（钉钉群）'}`,
  testBody: '✅ 推送测试：截止提醒和通知会发到这个群。',
  testOk: '✅ 测试消息已送达，本群可以收到提醒。',
  testFailed: (reason: string) => `❌ 测试消息没有送达：${reason}\n请检查后重新 /推送 设置，再 /推送 测试。`,
  testThrottled: (seconds: number) => `这个机器人一分钟内已发了 20 条，请 ${seconds} 秒后再 /推送 测试。`,
};
