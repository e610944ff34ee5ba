// Runs the real bot in its own process for tests that measure it from outside (memory after GC).
// Forked by processes.ts with --expose-gc; speaks a tiny IPC protocol: memory | idle | close.
import { readConfig } from '../../../src/config';
import { buildBot } from '../../../src/bootstrap';

const bot = await buildBot(readConfig(process.env));
const { port } = await bot.listen(0, '127.0.0.1');
process.send!({ type: 'ready', port });

const gc = (globalThis as { gc?: () => void }).gc;

process.on('message', async (m: { type: string; id: number }) => {
  if (m.type === 'memory') {
    // Several rounds: finalizers and weak callbacks free more on the second and third pass.
    for (let i = 0; i < 4; i++) {
      gc?.();
      await new Promise((r) => setTimeout(r, 20));
    }
    const u = process.memoryUsage();
    process.send!({ id: m.id, heapUsed: u.heapUsed, rss: u.rss, external: u.external, gc: Boolean(gc) });
  } else if (m.type === 'idle') {
    for (let i = 0; i < 200; i++) {
      await bot.worker.kick();
      await bot.sender.kick();
      const [r] = await bot.ds.query(
        `SELECT (SELECT COUNT(*) FROM inbound_message WHERE status IN ('received','processing')) AS a,
                (SELECT COUNT(*) FROM outbox_message WHERE status IN ('pending','sending') AND not_before <= ?) AS b`,
        [Date.now()],
      );
      if (Number(r.a) === 0 && Number(r.b) === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    process.send!({ id: m.id });
  } else if (m.type === 'close') {
    await bot.close();
    process.exit(0);
  }
});
