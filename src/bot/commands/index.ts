import type { Command } from '../context';
import { helpCommand } from './help.command';
import { bindCommand, inviteCodeCommand, roleCommand, whoamiCommand } from './org.commands';
import { reportCommand } from './hazard-report.command';
import { listCommand, mineCommand, queryCommand } from './hazard-query.commands';
import { assignCommand, confirmCommand, rectifyCommand, regradeCommand, rejectCommand, verifyCommand } from './hazard-loop.commands';
import { superviseCommand } from './supervise.command';
import { mergeCommand } from './merge.command';
import { interimCommand } from './interim.command';
import { exportCommand } from './export.command';
import { deadlineSettingsCommand } from './deadline-settings.command';
import { filedCommand, remindCommand, undoFiledCommand } from './filing.commands';
import { deadlineCommand } from './deadline.command';
import { pushCommand } from './push.command';
import { quarterlyCommand } from './quarterly.commands';
import { digestCommand, progressCommand, targetCommand } from './summary.commands';
import { askCommand } from './ask.command';

/** Every command, in the order /帮助 lists them. Features add theirs here. */
export function allCommands(): Command[] {
  const list: Command[] = [];
  list.push(reportCommand, queryCommand, mineCommand, listCommand, confirmCommand, assignCommand, regradeCommand, rejectCommand, mergeCommand, rectifyCommand, verifyCommand, superviseCommand, interimCommand, exportCommand, deadlineSettingsCommand);
  list.push(remindCommand, filedCommand, undoFiledCommand, deadlineCommand, pushCommand);
  list.push(quarterlyCommand);
  list.push(progressCommand, targetCommand, digestCommand, askCommand);
  list.push(bindCommand, inviteCodeCommand, roleCommand, whoamiCommand, helpCommand(() => list));
  return list;
}
