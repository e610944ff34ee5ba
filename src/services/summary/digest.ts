// The Monday digest: at 08:30 (Asia/Shanghai) every group that opted in (/周报 开启) gets last week's summary of
// its unit. The claim is the outbox row `digest:<Monday>:<group>`: a second tick, a restart or another instance
// inserting the same key is ignored, so each group hears it once per week. Ticks until the evening catch up
// groups missed by downtime.
import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { Logger } from '../../log/logger';
import type { UnitDirectory } from '../org/units';
import type { Unit } from '../../../entities/unit.entity';
import type { Db } from '../../db/repositories/base';
import { summary } from '../../db/repositories/summary.repository';
import { enqueue } from '../outbox/outbox.service';
import { canPush, robotKeyOf } from '../outbox/push-groups';
import { shanghaiParts } from '../time';
import { periodOf, weekKey } from './period';
import { summaryMessage, type SummaryResult } from './message';

export const DIGEST_AT = { weekday: 1, hour: 8, minute: 30 } as const;
/** After this hour on Monday a missed digest is no longer news (and quiet hours begin at 22:00). */
const LAST_HOUR = 20;
/** One tick stops preparing digests after this long; the next minute's tick continues where it stopped. */
const TICK_BUDGET_MS = 30_000;

export interface DigestDeps {
  ds: DataSource;
  config: Pick<Config, 'llm' | 'dingtalk' | 'sandboxEnabled'>;
  units: UnitDirectory;
  log: Pick<Logger, 'warn' | 'info' | 'error'>;
  kick?: () => void;
}

export const digestDedupeKey = (week: string, groupId: number) => `digest:${week}:${groupId}`;

/** True from Monday 08:30 until 20:00 Shanghai: the window in which ticks send (or catch up) the digest. */
export function digestDue(now: number): boolean {
  const p = shanghaiParts(new Date(now));
  const minutes = p.hour * 60 + p.minute;
  return p.weekday === DIGEST_AT.weekday && minutes >= DIGEST_AT.hour * 60 + DIGEST_AT.minute && p.hour < LAST_HOUR;
}

/** /周报 开启 or 关闭: whether this group gets the Monday digest. */
export async function setDigest(db: Db, groupId: number, on: boolean): Promise<void> {
  await summary(db).setDigest(groupId, on);
}

/** Enqueues this week's digest for every opted-in group that has not had it; returns how many rows this call created. */
export async function digestTick(deps: DigestDeps, now: number, opts: { budgetMs?: number } = {}): Promise<number> {
  if (!digestDue(now)) return 0;
  const started = Date.now();
  const period = periodOf('last_week', now);
  const week = weekKey(period);
  const room = summary(deps.ds);
  const groups = (await room.digestGroups())
    .map((g) => ({ id: g.id, unitId: g.unitId!, push: { platform: g.platform, chatId: g.chatId, pushKind: g.pushKind, pushTarget: g.pushTarget } }))
    .filter((g) => canPush(g.push, deps.config));
  const queued = await room.queuedKeys(groups.map((g) => digestDedupeKey(week, g.id)));
  const todo = groups.filter((g) => !queued.has(digestDedupeKey(week, g.id)));
  if (!todo.length) return 0;
  // Once a week, and another instance may have added schools since this one last looked: read the tree afresh.
  await deps.units.refresh();
  // Within one tick a unit with several groups is summarised once.
  const made = new Map<number, Promise<SummaryResult>>();
  let created = 0;
  for (const g of todo) {
    if (Date.now() - started > (opts.budgetMs ?? TICK_BUDGET_MS)) break;
    const unit: Unit | undefined = deps.units.get(g.unitId);
    if (!unit) continue;
    try {
      if (!made.has(unit.id)) made.set(unit.id, summaryMessage(deps, unit, period, now, { digest: true }));
      const { body } = await made.get(unit.id)!;
      const inserted = await enqueue(deps.ds, {
        dedupeKey: digestDedupeKey(week, g.id), kind: 'digest', route: { kind: 'group', groupId: g.id }, body, robotKey: robotKeyOf(g.push, deps.config),
      }, now);
      if (inserted) created++;
    } catch (err: any) {
      // One unit's failure must not stop the others; the next tick retries it (nothing was claimed).
      made.delete(unit.id);
      deps.log.error({ err: { message: err?.message, code: err?.code }, groupId: g.id, week }, 'digest failed');
    }
  }
  if (created) {
    deps.log.info({ created, week }, 'weekly digests enqueued');
    deps.kick?.();
  }
  return created;
}
