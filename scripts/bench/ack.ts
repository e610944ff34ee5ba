import { Agent, request as httpRequest } from 'node:http';
import { percentile } from './child';

export interface AckResult {
  name: string;
  sent: number;
  ok: number;
  errors: number;
  rate: number;
  p50: number;
  p99: number;
  max: number;
}

type Req = { url: string; init: { method?: string; headers?: unknown; body?: unknown } };

/** One POST over a keep-alive agent; resolves with the status code once the body is consumed. */
function post(agent: Agent, req: Req): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(req.url);
    const body = Buffer.from(String(req.init.body ?? ''));
    const r = httpRequest({ agent, host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', headers: { ...(req.init.headers as Record<string, string>), 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', reject);
    r.end(body);
  });
}

/**
 * Open-loop load: requests start on a fixed schedule (rate per second) whatever the server does, so a slow
 * server shows up as latency instead of hiding behind a slower send rate.
 */
export async function openLoop(name: string, rate: number, seconds: number, make: (i: number) => Req): Promise<AckResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = rate * seconds;
  const lat: number[] = [];
  let ok = 0;
  let errors = 0;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const req = make(i);
    const t0 = performance.now();
    inflight.push(
      post(agent, req).then(
        (status) => {
          lat.push(performance.now() - t0);
          if (status === 200) ok++;
          else errors++;
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  return { name, sent: total, ok, errors, rate: Math.round(ok / elapsed), p50: +percentile(lat, 50).toFixed(2), p99: +percentile(lat, 99).toFixed(2), max: +lat[lat.length - 1].toFixed(2) };
}

/** Closed loop at fixed concurrency: the most acks per second the server sustains. */
export async function closedLoop(name: string, concurrency: number, seconds: number, make: (i: number) => Req): Promise<AckResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const end = performance.now() + seconds * 1000;
  const lat: number[] = [];
  let ok = 0;
  let errors = 0;
  let i = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const req = make(i++);
        const t0 = performance.now();
        try {
          const status = await post(agent, req);
          lat.push(performance.now() - t0);
          status === 200 ? ok++ : errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  agent.destroy();
  lat.sort((a, b) => a - b);
  return { name, sent: i, ok, errors, rate: Math.round(ok / ((performance.now() - start) / 1000)), p50: +percentile(lat, 50).toFixed(2), p99: +percentile(lat, 99).toFixed(2), max: +lat[lat.length - 1].toFixed(2) };
}
