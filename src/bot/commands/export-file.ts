import type { BotContext } from '../context';
import type { Unit } from '../../services/org/types';
import { buildLedgerXlsx } from '../../services/hazards/ledger';
import { saveMedia } from '../../services/media';
import { formatDateTime } from '../../services/time';

/** media.mime is 64 characters; the xlsx type is 65, so the file is stored as bytes and its name carries the type. */
const XLSX = 'application/octet-stream';

/**
 * The ledger as a file message where the reply channel can carry one: the WeCom long connection (upload through the
 * channel) and DingTalk's app robot (uploaded as media, sent as sampleFile). Elsewhere the signed link is the file.
 */
export async function ledgerFileFor(ctx: BotContext, unit: Unit, period: { from: number; to: number }): Promise<{ mediaId: number; name: string }[] | undefined> {
  const { config, ds, units, clock } = ctx.services;
  const canCarry = ctx.msg.reply.kind === 'wecom_ws' || (ctx.msg.platform === 'dingtalk' && Boolean(config.dingtalk?.robotCode) && ctx.msg.chatType === 'group');
  if (!canCarry) return undefined;
  const unitIds = unit.kind === 'school' ? [unit.id] : units.schoolsUnder(unit).map((u) => u.id);
  const title = `${unit.name} 隐患台账（${formatDateTime(new Date(period.from)).slice(0, 10)} 至 ${formatDateTime(new Date(period.to - 1)).slice(0, 10)}）`;
  const data = await buildLedgerXlsx(ds, unitIds, period.from, period.to, title, clock.now());
  const mediaId = await saveMedia(ds, data, XLSX, unit.id, ctx.now);
  return [{ mediaId, name: `${unit.name}-隐患台账.xlsx` }];
}
