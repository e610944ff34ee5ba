import type { TargetLine } from '../../services/summary/targets';
import { targetText } from '../../services/summary/texts';
import { echo } from '../../platforms/escape';

/** Replies of /目标 and /周报, together for review (the /进度 reply itself is in services/summary/texts.ts). */
export const TARGET_TEXT = {
  who: (role: string) => `年度目标由区教育局管理员、市教育局管理员填报（你是：${role}）。学校的进度请发 /进度 查看。`,
  badUnit: (name: string) => `「${echo(name, 40)}」不是你管辖的区县或市教育局。用法：/目标 [区名] 标杆学校=9 达标学校=41 示范岗位=96`,
  show: (unit: string, year: number, changed: boolean, own: string, lines: TargetLine[]) =>
    [
      changed ? `✅ 已更新 ${unit} ${year} 年度目标完成数` : `**${unit} · ${year} 年度目标**`,
      `已填报：${own}`,
      `对照目标：${lines.map(targetText).join(' · ')}`,
      changed ? '发 /进度 查看全部进度' : '更新：/目标 标杆学校=9 达标学校=41 示范岗位=96（填完成的个数；达标学校按所数填，自动折算占比）',
    ].join('\n'),
};

export const DIGEST_TEXT = {
  usage: '用法：/周报 开启 或 /周报 关闭（每周一 08:30 把上周的安全周报发到本群）',
  who: (role: string) => `只有本单位管理员（学校为安全员、校长）或上级教育局管理员可以设置周报（你是：${role}）。`,
  status: (on: boolean, pushable: boolean) =>
    on
      ? `本群已开启周报：每周一 08:30 收到上周安全周报。${pushable ? '' : '\n⚠️ 但本群还没有推送设置，周报发不出来：请管理员 /推送 设置。'}\n关闭：/周报 关闭`
      : '本群未开启周报。开启：/周报 开启（每周一 08:30 发上周安全周报）。想先看看：/进度 上周',
  on: (pushable: boolean) =>
    `✅ 已开启：本群每周一 08:30 收到上周安全周报（含图表）。${pushable ? '' : '\n⚠️ 本群还没有推送设置，周报发不出来：请管理员 /推送 设置。'}\n想先看看：/进度 上周`,
  off: '已关闭本群的周报。需要时 /周报 开启。',
};
