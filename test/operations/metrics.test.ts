import { describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { botEnv } from '../helpers/platform-sim';
import { spawnMain } from '../reliability/helpers/processes';
import { dingtalkReport, signedDingtalkHeaders, useChildWorld } from '../reliability/helpers/world';

const TOKEN = 'metrics-token-for-tests';

/** `name{labels} value` lines of a Prometheus text answer, as a map. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

async function waitFor<T>(what: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const target of await dbTargets()) {
  describe(`GET /metrics on ${target.name} (two threads, npx tsx src/main.ts)`, () => {
    const world = useChildWorld(target, { prefix: 'mt', schools: 1, teachersPerSchool: 1, replyDelayMs: 0 });

    it('counts a scripted run exactly, across both threads, behind the bearer token', async () => {
      const bot = await spawnMain({ ...botEnv(world.fake.url), DATABASE_URL: world.url, METRICS_TOKEN: TOKEN });
      const chat = world.chatIds[0];
      const post = (body: string, headers = signedDingtalkHeaders()) => fetch(`${bot.base}/webhooks/dingtalk`, { method: 'POST', headers, body });
      // 3 reports, 1 redelivery of the first, 2 forgeries (wrong signature), 1 forged WeCom callback.
      const reports = ['三楼楼梯口堆了旧课桌椅，疏散通道被堵', '食堂冰箱里的菜没有标注日期', '宿舍走廊灭火器过期了'].map((t) => dingtalkReport(world.fake.url, chat, 'mt-t-1-1', `/隐患 ${t}`));
      for (const r of reports) expect((await post(r.body)).status).toBe(200);
      expect((await post(reports[0].body)).status).toBe(200);
      for (let i = 0; i < 2; i++) expect((await post(reports[1].body, { ...signedDingtalkHeaders(), sign: 'forged' })).status).toBeGreaterThanOrEqual(400);
      expect((await fetch(`${bot.base}/webhooks/wecom?msg_signature=x&timestamp=1&nonce=1`, { method: 'POST', body: '{"encrypt":"x"}' })).status).toBeGreaterThanOrEqual(400);

      const scrape = () => fetch(`${bot.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect((await fetch(`${bot.base}/metrics`)).status).toBe(401);
      expect((await fetch(`${bot.base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      // Wait until the processor has answered all three (their cards reached the fake).
      await waitFor(async () => (reports.every((r) => world.fake.requests.some((q) => q.query.get('session') === r.session)) ? true : undefined));
      const m = await waitFor(async () => {
        const res = await scrape();
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/plain');
        const values = parse(await res.text());
        return values.get('bot_queue_depth{queue="outbox"}') === 0 && values.get('bot_processing_seconds_count{result="ok"}') === 3 ? values : undefined;
      });
      const cards = world.fake.requests.filter((q) => q.path === '/robot/sendBySession').length;

      expect(m.get('bot_inbound_messages_total{platform="dingtalk",outcome="new"}')).toBe(3);
      expect(m.get('bot_inbound_messages_total{platform="dingtalk",outcome="duplicate"}')).toBe(1);
      expect(m.get('bot_inbound_messages_total{platform="dingtalk",outcome="refused"}')).toBe(2);
      expect(m.get('bot_inbound_messages_total{platform="wecom",outcome="refused"}')).toBe(1);
      expect(m.get('bot_webhook_acks_total{platform="dingtalk",status="200"}')).toBe(4);
      expect(m.get('bot_webhook_ack_seconds_count{platform="dingtalk"}')).toBe(6);
      expect(m.get('bot_webhook_ack_seconds_count{platform="wecom"}')).toBe(1);
      // Processor-thread values, aggregated into the same answer.
      expect(m.get('bot_processing_seconds_count{result="ok"}')).toBe(3);
      expect(m.get('bot_classifications_total{source="local"}')).toBe(3);
      expect(m.get('bot_classification_seconds_count{source="local"}')).toBe(3);
      expect(cards).toBeGreaterThanOrEqual(3);
      expect(m.get('bot_pushes_total{route="dingtalk_session",result="sent"}')).toBe(cards);
      expect(m.get('bot_queue_depth{queue="inbound"}')).toBe(0);
      expect(m.get('bot_db_errors_total{thread="http"}') ?? 0).toBe(0);
      expect(m.get('process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
      bot.term();
      expect(await bot.exited).toBe(0);
    });

    it('answers 404 when METRICS_TOKEN is not set', async () => {
      const bot = await spawnMain({ ...botEnv(world.fake.url), DATABASE_URL: world.url, PROCESSING_THREAD: '0' });
      expect((await fetch(`${bot.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
      bot.term();
      await bot.exited;
    });
  });
}
