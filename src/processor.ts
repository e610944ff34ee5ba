import { parentPort } from 'node:worker_threads';
import { readConfig } from './config';
import { buildBot } from './bootstrap';
import { AdjustableClock } from './services/clock';
import type { SocketStatus } from './transports/sockets';
import { snapshot, type MetricsSnapshot } from './metrics/metrics';

/**
 * The processor thread: claims recorded messages, runs commands, sends the outbox and ticks the scheduler, on its
 * own event loop and its own database connection. The HTTP thread only verifies, records and acks.
 */
export type ToProcessor =
  | { type: 'kick' } | { type: 'kick-outbox' } | { type: 'tick'; id: number; at: number; offsetMs: number } | { type: 'sockets'; id: number } | { type: 'metrics'; id: number } | { type: 'stop' };
export type FromProcessor =
  | { type: 'ready' }
  | { type: 'tick-done'; id: number; count: number; error?: string }
  | { type: 'sockets'; id: number; sockets: SocketStatus[] }
  | { type: 'metrics'; id: number; values: MetricsSnapshot }
  | { type: 'stopped' };

const port = parentPort!;
const config = readConfig(process.env);
const clock = config.sandboxClockMovable ? new AdjustableClock() : undefined;
const bot = await buildBot(config, { role: 'processor', clock });
const send = (m: FromProcessor) => port.postMessage(m);

port.on('message', async (m: ToProcessor) => {
  if (m.type === 'kick') void bot.worker.kick();
  else if (m.type === 'kick-outbox') void bot.sender.kick();
  else if (m.type === 'sockets') send({ type: 'sockets', id: m.id, sockets: bot.sockets?.status() ?? [] });
  else if (m.type === 'metrics') send({ type: 'metrics', id: m.id, values: await snapshot() });
  else if (m.type === 'tick') {
    try {
      clock?.set(Date.now() + m.offsetMs);
      const scheduler = bot.services.scheduler as { tick(now: number): Promise<number> };
      const count = await scheduler.tick(m.at);
      await bot.sender.kick();
      send({ type: 'tick-done', id: m.id, count });
    } catch (err: any) {
      send({ type: 'tick-done', id: m.id, count: 0, error: String(err?.message ?? err) });
    }
  } else if (m.type === 'stop') {
    await bot.close().catch((err) => bot.log.error({ err: { message: err?.message } }, 'processor shutdown error'));
    send({ type: 'stopped' });
    port.close();
  }
});
send({ type: 'ready' });
