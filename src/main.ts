import 'dotenv/config';
import { Worker } from 'node:worker_threads';
import { readConfig, ConfigError, type Config } from './config';
import { buildBot, type ProcessingBridge } from './bootstrap';
import type { FromProcessor, ToProcessor } from './processor';
import type { SocketStatus } from './transports/sockets';
import type { MetricsSnapshot } from './metrics/metrics';

function config(): Config {
  try {
    return readConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误 ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

const PROCESSOR_HEAP_MB = 192;

/** Starts the processor thread and the bridge the HTTP thread uses to reach it. */
async function startProcessor(): Promise<{ worker: Worker; bridge: ProcessingBridge; stop(): Promise<void> }> {
  // Built (dist/main.js): the processor is dist/processor.js; under tsx, an entry that registers tsx in the thread.
  const entry = import.meta.url.endsWith('.ts') ? './processor-thread.mjs' : './processor.js';
  // A bound on the processor's old generation: without one V8 let the heap grow to ~275 MB of mostly garbage over
  // 10,000 reports (live heap ~60 MB), and that is what the process's RSS was made of. With a bound it collects
  // sooner; 192 MB is three times the live heap measured with charts and a city ledger export.
  const worker = new Worker(new URL(entry, import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: PROCESSOR_HEAP_MB } });
  const pending = new Map<number, (count: number) => void>();
  const socketAsks = new Map<number, (s: SocketStatus[]) => void>();
  const metricsWanted = new Map<number, (values: MetricsSnapshot) => void>();
  let seq = 0;
  let stopped: () => void = () => undefined;
  const post = (m: ToProcessor) => worker.postMessage(m);
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: FromProcessor) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'tick-done') pending.get(m.id)?.(m.count), pending.delete(m.id);
      else if (m.type === 'metrics') metricsWanted.get(m.id)?.(m.values), metricsWanted.delete(m.id);
      else if (m.type === 'stopped') stopped();
      else if (m.type === 'sockets') socketAsks.get(m.id)?.(m.sockets), socketAsks.delete(m.id);
    });
  });
  // A crashed processor thread means nothing is processed: fail loudly so the supervisor restarts the process.
  worker.on('error', (err) => {
    console.error('processor thread failed:', err?.message ?? err);
    process.exit(1);
  });
  return {
    worker,
    bridge: {
      kickInbound: () => post({ type: 'kick' }),
      kickOutbox: () => post({ type: 'kick-outbox' }),
      tick: (at, offsetMs) => new Promise((resolve) => {
        const id = ++seq;
        pending.set(id, resolve);
        post({ type: 'tick', id, at, offsetMs });
      }),
      sockets: () => new Promise((resolve) => {
        const id = ++seq;
        socketAsks.set(id, resolve);
        post({ type: 'sockets', id });
        setTimeout(() => socketAsks.delete(id) && resolve([]), 1_000).unref();
      }),
      // A busy or stopping processor must not hold a scrape: after 2 s the HTTP thread's values are served alone.
      metrics: () => new Promise((resolve) => {
        const id = ++seq;
        metricsWanted.set(id, resolve);
        post({ type: 'metrics', id });
        setTimeout(() => metricsWanted.delete(id) && resolve([]), 2_000).unref();
      }),
    },
    stop: () => new Promise<void>((resolve) => {
      stopped = resolve;
      post({ type: 'stop' });
      setTimeout(resolve, 12_000).unref();
    }),
  };
}

async function main(): Promise<void> {
  const cfg = config();
  const threaded = cfg.PROCESSING_THREAD === '1';
  const bot = threaded ? null : await buildBot(cfg);
  // Migrations and the demo world are set up by the HTTP thread first; the processor then finds them in place.
  // Until the processor is up, kicks are dropped (it kicks itself once ready) and a sandbox tick waits for it.
  let bridge: ProcessingBridge | undefined;
  const http = bot ?? (await buildBot(cfg, { role: 'http', bridge: { kickInbound: () => bridge?.kickInbound(), kickOutbox: () => bridge?.kickOutbox(), tick: async (a, o) => (await starting)!.bridge.tick(a, o), metrics: async () => (await bridge?.metrics?.()) ?? [], ...(cfg.wecomWs || cfg.dingtalkStream ? { sockets: async () => (await bridge?.sockets?.()) ?? [] } : {}) } }));
  // The processor thread boots while the HTTP thread already listens: webhooks are recorded and acked meanwhile.
  const starting = threaded ? startProcessor() : Promise.resolve(null);
  const { port } = await http.listen();
  const processor = await starting;
  bridge = processor?.bridge;
  bridge?.kickInbound(); // anything recorded before a restart or while the processor was starting
  const platforms = [cfg.wecomApp && 'WeCom 自建应用', cfg.wecomBot && 'WeCom 智能机器人', cfg.wecomWs && 'WeCom 智能机器人 (长连接)', cfg.dingtalk && (cfg.dingtalkStream ? 'DingTalk 机器人 (Stream)' : 'DingTalk 机器人')].filter(Boolean);
  const where = `http://localhost:${port}`;
  // Links in replies are built from PUBLIC_BASE_URL; without it they point at this machine (docs/conversations.md).
  if (!cfg.PUBLIC_BASE_URL) http.log.warn(`PUBLIC_BASE_URL is not set: links in replies use http://localhost:${cfg.PORT} and open only on this server`);
  http.log.info(
    { port, database: cfg.DATABASE_URL.startsWith('mysql') ? 'mysql' : cfg.DATABASE_URL, platforms, llm: cfg.llm ? cfg.llm.model : 'none (local classifier)', processingThread: threaded },
    `校园安全助手 listening on ${where} · platforms: ${platforms.length ? platforms.join(', ') : 'none configured'}${cfg.sandboxEnabled ? ` · sandbox: ${where}/sandbox` : ''}`,
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    http.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    // Stop accepting and answer in-flight requests, then let the processor finish and flush, then exit.
    await http.close().catch((err) => http.log.error({ err }, 'shutdown error'));
    await processor?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('启动失败:', err?.message ?? err);
  process.exit(1);
});
