import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import type Koa from 'koa';
import type { Config } from './config';
import { createLogger, type Logger } from './log/logger';
import { openDataSource } from './db/data-source';
import { createApp } from './http/app';
import { ingest } from './bot/ingest';
import { Dispatcher, type MessageHooks } from './bot/dispatcher';
import { InboundWorker } from './bot/worker';
import { allCommands } from './bot/commands';
import { AdjustableClock, systemClock, type Clock } from './services/clock';
import { mountSandbox } from './http/sandbox.route';
import { seedDemoWorld } from './services/demo/seed-demo';
import { seedDemoHazards } from './services/demo/demo-hazards';
import { UnitDirectory } from './services/org/units';
import { OrgService } from './services/org/org.service';
import { enqueue } from './services/outbox/outbox.service';
import { OutboxSender } from './services/outbox/sender';
import { LinkSigner } from './services/links';
import { PlatformDeliverer } from './platforms/deliver';
import { SandboxStore } from './platforms/local/sandbox-store';
import { mountMedia } from './http/media.route';
import { mountFiles } from './http/files.route';
import { hazardHooks } from './bot/commands/hazard-report.command';
import { askHooks } from './bot/commands/ask.command';
import { classifyLocal } from './services/classifier/local';
import { createClassifier } from './services/classifier/classifier';
import type { Services } from './services/container';
import { Scheduler } from './scheduler/scheduler';
import { overdueTick } from './services/hazards/overdue';
import { shanghaiParts } from './services/time';
import { digestTick } from './services/summary/digest';
import { alertPermanentFailure } from './services/outbox/push-alert';
import { mountDeadlineExport } from './http/deadlines.route';
import { mountQuarterlyFiles } from './http/quarterly.route';
import type Router from '@koa/router';

export interface Bot {
  config: Config;
  ds: DataSource;
  app: Koa;
  services: Services;
  worker: InboundWorker;
  sender: OutboxSender;
  dispatcher: Dispatcher;
  log: Logger;
  listen(port?: number, host?: string): Promise<{ server: Server; port: number }>;
  close(): Promise<void>;
}

export interface BuildOptions {
  clock?: Clock;
  log?: Logger;
  /** Background loops (worker poll, outbox poll, cron). Tests turn them off and drive passes by hand. */
  background?: boolean;
  /**
   * 'all' (default): one thread does everything. 'http': answer webhooks and pages only, hand processing to
   * `bridge` (the processor thread, see src/main.ts), so the ack never waits behind processing. 'processor':
   * process, push and schedule, no HTTP.
   */
  role?: 'all' | 'http' | 'processor';
  bridge?: ProcessingBridge;
}

/** How the HTTP thread reaches the processor thread. */
export interface ProcessingBridge {
  kickInbound(): void;
  kickOutbox(): void;
  /** Runs the scheduler for `now` in the processor (sandbox clock), with the clock offset to apply there first. */
  tick(now: number, offsetMs: number): Promise<number>;
}

/** The composition root: config → database → services → adapters → dispatcher → Koa. */
export async function buildBot(config: Config, opts: BuildOptions = {}): Promise<Bot> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  // The sandbox's clock control needs a movable clock; production uses the system clock.
  const clock = opts.clock ?? (config.sandboxEnabled ? new AdjustableClock() : systemClock);
  const ds = await openDataSource(config.DATABASE_URL);
  const units = new UnitDirectory(ds);
  await units.refresh();
  const links = await LinkSigner.create(ds, config.linkSecret, config.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? `http://localhost:${config.PORT}`);
  const sandbox = config.sandboxEnabled ? new SandboxStore(ds) : null;
  const deliverer = new PlatformDeliverer(ds, config, clock, links, sandbox);
  // Load the classifier's dictionaries now, not on the first teacher's report.
  if (opts.role !== 'http') classifyLocal('三楼楼梯口堆放杂物');
  let sender!: OutboxSender;
  const services: Services = {
    ds, config, clock, log, units, links,
    org: new OrgService(ds, units),
    outbox: { enqueue: (db, input) => enqueue(db, input, clock.now()), kick: () => void sender.kick() },
    sandbox,
    // Local always; with OPENAI_* set, the model refines it and any failure or timeout falls back to the local result.
    classifier: createClassifier({ llm: config.llm, logger: log }),
  };
  sender = new OutboxSender(ds, deliverer, clock, log, {
    instanceId: config.instanceId,
    // A push that can never succeed (bad key, robot removed) is told to the city bureau's group, once per group and code.
    onPermanentFailure: async (row) => void (await alertPermanentFailure({ ds, config, units, now: () => clock.now() }, row)),
  });
  // `/推送 测试` pushes synchronously to report the outcome; the scheduler is driven by cron, the sandbox clock and tests.
  services.deliverer = deliverer;
  const scheduler = new Scheduler({ ds, config, clock, log, units, kick: () => void sender.kick() });
  services.scheduler = scheduler;
  // The overdue round belongs at 09:00; any minute of that hour runs it (keys are per person-day and per item), so a
  // restart at 09:05 still sends it, once.
  scheduler.addJob({ name: 'overdue', run: (now) => (shanghaiParts(new Date(now)).hour === 9 ? overdueTick(services, now) : Promise.resolve(0)) });
  scheduler.addJob({ name: 'digest', run: (now) => digestTick({ ds, config, units, log, kick: () => void sender.kick() }, now) });
  // Questions first: a question is never filed as a report.
  const hooks: MessageHooks[] = [askHooks, hazardHooks];
  const dispatcher = new Dispatcher(services, allCommands(), hooks);
  const worker = new InboundWorker(ds, dispatcher, clock, log, config.instanceId);
  const accept = async (msg: Parameters<typeof ingest>[1]) => {
    const res = await ingest(ds, msg);
    if (res === 'new') {
      if (opts.role === 'http') opts.bridge?.kickInbound();
      else void worker.kick();
    }
    return res;
  };
  const mounts: ((r: Router) => void)[] = [(r) => mountMedia(r, services), (r) => mountFiles(r, services), (r) => mountDeadlineExport(r, services), (r) => mountQuarterlyFiles(r, services)];
  if (sandbox && clock instanceof AdjustableClock) {
    if (Number((await ds.query(`SELECT COUNT(*) AS n FROM chat_group WHERE platform = 'local'`))[0].n) === 0) {
      await seedDemoWorld(ds, clock.now());
      await units.refresh();
      const hazards = await seedDemoHazards(services, clock.now());
      log.info(`sandbox: created the demo world (one district, three schools, their groups and people, ${hazards} hazards)`);
    }
    const tick = async () =>
      opts.role === 'http' && opts.bridge
        ? opts.bridge.tick(clock.now(), clock.now() - Date.now())
        : ((services.scheduler as { tick?: (now: number) => Promise<number> } | undefined)?.tick?.(clock.now()) ?? 0);
    mounts.push((r) => mountSandbox(r, { services, store: sandbox, clock, accept, tick }));
  }
  const app = createApp({ config, ds, log, clock, mounts, accept });
  if (opts.role === 'http' && opts.bridge) {
    const bridge = opts.bridge;
    services.outbox.kick = () => bridge.kickOutbox();
  }
  if (opts.background !== false && opts.role !== 'http') {
    worker.start();
    sender.start();
    if (config.SCHEDULER === '1') scheduler.start();
  }
  let server: Server | null = null;
  return {
    config, ds, app, services, worker, sender, dispatcher, log,
    listen: (port = config.PORT, host = config.HOST) =>
      new Promise((resolve, reject) => {
        const s = app.listen(port, host);
        s.once('error', reject);
        s.once('listening', () => {
          server = s;
          resolve({ server: s, port: (s.address() as any).port });
        });
      }),
    close: async () => {
      // Stop accepting first, then finish in-flight work, then release the database.
      if (server) {
        const s = server;
        const closed = new Promise<void>((r) => s.close(() => r()));
        // A keep-alive connection whose request finishes after close() began would linger for keepAliveTimeout (5 s).
        const sweep = setInterval(() => s.closeIdleConnections(), 50);
        await closed;
        clearInterval(sweep);
      }
      await scheduler.stop();
      await worker.stop();
      // The last messages' replies are due now: send them before letting go (bounded: a hanging platform cannot hold
      // the shutdown; what is left stays pending for the next start).
      await Promise.race([sender.kick(), new Promise((r) => setTimeout(r, 5_000).unref())]);
      await sender.stop();
      if (ds.isInitialized) await ds.destroy();
    },
  };
}
