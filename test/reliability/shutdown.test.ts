// Issue 9: SIGTERM to a running `npx tsx src/main.ts`: stop accepting, finish the requests and the work in
// flight, flush the replies that are due, release the database, exit 0. What was received but not yet processed
// stays in the database and is processed after the restart, once.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { botEnv, uid } from '../helpers/platform-sim';
import { startBot, waitUntil } from '../helpers/bot';
import { RawClient, pool } from './helpers/http';
import { spawnMain } from './helpers/processes';
import { dingtalkReport, signedDingtalkHeaders, useChildWorld } from './helpers/world';

const targets = await dbTargets();

describe.each(targets)('graceful shutdown on SIGTERM on $name', (target) => {
  const world = useChildWorld(target, { prefix: `term${target.name}`, schools: 4, teachersPerSchool: 2, replyDelayMs: 150 });
  const report = dingtalkReport;
  const signed = signedDingtalkHeaders;

  it('stops accepting, finishes what is in flight, flushes due replies, exits 0; the rest is done once after a restart', async () => {
    const { url, fake, ds, chatIds } = world;
    const env = { DATABASE_URL: url, ...botEnv(fake.url) };
    const bot = await spawnMain(env);
    const reports = Array.from({ length: 120 }, (_, i) => report(fake.url, chatIds[i % 4], `term${target.name}-t-${(i % 4) + 1}-${(i % 2) + 1}`, `/隐患 ${i + 1}号楼梯扶手松动`));
    const client = new RawClient(bot.base, 8);
    const acked = await pool(reports, 8, (r) => client.send({ method: 'POST', path: '/webhooks/dingtalk', headers: signed(), body: r.body }).then((x) => x.status));
    client.close();
    expect(acked.every((s) => s === 200)).toBe(true);

    // One more request is half-sent when SIGTERM arrives: the server must finish it, not drop it.
    const slow = report(fake.url, chatIds[0], `term${target.name}-t-1-1`, '/隐患 校门口减速带断裂');
    const bytes = Buffer.from(slow.body);
    const u = new URL(bot.base);
    const slowRes = new Promise<number>((resolve) => {
      const req = request({ host: u.hostname, port: u.port, method: 'POST', path: '/webhooks/dingtalk', headers: { ...signed(), 'content-length': String(bytes.length) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(-1));
      req.write(bytes.subarray(0, 100));
      setTimeout(() => req.end(bytes.subarray(100)), 700);
    });
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    bot.term();
    await new Promise((r) => setTimeout(r, 200));
    const refused = await fetch(`${bot.base}/healthz`).then((r) => `status ${r.status}`, (e) => String(e?.cause?.code ?? e?.message));
    const code = await bot.exited;
    const exitMs = performance.now() - t0;
    expect(await slowRes).toBe(200);
    expect(code).toBe(0);
    expect(refused).toBe('ECONNREFUSED');
    expect(bot.lines.some((l) => l.includes('shutting down'))).toBe(true);

    const inbound = await ds.query(`SELECT status, COUNT(*) AS n FROM inbound_message GROUP BY status`);
    const outbox = await ds.query(`SELECT status, COUNT(*) AS n FROM outbox_message GROUP BY status`);
    const dueReplies = Number((await ds.query(`SELECT COUNT(*) AS n FROM outbox_message o JOIN inbound_message i ON o.dedupe_key LIKE CONCAT('reply:', i.id, ':%') WHERE i.status = 'done' AND o.status = 'pending'`.replace("CONCAT('reply:', i.id, ':%')", target.name === 'sqlite' ? "'reply:' || i.id || ':%'" : "CONCAT('reply:', i.id, ':%')")))[0].n);
    console.log(
      `[SIGTERM ${target.name}] exit ${code} after ${exitMs.toFixed(0)} ms; inbound ${inbound.map((r: any) => `${r.status}:${r.n}`).join(' ')}; outbox ${outbox.map((r: any) => `${r.status}:${r.n}`).join(' ')}; ` +
        `replies to processed messages left unsent: ${dueReplies}`,
    );
    // Nothing half-done: no claim is left behind, and every processed message's reply went out.
    expect(inbound.filter((r: any) => r.status === 'processing')).toEqual([]);
    expect(outbox.filter((r: any) => r.status === 'sending')).toEqual([]);
    expect(dueReplies).toBe(0);
    expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM inbound_message WHERE msg_id = ?`, [slow.msgId]))[0].n)).toBe(1);

    // After a restart the rest is processed, each message once, each answered once.
    const again = await spawnMain(env);
    const all = [...reports, slow];
    await waitUntil(async () => Number((await ds.query(`SELECT COUNT(*) AS n FROM hazard`))[0].n) === all.length && Number((await ds.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE status IN ('pending','sending')`))[0].n) === 0, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    for (const r of all) expect(fake.find('/robot/sendBySession').filter((q) => q.query.get('session') === r.session)).toHaveLength(1);
    again.term();
    expect(await again.exited).toBe(0);
  }, 90_000);

  it('close() sends the replies that are due before releasing the database (in-process)', async () => {
    const { url, fake, ds, chatIds } = world;
    const t = await startBot(url, botEnv(fake.url), { background: false });
    const [{ id: groupId }] = await t.bot.ds.query(`SELECT id FROM chat_group WHERE chat_id = ?`, [chatIds[0]]);
    const sessions = Array.from({ length: 5 }, () => uid('flush'));
    for (const [i, session] of sessions.entries()) {
      await t.bot.services.outbox.enqueue(t.bot.ds, {
        dedupeKey: `reply:flush-${session}:0`, kind: 'reply', urgent: true, body: { markdown: `收到 ${i}` },
        route: { kind: 'dingtalk_session', url: `${fake.url}/robot/sendBySession?session=${session}`, expiresAt: Date.now() + 3600_000, groupId: Number(groupId) },
      });
    }
    await t.close();
    for (const s of sessions) expect(fake.find('/robot/sendBySession').filter((q) => q.query.get('session') === s)).toHaveLength(1);
    expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE dedupe_key LIKE 'reply:flush-%' AND status = 'sent'`))[0].n)).toBe(5);
  });
});
