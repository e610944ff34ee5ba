// The minute clock of the bot. Every instance may run it: a tick only inserts outbox rows under unique keys,
// so two instances ticking the same minute create each reminder once, and the OutboxSender sends it once.
import cron, { type ScheduledTask } from 'node-cron';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { settings } from '../db/repositories/settings.repository';
import type { Logger } from '../log/logger';
import type { Clock } from '../services/clock';
import type { UnitDirectory } from '../services/org/units';
import { CATCH_UP_WINDOW_MS, planCatchUp, slotsDueAt } from '../services/deadlines/plan';
import type { Deadline } from '../services/deadlines/calendar';
import { loadCalendar } from '../services/deadlines/store';
import { calendarWarnings } from '../services/deadlines/coverage';
import { pushGroupsByUnit } from '../services/outbox/push-groups';
import { fanOut, plannedPushesAt, pushesForSlot, reminderSettings, type PlanContext, type PlannedPush } from '../services/deadlines/reminders';
import { DAY_MS, MINUTE_MS, SHANGHAI_TZ } from '../services/time';
import { remindersTotal } from '../metrics/metrics';

const LAST_TICK = 'scheduler.last_tick';
/** Older misses are not even recorded as skipped: after a month offline nobody needs the bookkeeping. */
const SKIP_LOOKBACK_MS = 31 * DAY_MS;

export interface SchedulerDeps {
  ds: DataSource;
  config: Config;
  clock: Clock;
  log: Logger;
  units: UnitDirectory;
  /** Wakes the outbox sender after new rows are committed. */
  kick?: () => void;
}

/** What the sandbox clock route and tests drive: everything due in the minute containing `now`. */
export interface SchedulerHandle {
  tick(now: number): Promise<number>;
}

/** Another feature's per-minute work (e.g. a 09:00 round); it must be idempotent per slot like the reminders. */
export interface SchedulerJob {
  name: string;
  /** Returns how many pushes it created. */
  run(now: number): Promise<number>;
}

export class Scheduler implements SchedulerHandle {
  private task: ScheduledTask | null = null;
  private lastCronAt = 0;
  private startup: Promise<unknown> = Promise.resolve();
  private inflight: Promise<unknown> = Promise.resolve();
  private readonly jobs: SchedulerJob[] = [];

  constructor(private readonly deps: SchedulerDeps) {}

  /** Features add their minute work here (composition root); reminders are built in. */
  addJob(job: SchedulerJob): void {
    this.jobs.push(job);
  }

  /** Reminders, then every registered job; one failing job does not stop the others. Returns pushes created. */
  async tick(now: number): Promise<number> {
    let created = await this.tickReminders(now);
    for (const job of this.jobs) {
      try {
        created += await job.run(now);
      } catch (err: any) {
        this.deps.log.error({ job: job.name, err: { message: err?.message, code: err?.code } }, 'scheduler job failed');
      }
    }
    return created;
  }

  private async context(calendar?: Deadline[]): Promise<PlanContext> {
    const { ds, units, config } = this.deps;
    await units.ensure();
    return { db: ds, units, calendar: calendar ?? (await loadCalendar(ds)), groups: await pushGroupsByUnit(ds, config) };
  }

  /** Enqueues every reminder due in the minute containing `now`; returns how many pushes this call created. */
  async tickReminders(now: number): Promise<number> {
    const settings = reminderSettings(this.deps.config);
    const calendar = await loadCalendar(this.deps.ds);
    // Most minutes have nothing due: skip loading every unit and group then.
    const pushes = slotsDueAt(calendar, settings, new Date(now)).length
      ? await plannedPushesAt(await this.context(calendar), settings, new Date(now))
      : [];
    const created = await this.enqueue(pushes, now);
    await this.recordTick(now);
    if (created) {
      this.deps.log.info({ created, slots: [...new Set(pushes.map((p) => p.slot.key))] }, 'reminders enqueued');
      this.deps.kick?.();
    }
    return created;
  }

  /**
   * After downtime: slots missed by up to 12 h are sent now; older ones since the last recorded tick are
   * recorded as skipped (a "7 days left" read days late is wrong). Already-enqueued slots are ignored by key.
   */
  async catchUp(now: number): Promise<{ sent: number; skipped: number }> {
    const last = await this.lastTick();
    const since = Math.max(Math.min(last ?? now, now - CATCH_UP_WINDOW_MS), now - SKIP_LOOKBACK_MS);
    const ctx = await this.context();
    const plan = planCatchUp(ctx.calendar, reminderSettings(this.deps.config), new Date(since), new Date(now));
    let sent = 0;
    let skipped = 0;
    for (const slot of plan.send) sent += await this.enqueue(await pushesForSlot(ctx, slot), now);
    for (const slot of plan.skip) {
      const pushes = await pushesForSlot(ctx, slot);
      skipped += await fanOut(this.deps.ds, slot.key, pushes, { now, skipReason: `missed by more than 12 h (due ${slot.at.toISOString()})` });
    }
    await this.recordTick(now);
    if (skipped) remindersTotal.inc({ result: 'skipped' }, skipped);
    if (sent || skipped) this.deps.log.info({ sent, skipped, since: new Date(since).toISOString() }, 'reminder catch-up');
    if (sent) this.deps.kick?.();
    return { sent, skipped };
  }

  private async enqueue(pushes: PlannedPush[], now: number): Promise<number> {
    const bySlot = new Map<string, PlannedPush[]>();
    for (const p of pushes) bySlot.set(p.slot.key, [...(bySlot.get(p.slot.key) ?? []), p]);
    let created = 0;
    for (const [slotKey, list] of bySlot) created += await fanOut(this.deps.ds, slotKey, list, { now, notBefore: list[0].slot.at.getTime() });
    if (created) remindersTotal.inc({ result: 'fired' }, created);
    return created;
  }

  async lastTick(): Promise<number | null> {
    const value = await settings(this.deps.ds).get(LAST_TICK);
    return value === null ? null : Number(value);
  }

  /** Only moves forward, whichever instance ticks; values are 13-digit epoch ms, so text order is time order. */
  private async recordTick(now: number): Promise<void> {
    await settings(this.deps.ds).advance(LAST_TICK, String(now), 'text');
  }

  /** Catches up once, then ticks at second 0 of every minute (Asia/Shanghai, never two ticks at once). */
  start(): void {
    const run = () => (this.inflight = this.onMinute());
    this.task = cron.schedule('* * * * *', run, { name: 'reminders', timezone: SHANGHAI_TZ, noOverlap: true });
    this.startup = this.catchUp(this.deps.clock.now()).catch((err) => this.deps.log.error({ err: { message: err?.message } }, 'reminder catch-up failed'));
    this.startup = this.startup.then(() => this.warnAboutCoverage()).catch(() => undefined);
  }

  /** Missing holiday data for the running year, or no plan for it: logged once at start (docs/records.md). */
  async warnAboutCoverage(): Promise<string[]> {
    const warnings = calendarWarnings(await loadCalendar(this.deps.ds), reminderSettings(this.deps.config).workdays, this.deps.clock.now());
    for (const w of warnings) this.deps.log.warn({ area: 'calendar' }, w);
    return warnings;
  }

  private async onMinute(): Promise<void> {
    const now = this.deps.clock.now();
    // A stalled process (GC, a slow database) can miss a whole minute: fill the gap rather than lose a 09:00 slot.
    const gap = this.lastCronAt && now - this.lastCronAt > 2 * MINUTE_MS;
    this.lastCronAt = now;
    try {
      if (gap) await this.catchUp(now);
      await this.tick(now);
    } catch (err: any) {
      this.deps.log.error({ err: { message: err?.message, code: err?.code } }, 'scheduler tick failed');
    }
  }

  async stop(): Promise<void> {
    if (this.task) await this.task.destroy();
    this.task = null;
    await this.startup;
    await this.inflight;
  }
}
