import type { Command } from './context';
import { safeText } from '../services/hazards/cards';
import { echo } from '../platforms/escape';
import { ROLE_LABEL } from '../services/org/roles';
import type { Member, Unit } from '../services/types';

/** Reply templates of the foundation commands, in one place for review. */
export const T = {
  sorry: '抱歉，处理这条消息时出错了，请稍后再试。如果一直这样，请联系区教育局管理员。',
  notSafety: '我只负责安全相关的事。要登记隐患请发「/隐患 描述」，其他用法见 /帮助',
  unbound: '这个群还没有绑定单位。请管理员发「/绑定 单位全称」，例如：/绑定 泉州市丰泽区东海中学',
  unknownCommand: (word: string, nearest?: Command) =>
    `不认识这个指令「/${echo(word, 20)}」。${nearest ? `你是不是要用 ${nearest.usage}？` : ''}发 /帮助 查看全部指令。`,
  help: (commands: Command[]) => {
    const sections = new Map<string, Command[]>();
    for (const c of commands) sections.set(c.section, [...(sections.get(c.section) ?? []), c]);
    const lines = ['**校园安全助手 · 全部指令**'];
    for (const [section, list] of sections) {
      lines.push('', `**${section}**`);
      for (const c of list) lines.push(`${c.usage} — ${c.summary}${c.aliases.length ? `（也可用 /${c.aliases[0]}）` : ''}`);
    }
    lines.push('', '在群里 @我 后输入指令；直接描述看到的隐患也可以。');
    return lines.join('\n');
  },
  /** /帮助 for one person: their commands in the order they need them. */
  roleHelp: (role: string | null, unitName: string | null, commands: Command[], reporter: boolean) => {
    const who = role ? `${role}${unitName ? ` · ${unitName}` : ''}` : '还没有登记';
    const lines = [`**你可以做的（${who}）**`, ...commands.map((c) => `${c.usage} — ${c.summary}`)];
    if (reporter) lines.push('', '看到隐患直接 @我 描述就行，不用记指令。');
    lines.push('指令可以不带斜杠（例如「清单」「销号 123」），编号可以只写卡片上的数字。全部指令：/帮助 全部');
    return lines.join('\n');
  },
  whoami: (m: Member | null, unit: Unit | undefined, platformUser: string) =>
    m
      ? `**${safeText(m.name, 40)}**\n单位：${unit ? echo(unit.name, 60) : '未绑定'}\n角色：${ROLE_LABEL[m.role]}`
      : `我还不认识你（${safeText(platformUser, 40)}）。这个群绑定单位后，你在群里发言就会登记为该单位的教师。`,
  bound: (unit: Unit, becameAdmin?: string) =>
    `✅ 本群已绑定「${unit.name}」。${becameAdmin ? `\n你是该单位的第一位成员，已设为${becameAdmin}。` : ''}\n下一步：/角色 @某人 校长 设置角色；老师们直接 @我 描述隐患即可上报。`,
  roleSet: (target: Member, role: string) => `✅ 已将 ${safeText(target.name, 40)} 设为${role}。`,
};
