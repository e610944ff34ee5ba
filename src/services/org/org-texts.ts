// User-facing text of binding, join codes and roles, kept together for review. Every name in here is escaped by
// the caller (echo(), src/platforms/escape.ts) before it reaches a template.
export const BIND_TEXT = {
  bureauNotClaimable: (unit: string) =>
    `「${unit}」是教育局，不能在群里认领。请由市教育局管理员（或上级教育局管理员）在本群发送 /绑定 ${unit}；第一位市教育局管理员由服务器管理员用 npm run admin 设置。`,
  needAdminOrCode: (unit: string, role?: string) =>
    `只有「${unit}」的管理员（本校安全员、校长、分管安全副校长，或区、市教育局管理员）可以把群绑定到这里${role ? `（你是：${role}）` : ''}。` +
    `\n学校还没有管理员时：请区教育局管理员发 /邀请码 ${unit}，把码私下交给学校安全员，由其在本群发送 /绑定 ${unit} <邀请码>。`,
  adminElsewhere: (role: string, unit: string) => `你已是「${unit}」的${role}，邀请码只能给还没有管理员身份的人使用。请让区教育局管理员调整你的角色。`,
  moveRefused: (current: string, role?: string) =>
    `本群已绑定「${current}」。只有「${current}」的管理员或其上级教育局管理员可以改绑${role ? `（你是：${role}）` : ''}。`,
  badCode: (unit: string) => `邀请码不对、已用过或已过期。请向区教育局管理员重新申请：/邀请码 ${unit}`,
  raced: '本群刚刚被别人改绑了，请发 /我是谁 看看当前绑定，再决定是否重试。',
  alreadyBound: (unit: string) => `本群已经绑定「${unit}」，无需重复绑定。`,
  bound: (unit: string, becameAdmin?: string) =>
    `✅ 本群已绑定「${unit}」。${becameAdmin ? `\n你已设为「${unit}」的${becameAdmin}。` : ''}\n下一步：/角色 @某人 校长 设置角色；老师们直接 @我 描述隐患即可上报。`,
  moved: (from: string, to: string, by: string) =>
    `🔁 本群已由 ${by} 从「${from}」改绑到「${to}」（已记录）。此后在本群上报的隐患归「${to}」。如有疑问请联系区教育局管理员。`,
  codeUsage: '用法：/邀请码 <学校全称>，例如：/邀请码 泉州市丰泽区东海中学（区、市教育局管理员）',
  codeRefused: (unit: string, role?: string) =>
    `只有「${unit}」所属的区教育局管理员或市教育局管理员可以发邀请码${role ? `（你是：${role}）` : ''}。`,
  codeOnlySchools: (unit: string) => `「${unit}」不是学校。邀请码只用于学校；教育局管理员由上级用 /角色 设置，或由服务器管理员用 npm run admin 设置。`,
  codeIssued: (unit: string, code: string, days: number, inGroup: boolean) =>
    `🔑 「${unit}」的邀请码：**${code}**（${days} 天内有效，只能用一次）\n请私下交给该校安全员，由其在学校的群里 @我 发送：/绑定 ${unit} ${code}` +
    (inGroup ? '\n提醒：群里的人都能看到这条消息，建议在与我的单聊中申请邀请码。' : ''),
  external: '抱歉，我只为本单位的教职工服务，无法识别你的身份（外部联系人或未加入本单位通讯录）。如需上报安全隐患，请联系学校安全员。',
};

export const MENTION_TEXT = {
  notFound: (typed: string, usage: string) =>
    `本单位没有找到「${typed}」。请在群里用 @ 从成员列表中选中对方（手动输入的名字不算）；对方还没在群里 @我 说过话的，请先让他发一句 /我是谁。用法：${usage}`,
};

export const ROLE_TEXT = {
  usage: '用法：/角色 @某人 校长（角色：教师、安全员、分管安全副校长、校长、区教育局管理员、市教育局管理员）；网格员：/角色 @某人 网格员 三年级 实验楼（/角色 @某人 网格员 清除）',
  gridSet: (name: string, places: string[]) =>
    places.length ? `✅ 已将 ${name} 设为网格员，负责：${places.join('、')}。\n上报的隐患提到这些地方时会同时提醒 ${name}。` : `✅ 已取消 ${name} 的网格员。`,
};
