// Issue 9: kill -9 in the middle of a burst of reports. The bot runs as `npx tsx src/main.ts` on a file SQLite
// database (and MariaDB); after a restart the platform re-sends whatever did not get a 200. Every report must be
// stored once and answered once — except a reply the platform accepted in the instant before the kill, which the
// bot had no chance to record (the documented window), and which may therefore be sent a second time.
import { describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { botEnv } from '../helpers/platform-sim';
import { waitUntil } from '../helpers/bot';
import { RawClient, pool } from './helpers/http';
import { alive, spawnMain } from './helpers/processes';
import { dingtalkReport, signedDingtalkHeaders, useChildWorld } from './helpers/world';

const targets = await dbTargets();
const BURST = 150;

describe.each(targets)('kill -9 during a burst of reports on $name', (target) => {
  const world = useChildWorld(target, { prefix: `crash${target.name}`, schools: 3, teachersPerSchool: 4, replyDelayMs: 40 });

  it('stores every report once and answers each once after a restart and the platform\'s retries', async () => {
    const { url, fake, ds, chatIds } = world;
    const env = { DATABASE_URL: url, ...botEnv(fake.url) };
    const reports = Array.from({ length: BURST }, (_, i) => {
      const school = i % 3;
      const teacher = (i % 4) + 1;
      return dingtalkReport(fake.url, chatIds[school], `crash${target.name}-t-${school + 1}-${teacher}`, `/隐患 ${i + 1}号教室的插座面板松脱，电线外露`, `老师${school + 1}-${teacher}`);
    });
    const send = (client: RawClient, r: (typeof reports)[number]) =>
      client.send({ method: 'POST', path: '/webhooks/dingtalk', headers: signedDingtalkHeaders(), body: r.body }, 10_000);

    const first = await spawnMain(env);
    const c1 = new RawClient(first.base, 6);
    let answered = 0;
    let killedAt = -1;
    const statuses = await pool(reports, 6, async (r) => {
      const res = await send(c1, r);
      if (res.status === 200 && ++answered === Math.floor(BURST * 0.4) && killedAt < 0) {
        killedAt = answered;
        first.kill9();
      }
      return res.status;
    });
    c1.close();
    await first.exited;
    await waitUntil(() => !alive(first.serverPid), 5_000);
    const ok = statuses.filter((s) => s === 200).length;
    expect(killedAt).toBeGreaterThan(0);
    expect(ok).toBeLessThan(BURST);

    // What the dead process left behind.
    const left: any[] = await ds.query(`SELECT status, COUNT(*) AS n FROM inbound_message GROUP BY status`);
    const sending: any[] = await ds.query(`SELECT route FROM outbox_message WHERE status = 'sending'`);
    const windowSessions = new Set(
      sending.map((r) => new URL(JSON.parse(r.route).url).searchParams.get('session')!).filter((s) => fake.requests.some((q) => q.query.get('session') === s)),
    );
    const repliesBeforeKill = fake.find('/robot/sendBySession').length;
    // The claims of a dead process are taken over after the lease (inbound 120 s, outbox 60 s); age them rather than wait.
    await ds.query(`UPDATE inbound_message SET claimed_at = claimed_at - 600000 WHERE status = 'processing'`);
    await ds.query(`UPDATE outbox_message SET claimed_at = claimed_at - 600000 WHERE status = 'sending'`);

    const second = await spawnMain(env);
    const c2 = new RawClient(second.base, 6);
    // The platform re-sends every message that did not get a 200 (some were stored before the kill: duplicates).
    const retried = reports.filter((_, i) => statuses[i] !== 200);
    const retryStatuses = await pool(retried, 6, (r) => send(c2, r).then((res) => res.status));
    c2.close();
    expect(retryStatuses.every((s) => s === 200)).toBe(true);

    await waitUntil(async () => {
      const [r] = await ds.query(
        `SELECT (SELECT COUNT(*) FROM inbound_message WHERE status <> 'done') AS a, (SELECT COUNT(*) FROM outbox_message WHERE status IN ('pending', 'sending')) AS b, (SELECT COUNT(*) FROM inbound_message) AS c`,
      );
      return Number(r.a) === 0 && Number(r.b) === 0 && Number(r.c) === BURST;
    }, 40_000);
    await new Promise((r) => setTimeout(r, 300));

    const perMsg: any[] = await ds.query(`SELECT msg_id, COUNT(*) AS n FROM inbound_message GROUP BY msg_id`);
    expect(perMsg).toHaveLength(BURST);
    expect(perMsg.every((r) => Number(r.n) === 1)).toBe(true);
    const hazards: any[] = await ds.query(`SELECT source_msg, COUNT(*) AS n FROM hazard GROUP BY source_msg`);
    const lost = reports.filter((r) => !hazards.some((h) => h.source_msg === `dingtalk:${r.msgId}`));
    if (lost.length) console.log(second.lines.filter((l) => /"level":(40|50)/.test(l)).join('\n'));
    for (const r of lost) {
      const [row] = await ds.query(`SELECT id, status, attempts FROM inbound_message WHERE msg_id = ?`, [r.msgId]);
      console.log(`[kill -9 ${target.name}] no hazard for ${r.msgId} (${JSON.stringify(row)}, acked first time: ${statuses[reports.indexOf(r)] === 200}): replies ${JSON.stringify(fake.find('/robot/sendBySession').filter((q) => q.query.get('session') === r.session).map((q) => q.body))}`);
    }
    expect(hazards.map((h) => h.source_msg).sort()).toEqual(reports.map((r) => `dingtalk:${r.msgId}`).sort());
    expect(hazards.every((h) => Number(h.n) === 1)).toBe(true);
    expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM hazard_event WHERE action = 'report'`))[0].n)).toBe(BURST);

    const replies = new Map<string, number>();
    for (const q of fake.find('/robot/sendBySession')) replies.set(q.query.get('session')!, (replies.get(q.query.get('session')!) ?? 0) + 1);
    const missing = reports.filter((r) => !replies.get(r.session));
    const twice = reports.filter((r) => (replies.get(r.session) ?? 0) > 1);
    console.log(
      `[kill -9 ${target.name}] killed after ${killedAt} acks; ${BURST - ok} not acked and re-sent; inbound left ${left.map((l) => `${l.status}:${l.n}`).join(' ')}; ` +
        `${repliesBeforeKill} replies before the kill, ${sending.length} in flight (${windowSessions.size} already accepted by the platform); ${twice.length} sent twice`,
    );
    expect(missing).toEqual([]);
    expect(twice.filter((r) => !windowSessions.has(r.session))).toEqual([]);
    expect(twice.length).toBeLessThanOrEqual(windowSessions.size);
    expect(reports.every((r) => (replies.get(r.session) ?? 0) <= 2)).toBe(true);

    second.term();
    expect(await second.exited).toBe(0);
  }, 120_000);
});
