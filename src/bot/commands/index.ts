import type { Command } from '../context';
import { helpCommand } from './help.command';
import { bindCommand, roleCommand, whoamiCommand } from './org.commands';

/** Every command, in the order /帮助 lists them. Features add theirs here. */
export function allCommands(): Command[] {
  const list: Command[] = [];
  list.push(bindCommand, roleCommand, whoamiCommand, helpCommand(() => list));
  return list;
}
