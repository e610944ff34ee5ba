import { Writable } from 'node:stream';
import { readConfig } from '../../src/config';
import { buildBot, type Bot } from '../../src/bootstrap';
import { createLogger } from '../../src/log/logger';
import type { Clock } from '../../src/services/clock';

export interface TestBot {
  bot: Bot;
  base: string;
  logs: string[];
  close(): Promise<void>;
}

/** Starts the real app on a random port against `dbUrl`, with logs captured for inspection. */
export async function startBot(dbUrl: string, env: Record<string, string> = {}, opts: { clock?: Clock; background?: boolean } = {}): Promise<TestBot> {
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { logs.push(chunk.toString()); cb(); } });
  const config = readConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'debug', SCHEDULER: '0', ...env });
  const bot = await buildBot(config, { clock: opts.clock, log: createLogger('debug', sink), background: opts.background });
  const { port } = await bot.listen(0, '127.0.0.1');
  return { bot, base: `http://127.0.0.1:${port}`, logs, close: () => bot.close() };
}

export async function waitUntil<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('waitUntil timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
