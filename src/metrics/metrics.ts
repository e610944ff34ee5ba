import { Counter, Gauge, Histogram, Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';

/**
 * What an operator watches, in the Prometheus text format. Each thread has its own registry (a module instance per
 * thread); GET /metrics on the HTTP thread asks the processor thread for its values and adds them up
 * (prom-client's AggregatorRegistry), so one scrape shows both. Queue depths are read from the database at scrape
 * time (see metrics.route.ts), which is right however many instances share it.
 */
export const registry = new Registry();

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const inboundTotal = new Counter({
  name: 'bot_inbound_messages_total',
  help: 'Webhook messages by platform and outcome (new, duplicate, refused: 4xx, unavailable: 503).',
  labelNames: ['platform', 'outcome'] as const,
  registers: [registry],
});

export const acksTotal = new Counter({
  name: 'bot_webhook_acks_total',
  help: 'Webhook POST answers by platform and HTTP status.',
  labelNames: ['platform', 'status'] as const,
  registers: [registry],
});

export const ackSeconds = new Histogram({
  name: 'bot_webhook_ack_seconds',
  help: 'Time from a webhook POST arriving to its answer.',
  labelNames: ['platform'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 4],
  registers: [registry],
});

export const processingSeconds = new Histogram({
  name: 'bot_processing_seconds',
  help: 'Time to process one recorded message (dispatch, commands, replies queued), by result.',
  labelNames: ['result'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const pushesTotal = new Counter({
  name: 'bot_pushes_total',
  help: 'Outbox sends by route (wecom_response_url, dingtalk_session, group) and result (sent, retry, failed).',
  labelNames: ['route', 'result'] as const,
  registers: [registry],
});

export const rateLimitWaitsTotal = new Counter({
  name: 'bot_rate_limit_waits_total',
  help: 'Pushes put back because of a rate limit: our 20-a-minute robot budget (robot) or a platform answer (platform).',
  labelNames: ['reason'] as const,
  registers: [registry],
});

export const classificationsTotal = new Counter({
  name: 'bot_classifications_total',
  help: 'Hazard classifications by source (llm: the model answered; local: the built-in classifier).',
  labelNames: ['source'] as const,
  registers: [registry],
});

export const classificationSeconds = new Histogram({
  name: 'bot_classification_seconds',
  help: 'Time to classify one report, by source.',
  labelNames: ['source'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const remindersTotal = new Counter({
  name: 'bot_reminders_total',
  help: 'Reminder pushes created by the scheduler (fired) or recorded as missed after downtime (skipped).',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const dbErrorsTotal = new Counter({
  name: 'bot_db_errors_total',
  help: 'Database errors seen, by thread (http, processor).',
  labelNames: ['thread'] as const,
  registers: [registry],
});

/** Which thread this module instance counts for; set once by the composition root. */
export let threadName = 'http';

new Gauge({
  name: 'bot_thread_heap_bytes',
  help: 'V8 heap per thread, in use and reserved (process_resident_memory_bytes is the whole process).',
  labelNames: ['thread', 'kind'] as const,
  registers: [registry],
  collect() {
    const m = process.memoryUsage();
    this.set({ thread: threadName, kind: 'used' }, m.heapUsed);
    this.set({ thread: threadName, kind: 'total' }, m.heapTotal);
  },
});
export function setThreadName(name: string): void {
  threadName = name;
}

export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

/** This thread's values, to be sent to the HTTP thread and aggregated there. */
export function snapshot(): Promise<MetricsSnapshot> {
  return registry.getMetricsAsJSON() as Promise<MetricsSnapshot>;
}
