// npm run soak -- --minutes 10                      start the bot (src/main.ts, SQLite in a temp dir) with a fake platform, drive it
// npm run soak -- --minutes 10 --db mysql://…/soak   the same on another database (it is seeded with schools, groups, people)
// npm run soak -- --minutes 60 --url http://host:3000 --pid 1234
//                                                   drive a server already running (DATABASE_URL, WECOM_BOT_*, DINGTALK_APP_SECRET
//                                                   from the environment or .env must match it; --pid adds its RSS to the report)
// Options: --rps 40 (offered load), --concurrency 32 (most requests in flight), --schools 20, --sample 5 (seconds).
// Mixed load: reports (DingTalk and WeCom), queries, lists, transitions (确认 → 整改 → 验收), plain @-mentions, /进度 with its
// chart, /推送 测试, forged requests and platform retries. Prints requests, errors, p50/p99 latency and how the server's memory
// moved (RSS and heap after GC, first vs last quartile of the samples). Exits 1 when there were errors.
import 'dotenv/config';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' }, url: { type: 'string' }, db: { type: 'string' }, pid: { type: 'string' },
    rps: { type: 'string', default: '40' }, concurrency: { type: 'string', default: '32' }, schools: { type: 'string', default: '20' },
    sample: { type: 'string', default: '5' }, serve: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.serve) {
  // Child mode: the real src/main.ts (HTTP thread + processor thread), plus a memory probe over IPC.
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', (m: { type: string; id: number }) => {
    if (m?.type !== 'memory') return;
    gc?.();
    const u = process.memoryUsage();
    process.send!({ id: m.id, rss: u.rss, heapUsed: u.heapUsed });
  });
  // The driver went away (finished, crashed, Ctrl-C): shut down as on SIGTERM rather than linger.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  await import('../src/main');
} else {
  await soak();
}

async function soak(): Promise<void> {
  const { openDataSource } = await import('../src/db/data-source');
  const { seed: rooms } = await import('../src/db/repositories/seed.repository');
  const { FakePlatform, textOf } = await import('../test/helpers/fake-platform');
  const { botEnv, CREDS, dingtalkRequest, uid } = await import('../test/helpers/platform-sim');
  const { encrypt, getSignature } = await import('@wecom/crypto');

  const minutes = Number(values.minutes);
  const rps = Number(values.rps);
  const concurrency = Number(values.concurrency);
  const schools = Number(values.schools);
  const sampleMs = Number(values.sample) * 1000;
  if (!(minutes > 0) || !(rps > 0) || !(concurrency > 0)) throw new Error('--minutes, --rps and --concurrency must be positive numbers');

  const fake = await new FakePlatform().start();
  // The platform takes a moment to accept a push, as the real ones do.
  fake.respond((r) => (r.path === '/robot/sendBySession' || r.path === '/cgi-bin/aibot/response' ? { body: { errcode: 0, errmsg: 'ok' }, delayMs: 5 } : undefined));

  // ----- the server: started here, or one already running -----
  let base = values.url?.replace(/\/+$/, '') ?? '';
  let child: ChildProcess | null = null;
  let tmp: string | null = null;
  const env: Record<string, string> = {};
  if (!base) {
    tmp = mkdtempSync(join(tmpdir(), 'soak-'));
    const dbUrl = values.db ?? `sqlite:${join(tmp, 'soak.sqlite')}`;
    Object.assign(env, { DATABASE_URL: dbUrl, ...botEnv(fake.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SANDBOX: '0', SCHEDULER: '1', INSTANCE_ID: 'soak' });
  } else {
    if (!process.env.DATABASE_URL) throw new Error('--url needs DATABASE_URL (the server\'s database) to seed schools, groups and people');
    Object.assign(env, { DATABASE_URL: process.env.DATABASE_URL });
  }
  const creds = {
    dingtalkSecret: values.url ? process.env.DINGTALK_APP_SECRET ?? CREDS.dingtalk.appSecret : CREDS.dingtalk.appSecret,
    wecomToken: values.url ? process.env.WECOM_BOT_TOKEN ?? CREDS.wecomBot.token : CREDS.wecomBot.token,
    wecomKey: values.url ? process.env.WECOM_BOT_ENCODING_AES_KEY ?? CREDS.wecomBot.aesKey : CREDS.wecomBot.aesKey,
  };

  const world = await seed(env.DATABASE_URL, schools);
  if (!base) {
    child = fork(fileURLToPath(import.meta.url), ['--serve'], {
      cwd: resolve(fileURLToPath(import.meta.url), '../..'), execArgv: ['--expose-gc', '--import', 'tsx'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    process.on('exit', () => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
    });
    base = await new Promise<string>((resolveBase, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${buf}`)), 60_000);
      const onData = (c: Buffer) => {
        buf += c.toString();
        const m = /"port":(\d+)/.exec(buf);
        if (m && buf.includes('listening on')) {
          clearTimeout(timer);
          resolveBase(`http://127.0.0.1:${m[1]}`);
        }
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.once('exit', (code) => reject(new Error(`server exited ${code}:\n${buf}`)));
    });
  }
  const serverErrors: string[] = [];
  const watchLogs = (c: Buffer) => {
    for (const line of c.toString().split('\n')) if (/"level":(50|60)/.test(line) || (line.trim() && !line.startsWith('{'))) serverErrors.push(line.slice(0, 300));
  };
  child?.stdout!.on('data', watchLogs);
  child?.stderr!.on('data', watchLogs);

  // ----- memory samples -----
  let probeSeq = 0;
  const memory = async (): Promise<{ rss: number | null; heapUsed: number | null }> => {
    if (child) {
      return new Promise((res) => {
        const id = ++probeSeq;
        const on = (m: any) => m?.id === id && (child!.off('message', on), res({ rss: m.rss, heapUsed: m.heapUsed }));
        child!.on('message', on);
        child!.send({ type: 'memory', id });
        setTimeout(() => (child!.off('message', on), res({ rss: null, heapUsed: null })), 5000);
      });
    }
    if (values.pid) {
      try {
        const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${values.pid}/status`, 'utf8'))?.[1];
        return { rss: kb ? Number(kb) * 1024 : null, heapUsed: null };
      } catch {
        return { rss: null, heapUsed: null };
      }
    }
    return { rss: null, heapUsed: null };
  };

  // ----- load -----
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const u = new URL(base);
  const send = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string }) =>
    new Promise<{ status: number; ms: number; error?: string }>((res) => {
      const t0 = performance.now();
      const body = init.body === undefined ? undefined : Buffer.from(init.body);
      const req = request({ host: u.hostname, port: u.port, path, method: init.method ?? 'POST', agent, timeout: 30_000, headers: { ...(init.headers ?? {}), ...(body ? { 'content-length': String(body.length) } : {}) } }, (r) => {
        r.resume();
        r.on('end', () => res({ status: r.statusCode ?? 0, ms: performance.now() - t0 }));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e: any) => res({ status: 0, ms: performance.now() - t0, error: String(e?.code ?? e?.message) }));
      req.end(body);
    });

  type Pending = { sentAt: number; kind: string; onReply?: (text: string) => void };
  const awaiting = new Map<string, Pending>(); // reply session / response_code → who is waiting
  const replyMs: number[] = [];
  const replyCount = new Map<string, number>();
  fake.respond((r) => {
    const key = r.query.get('session') ?? r.query.get('response_code');
    if (key) {
      replyCount.set(key, (replyCount.get(key) ?? 0) + 1);
      const p = awaiting.get(key);
      if (p && replyCount.get(key) === 1) {
        replyMs.push(Date.now() - p.sentAt);
        p.onReply?.(textOf(r));
      }
    }
    return undefined;
  });

  const codes: { code: string; school: number; state: 'pending' | 'rectifying' | 'verifying' | 'closed' }[] = [];
  const replayable: { path: string; init: any; platform: 'dingtalk' | 'wecom' }[] = [];
  const stats = { requests: 0, genuine: 0, forged: 0, replays: 0, errors: 0, genuineNon200: 0, forgedAccepted: 0, transport: 0, byKind: new Map<string, number>() };
  const ackMs: number[] = [];
  const TEXTS = ['三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半', '食堂冰箱里的熟食没有标注日期', '操场篮球架底座松动，摇晃', '宿舍走廊灭火器过期了', '实验室的酒精没有锁进柜子', '配电房门口堆放杂物', '围墙有一段出现裂缝', '二楼男厕所的灯坏了'];
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

  const dingtalk = (school: number, user: string, text: string, kind: string, onReply?: (t: string) => void) => {
    const req = dingtalkRequest(base, fake.url, { userId: user, nick: user, chatId: world.dtChats[school], text, secret: creds.dingtalkSecret });
    const session = new URL(JSON.parse(String(req.init.body)).sessionWebhook).searchParams.get('session')!;
    awaiting.set(session, { sentAt: Date.now(), kind, onReply });
    return { path: '/webhooks/dingtalk', init: { headers: req.init.headers as Record<string, string>, body: String(req.init.body) }, session };
  };
  /** A 智能机器人 callback, encrypted and signed as WeCom does; its reply comes on response_url, keyed by response_code. */
  const wecom = (school: number, user: string, text: string, kind: string, onReply?: (t: string) => void) => {
    const responseCode = uid('rc');
    const payload = {
      msgid: uid('wc'), aibotid: 'AIBOT', chatid: world.wcChats[school], chattype: 'group', from: { userid: user },
      response_url: `${fake.url}/cgi-bin/aibot/response?response_code=${responseCode}`, msgtype: 'text', text: { content: `@安全助手 ${text}` },
    };
    const enc = encrypt(creds.wecomKey, JSON.stringify(payload), '');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    awaiting.set(responseCode, { sentAt: Date.now(), kind, onReply });
    return {
      path: `/webhooks/wecom?msg_signature=${getSignature(creds.wecomToken, timestamp, nonce, enc)}&timestamp=${timestamp}&nonce=${nonce}`,
      init: { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: enc }) },
    };
  };

  function nextOp(): { kind: string; path: string; init: any; expect: 'ok' | 'refused' | 'replay' } {
    const r = Math.random();
    const s = Math.floor(Math.random() * world.dtChats.length);
    const teacher = `soak-t-${s}-${1 + Math.floor(Math.random() * 3)}`;
    const onCard = (school: number) => (text: string) => {
      const code = /YH-\d{4}-\d{6}/.exec(text)?.[0];
      if (code && text.includes('已登记隐患')) codes.push({ code, school, state: 'pending' });
    };
    if (r < 0.25) return { kind: 'report:dingtalk', ...dingtalk(s, teacher, `/隐患 ${pick(TEXTS)}`, 'report', onCard(s)), expect: 'ok' };
    if (r < 0.35) return { kind: 'report:wecom', ...wecom(s, `soak-w-${s}`, `/隐患 ${pick(TEXTS)}`, 'report', onCard(s)), expect: 'ok' };
    const known = codes.filter((c) => c.state !== 'closed');
    if (r < 0.45 && codes.length) {
      const c = pick(codes);
      return { kind: 'query', ...dingtalk(c.school, teacher, `/查询 ${c.code}`, 'query'), expect: 'ok' };
    }
    if (r < 0.5) return { kind: 'list', ...dingtalk(s, Math.random() < 0.5 ? `soak-pr-${s}` : teacher, Math.random() < 0.5 ? '/清单' : '/我的', 'list'), expect: 'ok' };
    if (r < 0.65 && known.length) {
      const c = pick(known);
      const step = c.state === 'pending' ? { user: `soak-so-${c.school}`, text: `/确认 ${c.code}`, next: 'rectifying' as const, ok: '整改中' }
        : c.state === 'rectifying' ? { user: `soak-so-${c.school}`, text: `/整改 ${c.code} 已处理完毕`, next: 'verifying' as const, ok: '待验收' }
        : { user: `soak-pr-${c.school}`, text: `/验收 ${c.code} 通过`, next: 'closed' as const, ok: '已销号' };
      return { kind: 'transition', ...dingtalk(c.school, step.user, step.text, 'transition', (t) => { if (t.includes(step.ok)) c.state = step.next; }), expect: 'ok' };
    }
    if (r < 0.72) return { kind: 'mention', ...dingtalk(s, teacher, pick(['三楼的灯坏了好几天', '今天下午几点开会？', '宿舍插座冒烟了']), 'mention'), expect: 'ok' };
    if (r < 0.76) return { kind: 'help', ...dingtalk(s, teacher, pick(['/帮助', '/我是谁']), 'help'), expect: 'ok' };
    if (r < 0.79) return { kind: 'push-test', ...dingtalk(s, `soak-so-${s}`, '/推送 测试', 'push'), expect: 'ok' };
    if (r < 0.82) return { kind: 'progress', ...dingtalk(s, `soak-pr-${s}`, '/进度', 'progress'), expect: 'ok' };
    if (r < 0.9) {
      const f = dingtalk(s, teacher, '/帮助', 'forged');
      awaiting.delete(f.session);
      return { kind: 'forged', path: f.path, init: { ...f.init, headers: { ...f.init.headers, sign: 'AAAAforgedAAAA=' } }, expect: 'refused' };
    }
    if (replayable.length) {
      const p = pick(replayable);
      const headers = p.platform === 'dingtalk' ? { ...p.init.headers, ...(dingtalkRequest(base, fake.url, { userId: 'x', chatId: 'x', secret: creds.dingtalkSecret }).init.headers as Record<string, string>) } : p.init.headers;
      return { kind: 'replay', path: p.path, init: { ...p.init, headers }, expect: 'replay' };
    }
    return { kind: 'help', ...dingtalk(s, teacher, '/帮助', 'help'), expect: 'ok' };
  }

  console.log(`soak: ${minutes} min at ${rps} requests/s (≤ ${concurrency} in flight) against ${base}${child ? ` (started here on ${env.DATABASE_URL})` : ''}; fake platform ${fake.url}`);
  const samples: { at: number; rss: number | null; heapUsed: number | null }[] = [];
  const t0 = Date.now();
  const end = t0 + minutes * 60_000;
  samples.push({ at: 0, ...(await memory()) });
  const sampler = setInterval(async () => samples.push({ at: Date.now() - t0, ...(await memory()) }), sampleMs);
  let inFlight = 0;
  let dropped = 0;
  const progress = setInterval(() => {
    const s = (Date.now() - t0) / 1000;
    process.stdout.write(`  ${s.toFixed(0)} s: ${stats.requests} requests, ${stats.errors} errors, ${codes.length} hazards\n`);
  }, 30_000);
  await new Promise<void>((done) => {
    const interval = 1000 / rps;
    let next = Date.now();
    const tick = () => {
      const now = Date.now();
      if (now >= end) return done();
      while (next <= now) {
        next += interval;
        if (inFlight >= concurrency) {
          dropped++;
          continue;
        }
        const op = nextOp();
        inFlight++;
        stats.requests++;
        stats.byKind.set(op.kind, (stats.byKind.get(op.kind) ?? 0) + 1);
        if (op.expect === 'ok') stats.genuine++;
        else if (op.expect === 'refused') stats.forged++;
        else stats.replays++;
        void send(op.path, op.init).then((res) => {
          inFlight--;
          ackMs.push(res.ms);
          if (res.status === 0) (stats.transport++, stats.errors++);
          else if (op.expect === 'refused' && res.status === 200) (stats.forgedAccepted++, stats.errors++);
          else if (op.expect !== 'refused' && res.status !== 200) (stats.genuineNon200++, stats.errors++);
          if (op.expect === 'ok' && res.status === 200 && replayable.length < 500) replayable.push({ path: op.path, init: op.init, platform: op.path.startsWith('/webhooks/dingtalk') ? 'dingtalk' : 'wecom' });
        });
      }
      setTimeout(tick, Math.max(1, Math.min(interval, next - Date.now())));
    };
    tick();
  });
  clearInterval(progress);
  // Let the last replies arrive.
  const drainEnd = Date.now() + 20_000;
  const repliesCome = () => Boolean(child) || replyCount.size > 0;
  while ((inFlight > 0 || (repliesCome() && [...awaiting.keys()].some((k) => !replyCount.has(k)))) && Date.now() < drainEnd) await new Promise((r) => setTimeout(r, 200));
  clearInterval(sampler);
  samples.push({ at: Date.now() - t0, ...(await memory()) });

  // ----- report -----
  const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : NaN);
  // A server started elsewhere answers through whatever platform it is configured with: count replies only if they come here.
  const tracking = Boolean(child) || replyCount.size > 0;
  const missing = tracking ? [...awaiting.keys()].filter((k) => !replyCount.has(k)).length : 0;
  const duplicated = [...replyCount.values()].filter((n) => n > 1).length;
  const elapsed = (Date.now() - t0) / 1000;
  const mb = (n: number | null | undefined) => (n == null ? 'n/a' : `${(n / 1048576).toFixed(1)} MB`);
  const quartiles = (key: 'rss' | 'heapUsed') => {
    const xs = samples.map((s) => s[key]).filter((v): v is number => v !== null);
    if (xs.length < 4) return null;
    const q = Math.max(1, Math.floor(xs.length / 4));
    const avg = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    const first = avg(xs.slice(0, q));
    const last = avg(xs.slice(-q));
    return `${mb(first)} → ${mb(last)} (${last >= first ? '+' : ''}${(((last - first) / first) * 100).toFixed(1)}%)`;
  };
  const errors = stats.errors + missing + duplicated + serverErrors.length;
  console.log([
    `requests   ${stats.requests} in ${elapsed.toFixed(0)} s (${(stats.requests / (minutes * 60)).toFixed(1)}/s offered${dropped ? `, ${dropped} not sent: ${concurrency} already in flight` : ''}): genuine ${stats.genuine}, forged ${stats.forged}, platform retries ${stats.replays}`,
    `           ${[...stats.byKind].map(([k, n]) => `${k} ${n}`).join(', ')}; ${codes.length} hazards reported, ${codes.filter((c) => c.state === 'closed').length} closed`,
    `errors     ${errors} (genuine not 200: ${stats.genuineNon200}, forged accepted: ${stats.forgedAccepted}, transport: ${stats.transport}, replies missing: ${missing}, replies sent twice: ${duplicated}, server error log lines: ${serverErrors.length})`,
    `ack        p50 ${pct(ackMs, 0.5).toFixed(1)} ms, p99 ${pct(ackMs, 0.99).toFixed(1)} ms, max ${pct(ackMs, 1).toFixed(1)} ms`,
    tracking
      ? `reply      p50 ${pct(replyMs, 0.5).toFixed(0)} ms, p99 ${pct(replyMs, 0.99).toFixed(0)} ms (request sent → reply at the platform)`
      : 'reply      n/a (the server does not push to this run\'s fake platform)',
    `memory     ${samples.length} samples every ${sampleMs / 1000} s, first vs last quartile: RSS ${quartiles('rss') ?? 'n/a (give --pid)'}; heap after GC (HTTP thread) ${quartiles('heapUsed') ?? 'n/a (only for a server started here)'}`,
    ...serverErrors.slice(0, 5).map((l) => `  server: ${l}`),
  ].join('\n'));

  agent.destroy();
  if (child) {
    const gone = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 15_000))]);
  }
  await fake.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  process.exit(errors ? 1 : 0);

  /** Schools under 丰泽区教育局 with a DingTalk and a WeCom group each, and their people. Idempotent per run prefix. */
  async function seed(dbUrl: string, n: number): Promise<{ dtChats: string[]; wcChats: string[] }> {
    const ds = await openDataSource(dbUrl);
    const run = Date.now().toString(36);
    const now = Date.now();
    const dtChats: string[] = [];
    const wcChats: string[] = [];
    try {
      for (let s = 0; s < n; s++) {
        const name = `压测${run}第${s + 1}中学`;
        const id = await rooms(ds).addSchool(name, '丰泽区教育局', { now });
        for (const [platform, chat] of [['dingtalk', `cid-soak-${run}-${s}`], ['wecom', `wc-soak-${run}-${s}`]] as const) {
          await rooms(ds).addGroup({ platform, chatId: chat, unitId: id, name: `${name}群`, createdAt: now });
        }
        dtChats.push(`cid-soak-${run}-${s}`);
        wcChats.push(`wc-soak-${run}-${s}`);
        const people: ['dingtalk' | 'wecom', string, 'safety_officer' | 'principal' | 'teacher'][] = [['dingtalk', `soak-so-${s}`, 'safety_officer'], ['dingtalk', `soak-pr-${s}`, 'principal'], ['wecom', `soak-w-${s}`, 'teacher']];
        for (let k = 1; k <= 3; k++) people.push(['dingtalk', `soak-t-${s}-${k}`, 'teacher']);
        for (const [platform, user, role] of people) {
          await rooms(ds).replaceMember({ platform, userId: user, name: user, role, unitId: id, createdAt: now, updatedAt: now });
        }
      }
    } finally {
      await ds.destroy();
    }
    return { dtChats, wcChats };
  }
}
