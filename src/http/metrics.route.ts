import { timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { DataSource } from 'typeorm';
import { AggregatorRegistry, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from '../config';
import { inboundBacklog } from '../services/inbound';
import { outboxBacklog } from '../services/outbox/outbox.service';
import { snapshot, type MetricsSnapshot } from '../metrics/metrics';

export interface MetricsDeps {
  config: Config;
  ds: DataSource;
  /** The other threads' values (the processor thread's), aggregated into one answer. */
  remote?: () => Promise<MetricsSnapshot[]>;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * GET /metrics: 404 unless METRICS_TOKEN is set (nothing advertises that it exists), then only with
 * `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise).
 */
export function mountMetrics(router: Router, deps: MetricsDeps): void {
  const token = deps.config.METRICS_TOKEN;
  if (!token) return;
  // Process-wide values (RSS, event loop lag, GC) and the queue depths exist once, on this thread.
  const own = new Registry();
  collectDefaultMetrics({ register: own });
  new Gauge({
    name: 'bot_queue_depth',
    help: 'Rows waiting in the database: inbound (received or being processed) and outbox (pending or being sent).',
    labelNames: ['queue'] as const,
    registers: [own],
    async collect() {
      const [waiting, unsent] = await Promise.all([inboundBacklog(deps.ds), outboxBacklog(deps.ds)]);
      this.set({ queue: 'inbound' }, waiting);
      this.set({ queue: 'outbox' }, unsent);
    },
  });
  router.get('/metrics', async (ctx) => {
    if (!tokenMatches(ctx.get('authorization') || undefined, token)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer');
      ctx.body = { error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' };
      return;
    }
    const parts = [await snapshot(), (await own.getMetricsAsJSON()) as MetricsSnapshot, ...((await deps.remote?.()) ?? [])];
    const merged = AggregatorRegistry.aggregate(parts as any);
    ctx.type = merged.contentType;
    ctx.body = await merged.metrics();
  });
}
