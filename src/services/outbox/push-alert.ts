// When a group push fails for good (wrong webhook key, robot removed, no push settings), nobody in that group
// will ever see why: tell the city bureau's group once per (group, error code), with what to do.
import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { UnitDirectory } from '../org/units';
import { nextAllowedSendTime } from '../time';
import { pushGroups } from '../../db/repositories/push-groups.repository';
import { enqueue } from './outbox.service';
import { pushGroupsByUnit } from './push-groups';

export interface PermanentFailure {
  id: number;
  groupId: number | null;
  kind: string;
  code: string;
  message: string;
}

/** Platform codes an admin can act on, in words (wecom.md §5.1, dingtalk.md §3–4). */
const REASONS: Record<string, string> = {
  '93000': 'webhook key 无效，或群机器人已被移出群',
  '310000': '钉钉自定义机器人安全设置不符（加签密钥、关键词或 IP）',
  '300005': '钉钉自定义机器人 access_token 不存在',
  '400102': '钉钉机器人已停用',
  'bot.stopped': '钉钉机器人已停用',
  NO_PUSH_CHANNEL: '本群还没有设置推送',
  NO_GROUP: '群记录已不存在',
};

/** What a failure code means for the admin who has to fix it. */
export function pushFailureReason(code: string): string {
  return REASONS[code] ?? (/^invalidParameter/.test(code) ? '钉钉机器人参数无效（robotCode 或群会话）' : `推送失败（错误码 ${code}）`);
}

export function alertText(groupName: string, unitName: string, code: string): string {
  const reason = pushFailureReason(code);
  return [
    `**⚠️ 推送失败：${groupName}**`,
    `单位：${unitName}`,
    `原因：${reason}`,
    '提醒和通知到不了这个群。请该群管理员在群里 @我 重新 /推送 设置，再发 /推送 测试。',
  ].join('\n');
}

/**
 * OutboxSender's onPermanentFailure. Replies are left out (the asker notices), and so are alerts themselves, so
 * a broken city group cannot alert about itself in a loop. Dedupe key `alert:push:<groupId>:<code>`.
 */
export async function alertPermanentFailure(
  deps: { ds: DataSource; config: Config; units: UnitDirectory; now: () => number },
  row: PermanentFailure,
): Promise<number> {
  if (row.groupId === null || row.kind === 'reply' || row.kind === 'alert') return 0;
  const group = await pushGroups(deps.ds).byId(row.groupId);
  await deps.units.ensure();
  const city = deps.units.city();
  if (!city) return 0;
  const unit = deps.units.get(group?.unitId ?? null);
  const targets = ((await pushGroupsByUnit(deps.ds, deps.config)).get(city.id) ?? []).filter((g) => g.id !== row.groupId);
  const now = deps.now();
  const markdown = alertText(group?.name ?? `群 ${row.groupId}`, unit?.name ?? '未绑定', row.code);
  let created = 0;
  for (const [i, target] of targets.entries()) {
    // One alert per (group, code); a second city group gets its own copy under a suffixed key.
    const dedupeKey = `alert:push:${row.groupId}:${row.code}${i === 0 ? '' : `@${target.id}`}`;
    const inserted = await enqueue(deps.ds, {
      dedupeKey, kind: 'alert', route: { kind: 'group', groupId: target.id }, body: { markdown, title: '推送失败' },
      robotKey: target.robotKey, notBefore: nextAllowedSendTime(new Date(now)).getTime(),
    }, now);
    if (inserted) created++;
  }
  return created;
}
