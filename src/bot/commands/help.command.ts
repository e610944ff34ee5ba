import type { Command } from '../context';
import { T } from '../replies';

/** /帮助 lists every registered command; it receives the registry so it never goes stale. */
export function helpCommand(all: () => Command[]): Command {
  return {
    name: '帮助',
    aliases: ['help'],
    usage: '/帮助',
    summary: '查看全部指令',
    section: '单位与成员',
    async run(ctx) {
      await ctx.reply(T.help(all()));
    },
  };
}
