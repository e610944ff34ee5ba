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
import { realUnitsIn } from './services/demo/real-units';
import { UnitDirectory } from './services/org/units';
import { OrgService } from './services/org/org.service';
import { enqueue, wakeNotConnected } from './services/outbox/outbox.service';
import { OutboxSender } from './services/outbox/sender';
import { LinkSigner } from './services/links';
import { createMediaSources } from './platforms/media-fetch';
import { PlatformDeliverer } from './platforms/deliver';
import { SandboxStore } from './platforms/local/sandbox-store';
import { mountMedia } from './http/media.route';
import { mountFiles } from './http/files.route';
import { hazardHooks } from './bot/commands/hazard-report.command';
import { askHooks } from './bot/commands/ask.command';
import { createClassifier } from './services/classifier/classifier';
import type { Services } from './services/container';
import { Scheduler } from './scheduler/scheduler';
import { flushNotices, overdueTick } from './services/hazards/overdue';
import { shanghaiParts } from './services/time';
import { digestTick } from './services/summary/digest';
import { alertPermanentFailure } from './services/outbox/push-alert';
import { mountDeadlineExport } from './http/deadlines.route';
import { mountQuarterlyFiles } from './http/quarterly.route';
import type Router from '@koa/router';
import { SocketModes, type SocketDeps, type SocketStatus } from './transports/sockets';
import { inboundTotal, setThreadName, type MetricsSnapshot } from './metrics/metrics';
import { mountMetrics } from './http/metrics.route';
import { backupJob, retentionJob } from './ops/jobs';

export interface Bot {
  config: Config;
  ds: DataSource;
  app: Koa;
  services: Services;
  worker: InboundWorker;
  sender: OutboxSender;
  dispatcher: Dispatcher;
  /** WeCom long connection and DingTalk Stream (null in the HTTP thread, which has no sockets). */
  sockets: SocketModes | null;
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
  /** Lease timings and the replaced-connection hold for the long connections (tests shorten them). */
  sockets?: Pick<SocketDeps, 'lease' | 'replacedHoldMs'>;
}

/** How the HTTP thread reaches the processor thread. */
export interface ProcessingBridge {
  kickInbound(): void;
  kickOutbox(): void;
  /** Runs the scheduler for `now` in the processor (sandbox clock), with the clock offset to apply there first. */
  tick(now: number, offsetMs: number): Promise<number>;
  /** The processor thread's long connections, for /healthz. */
  sockets?(): Promise<SocketStatus[]>;
  /** The processor thread's metric values, for GET /metrics. */
  metrics?(): Promise<MetricsSnapshot>;
}

/** The composition root: config → database → services → adapters → dispatcher → Koa. */
export async function buildBot(config: Config, opts: BuildOptions = {}): Promise<Bot> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  setThreadName(opts.role === 'processor' ? 'processor' : 'http');
  // The sandbox's clock control needs a movable clock, but only a pure demo gets one: beside a real platform the
  // trusted clock (signatures, links, real groups' deadlines) is the system's and the sandbox cannot move it.
  const clock = opts.clock ?? (config.sandboxClockMovable ? new AdjustableClock() : systemClock);
  const ds = await openDataSource(config.DATABASE_URL);
  const units = new UnitDirectory(ds);
  await units.refresh();
  const links = await LinkSigner.create(ds, config.linkSecret, config.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? `http://localhost:${config.PORT}`);
  const sandbox = config.sandboxEnabled ? new SandboxStore(ds) : null;
  // The long connections live where messages are processed and replies sent (the processor thread, or the one thread).
  let accept!: (msg: Parameters<typeof ingest>[1]) => Promise<'new' | 'duplicate'>;
  const sockets = opts.role === 'http' || !(config.wecomWs || config.dingtalkStream)
    ? null
    : new SocketModes({
      ds, config, log, clock, accept: (m) => accept(m), ...opts.sockets,
      // Replies that failed while the socket was down would otherwise wait out their back-off (5 s, 10 s, …).
      onWecomUp: () => void wakeNotConnected(ds, clock.now()).then(() => sender.kick()).catch(() => undefined),
    });
  const deliverer = new PlatformDeliverer(ds, config, clock, links, sandbox, sockets);
  if (config.wecomApp && !config.wecomAppSender && opts.role !== 'processor') {
    log.warn('WeCom 自建应用: WECOM_CORP_SECRET and WECOM_AGENT_ID are not set, so app messages are received but cannot be answered');
  }
  // The classifier's dictionaries (jieba, ~60 MB) load on the first report, not at start: an idle bot stays small and
  // the HTTP thread never loads them. The first report after a start takes a few hundred ms longer.
  let sender!: OutboxSender;
  const services: Services = {
    ds, config, clock, log, units, links,
    media: createMediaSources({ config, clock }),
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
  // Overdue notices claimed but not yet told (a group that had its digest this hour) go out in the next hour's one.
  scheduler.addJob({ name: 'notices', run: (now) => flushNotices(services, now) });
  scheduler.addJob({ name: 'digest', run: (now) => digestTick({ ds, config, units, log, kick: () => void sender.kick() }, now) });
  // Operations (src/ops): payload retention hourly, the optional daily SQLite backup.
  scheduler.addJob(retentionJob(ds, config, log));
  const backup = opts.role === 'http' ? null : backupJob(config, log);
  if (backup) scheduler.addJob(backup);
  // Questions first: a question is never filed as a report.
  const hooks: MessageHooks[] = [askHooks, hazardHooks];
  const dispatcher = new Dispatcher(services, allCommands(), hooks);
  const worker = new InboundWorker(ds, dispatcher, clock, log, config.instanceId);
  accept = async (msg: Parameters<typeof ingest>[1]) => {
    const res = await ingest(ds, msg);
    inboundTotal.inc({ platform: msg.platform, outcome: res });
    if (res === 'new') {
      if (opts.role === 'http') opts.bridge?.kickInbound();
      else void worker.kick();
    }
    return res;
  };
  const mounts: ((r: Router) => void)[] = [(r) => mountMedia(r, services), (r) => mountFiles(r, services), (r) => mountDeadlineExport(r, services), (r) => mountQuarterlyFiles(r, services)];
  const bridge = opts.bridge;
  mounts.push((r) => mountMetrics(r, { config, ds, remote: bridge?.metrics ? async () => [await bridge.metrics!()] : undefined }));
  if (sandbox) {
    const real = await realUnitsIn(ds);
    if (real) log.warn(`sandbox: this database holds real units (${real}); the demo world is not created and the sandbox clock stays real`);
    else if (!(await sandbox.hasGroups())) {
      await seedDemoWorld(ds, clock.now());
      await units.refresh();
      const hazards = await seedDemoHazards(services, clock.now());
      log.info(`sandbox: created the demo world (one district, three schools, their groups and people, ${hazards} hazards)`);
    }
    const tick = async () =>
      opts.role === 'http' && opts.bridge
        ? opts.bridge.tick(clock.now(), clock.now() - Date.now())
        : ((services.scheduler as { tick?: (now: number) => Promise<number> } | undefined)?.tick?.(clock.now()) ?? 0);
    const sandboxClock = config.sandboxClockMovable && clock instanceof AdjustableClock ? clock : new AdjustableClock();
    const clockLocked = async () =>
      !config.sandboxClockMovable || !(clock instanceof AdjustableClock) ? '已配置企业微信/钉钉，沙盒时钟保持真实时间' : (await realUnitsIn(ds)) ? '数据库里有真实单位，沙盒时钟保持真实时间' : null;
    mounts.push((r) => mountSandbox(r, { services, store: sandbox, clock: sandboxClock, accept, tick, token: config.SANDBOX_TOKEN, clockLocked }));
  }
  const connections = sockets ? async () => sockets.status() : opts.bridge?.sockets;
  const app = createApp({ config, ds, log, clock, mounts, accept, connections });
  if (opts.role === 'http' && bridge) {
    services.outbox.kick = () => bridge.kickOutbox();
  }
  if (opts.background !== false && opts.role !== 'http') {
    worker.start();
    sender.start();
    if (config.SCHEDULER === '1') scheduler.start();
  }
  sockets?.start();
  let server: Server | null = null;
  return {
    config, ds, app, services, worker, sender, dispatcher, sockets, log,
    listen: (port = config.PORT, host = config.HOST) =>
      new Promise((resolve, reject) => {
        const s = app.listen(port, host);
        // Slow uploads: headers within 10 s, the whole request within 30 s (bodies also stop at 10 s, src/http/body.ts).
        s.headersTimeout = 10_000;
        s.requestTimeout = 30_000;
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
      // Sockets last: replies over the WeCom frame needed them; frames stored meanwhile are processed later.
      // Letting go of the lease hands the robot to another instance at once.
      await sockets?.stop();
      if (ds.isInitialized) await ds.destroy();
    },
  };
}
