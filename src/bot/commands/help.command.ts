import type { Command } from '../context';
import { T } from '../replies';

/** /帮助 lists every registered command; it receives the registry so it never goes stale. `/帮助 验收` explains one. */
export function helpCommand(all: () => Command[]): Command {
  return {
    name: '帮助',
    aliases: ['help'],
    usage: '/帮助 [指令]',
    summary: '查看全部指令，或某个指令的用法',
    section: '单位与成员',
    async run(ctx, args) {
      const word = args.trim().replace(/^[/／]/, '').toLowerCase();
      const one = word ? all().find((c) => c.name === word || c.aliases.some((a) => a.toLowerCase() === word)) : undefined;
      if (one) {
        await ctx.reply(`**${one.usage}**\n${one.summary}\n别名：${[one.name, ...one.aliases].map((a) => `/${a}`).join('、')}`);
        return;
      }
      await ctx.reply(T.help(all()));
    },
  };
}
