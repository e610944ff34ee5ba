// npm run bench (or: npx tsx scripts/bench-sockets.ts [--n 300] [--rate 100])
// Messages per second and reply latency over each socket mode, on a temporary SQLite database, against the local
// fakes the tests use: WeCom long connection (frame → aibot_respond_msg) and DingTalk Stream (frame → ack, frame →
// sessionWebhook reply). References in the same run: a bare ws echo round trip, and the same /帮助 over the HTTP
// DingTalk callback of the same bot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocketServer, WebSocket } from 'ws';
import { readConfig } from '../src/config';
import { buildBot } from '../src/bootstrap';
import { createLogger } from '../src/log/logger';
import { FakePlatform } from '../test/helpers/fake-platform';
import { FakeWecomWs } from '../test/helpers/fake-wecom-ws';
import { FakeDingtalkStream } from '../test/helpers/fake-dingtalk-stream';
import { CREDS, dingtalkRequest, uid } from '../test/helpers/platform-sim';

const { values } = parseArgs({ options: { n: { type: 'string', default: '300' }, rate: { type: 'string', default: '100' } }, strict: false });
const N = Number(values.n);
const RATE = Number(values.rate);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`;
const until = async (fn: () => boolean, ms = 120_000) => {
  const end = Date.now() + ms;
  while (!fn() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
};
/** Sends `n` messages open-loop at `rate` per second (Infinity: all at once, for throughput). */
const openLoop = async (n: number, send: (i: number) => void, rate = RATE) => {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / rate;
    if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
    send(i);
  }
};

// Reference 1: a bare WebSocket echo on loopback.
const echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise<void>((r) => echo.once('listening', () => r()));
echo.on('connection', (s) => s.on('message', (d) => s.send(d)));
const client = new WebSocket(`ws://127.0.0.1:${(echo.address() as any).port}`);
await new Promise((r) => client.once('open', r));
const rtts: number[] = [];
for (let i = 0; i < 500; i++) {
  const t = performance.now();
  await new Promise((r) => { client.once('message', r); client.send(JSON.stringify({ i })); });
  rtts.push(performance.now() - t);
}
client.close();
echo.close();

const dir = mkdtempSync(join(tmpdir(), 'bench-sockets-'));
const fake = await new FakePlatform().start();
const wecom = await new FakeWecomWs().start();
const stream = await new FakeDingtalkStream(fake).start();
const config = readConfig({
  DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`, SANDBOX: '0', SCHEDULER: '0', LOG_LEVEL: 'silent', INSTANCE_ID: 'bench-sockets',
  WECOM_BOT_MODE: 'websocket', WECOM_BOT_ID: wecom.botId, WECOM_BOT_SECRET: wecom.secret, WECOM_WS_URL: wecom.url,
  DINGTALK_MODE: 'stream', DINGTALK_APP_KEY: CREDS.dingtalk.appKey, DINGTALK_APP_SECRET: CREDS.dingtalk.appSecret, DINGTALK_ROBOT_CODE: CREDS.dingtalk.robotCode,
  DINGTALK_API_BASE: fake.url, DINGTALK_OAPI_BASE: fake.url,
});
const bot = await buildBot(config, { log: createLogger('silent') });
const { port } = await bot.listen(0, '127.0.0.1');
try {
  await until(() => wecom.subscribedCount === 1 && stream.openCount === 1, 20_000);
  const lines: string[] = [`reference: bare ws echo round trip on loopback ${fmt(rtts)}`];

  // WeCom: frame out → stream reply back through the frame.
  const sentAt = new Map<string, number>();
  const t0 = Date.now();
  await openLoop(N, (i) => sentAt.set(wecom.message({ msgid: uid('bw'), chatid: 'wrBench', userid: `u${i % 40}`, text: '/帮助' }), Date.now()));
  await until(() => [...sentAt.keys()].every((id) => wecom.out.some((o) => o.reqId === id)));
  const wLat = [...sentAt].map(([id, at]) => (wecom.out.find((o) => o.reqId === id)?.at ?? NaN) - at);
  const wEnd = Math.max(...wecom.out.map((o) => o.at));
  lines.push(`wecom websocket: ${N} × /帮助 at ${RATE}/s → ${(N / ((wEnd - t0) / 1000)).toFixed(0)} replies/s; reply ${fmt(wLat)}`);

  // DingTalk Stream: frame → ack (stored), frame → sessionWebhook reply.
  const sessions = new Map<string, { id: string; at: number }>();
  const d0 = Date.now();
  await openLoop(N, (i) => {
    const session = uid('bs');
    const body = { conversationId: 'cidBench', conversationType: '2', msgId: uid('bd'), senderStaffId: `u${i % 40}`, isInAtList: true, robotCode: CREDS.dingtalk.robotCode,
      sessionWebhook: `${fake.url}/robot/sendBySession?session=${session}`, sessionWebhookExpiredTime: Date.now() + 3600_000, msgtype: 'text', text: { content: ' /帮助' } };
    sessions.set(session, { id: stream.push(body), at: Date.now() });
  });
  await until(() => fake.find('/robot/sendBySession').length >= N);
  const replyAt = new Map(fake.find('/robot/sendBySession').map((r) => [r.query.get('session')!, r.at]));
  const dLat = [...sessions].map(([s, v]) => (replyAt.get(s) ?? NaN) - v.at);
  const aLat = [...sessions.values()].map((v) => (stream.ackedAt.get(v.id) ?? NaN) - v.at);
  const dEnd = Math.max(...replyAt.values());
  lines.push(`dingtalk stream: ${N} × /帮助 at ${RATE}/s → ${(N / ((dEnd - d0) / 1000)).toFixed(0)} replies/s; ack (stored) ${fmt(aLat)}; reply ${fmt(dLat)}`);

  // Throughput: a burst of N at once on each socket, time until the last reply.
  for (const mode of ['wecom', 'dingtalk'] as const) {
    const b0 = Date.now();
    if (mode === 'wecom') {
      const ids: string[] = [];
      await openLoop(N, (i) => ids.push(wecom.message({ msgid: uid('bb'), chatid: 'wrBench', userid: `u${i % 40}`, text: '/帮助' })), Infinity);
      await until(() => ids.every((id) => wecom.out.some((o) => o.reqId === id)));
      const end = Math.max(...ids.map((id) => wecom.out.find((o) => o.reqId === id)!.at));
      lines.push(`wecom websocket burst: ${N} at once → ${(N / ((end - b0) / 1000)).toFixed(0)} messages/s end to end`);
    } else {
      const before = fake.find('/robot/sendBySession').length;
      await openLoop(N, (i) => stream.push({ conversationId: 'cidBench', conversationType: '2', msgId: uid('bb'), senderStaffId: `u${i % 40}`, isInAtList: true,
        sessionWebhook: `${fake.url}/robot/sendBySession?session=${uid('bbs')}`, sessionWebhookExpiredTime: Date.now() + 3600_000, msgtype: 'text', text: { content: ' /帮助' } }), Infinity);
      await until(() => fake.find('/robot/sendBySession').length >= before + N);
      const end = Math.max(...fake.find('/robot/sendBySession').map((r) => r.at));
      lines.push(`dingtalk stream burst: ${N} at once → ${(N / ((end - b0) / 1000)).toFixed(0)} messages/s end to end`);
    }
  }

  // Reference 2: the same command over the signed HTTP callback of the same bot.
  const base = `http://127.0.0.1:${port}`;
  await until(() => stream.unacked === 0);
  const before = fake.find('/robot/sendBySession').length;
  const httpSent = new Map<string, number>();
  const h0 = Date.now();
  const posts: Promise<unknown>[] = [];
  await openLoop(N, (i) => {
    const req = dingtalkRequest(base, fake.url, { userId: `u${i % 40}`, chatId: 'cidBench', text: '/帮助' });
    httpSent.set(new URL(JSON.parse(String(req.init.body)).sessionWebhook).searchParams.get('session')!, Date.now());
    posts.push(fetch(req.url, req.init));
  });
  await Promise.all(posts);
  await until(() => fake.find('/robot/sendBySession').length >= before + N);
  const hAt = new Map(fake.find('/robot/sendBySession').map((r) => [r.query.get('session')!, r.at]));
  const hLat = [...httpSent].map(([s, at]) => (hAt.get(s) ?? NaN) - at);
  lines.push(`reference: dingtalk HTTP callback, same bot: ${(N / ((Math.max(...[...httpSent.keys()].map((s) => hAt.get(s) ?? 0)) - h0) / 1000)).toFixed(0)} replies/s; reply ${fmt(hLat)}`);
  for (const l of lines) console.log(l);
  console.log(JSON.stringify({ bench: 'sockets', n: N, rate: RATE, wecomReplyP50: pct(wLat, 50), dingtalkReplyP50: pct(dLat, 50), dingtalkAckP50: pct(aLat, 50), httpReplyP50: pct(hLat, 50), echoP50: pct(rtts, 50) }));
} finally {
  await bot.close();
  await Promise.all([wecom.close(), stream.close()]);
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}
