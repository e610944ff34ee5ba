// Issue 13: the callbacks prove more than a timestamp. DingTalk's sign covers only the timestamp, so the body is
// bound to the header pair in the database; the robot and organisation named in the body must be ours; WeCom
// timestamps far from now are replays; what can be checked is checked before a large body is read; stalled
// uploads are cut off.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encrypt, getSignature } from '@wecom/crypto';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv, CREDS, dingtalkRequest, uid } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';

const targets = await dbTargets();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(targets)('callback proofs on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  const stored = async () => Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM inbound_message`))[0].n);
  const post = (u: string, init: RequestInit) => fetch(u, init).then((r) => r.status);

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, { ...botEnv(fake.url), DINGTALK_CORP_ID: 'dingcorp-ours' });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  /** A genuine callback with chatbotCorpId set, as our organisation's robot receives it. */
  function genuine(p: Parameters<typeof dingtalkRequest>[2]) {
    const req = dingtalkRequest(t.base, fake.url, p);
    const body = { ...JSON.parse(String(req.init.body)), chatbotCorpId: 'dingcorp-ours', senderCorpId: 'dingcorp-ours' };
    return { ...req, body, init: { ...req.init, body: JSON.stringify(body) } };
  }
  const withBody = (req: ReturnType<typeof genuine>, change: Record<string, unknown>) => ({ ...req.init, body: JSON.stringify({ ...req.body, ...change }) });

  it('a captured (timestamp, sign) pair is no pass for another body or sender; the same body again is a no-op', async () => {
    const real = genuine({ userId: 'li', chatId: 'cid-proof', text: '/我是谁' });
    expect(await post(real.url, real.init)).toBe(200);
    const before = await stored();
    await sleep(1100); // later than DingTalk's own same-millisecond sends could arrive
    const forged = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(real.url, withBody(real, { msgId: uid('forged'), senderStaffId: `boss${i}`, conversationId: `cid-other-${i}`, text: { content: ' /导出 台账' } }))),
    );
    expect(forged).toEqual(Array(20).fill(403));
    // the same forged body again is still refused (it was not remembered as seen)
    expect(await post(real.url, withBody(real, { msgId: 'forged-again', senderStaffId: 'boss0' }))).toBe(403);
    expect(await post(real.url, withBody(real, { msgId: 'forged-again', senderStaffId: 'boss0' }))).toBe(403);
    // a genuine redelivery (same headers, same body) is accepted and changes nothing
    expect(await post(real.url, real.init)).toBe(200);
    expect(await stored()).toBe(before);
  });

  it('two different messages DingTalk signed in the same millisecond are both accepted', async () => {
    const ts = Date.now() + 7;
    const a = genuine({ userId: 'li', chatId: 'cid-same-ms-a', text: '/帮助', timestamp: ts });
    const b = genuine({ userId: 'wang', chatId: 'cid-same-ms-b', text: '/帮助', timestamp: ts });
    const bOnA = { ...a.init, body: b.init.body }; // b's body under a's header pair: what DingTalk sends for a collision
    expect((a.init.headers as any).sign).toBeTruthy();
    const before = await stored();
    expect(await Promise.all([post(a.url, a.init), post(a.url, bOnA)])).toEqual([200, 200]);
    expect(await stored()).toBe(before + 2);
  });

  it('a foreign robotCode or chatbotCorpId is refused before anything is stored', async () => {
    const before = await stored();
    const r1 = genuine({ userId: 'li', chatId: 'cid-robot', text: '/帮助' });
    expect(await post(r1.url, withBody(r1, { robotCode: 'ding-someone-else' }))).toBe(403);
    const r2 = genuine({ userId: 'li', chatId: 'cid-robot', text: '/帮助' });
    expect(await post(r2.url, withBody(r2, { robotCode: undefined }))).toBe(403);
    const r3 = genuine({ userId: 'li', chatId: 'cid-robot', text: '/帮助' });
    expect(await post(r3.url, withBody(r3, { chatbotCorpId: 'dingcorp-theirs' }))).toBe(403);
    expect(await stored()).toBe(before);
    const ok = genuine({ userId: 'li', chatId: 'cid-robot', text: '/帮助' });
    expect(await post(ok.url, ok.init)).toBe(200);
    expect(await stored()).toBe(before + 1);
  });

  it('a WeCom callback signed correctly but 30 days old is refused (403), and so is one from the future', async () => {
    const before = await stored();
    for (const offset of [-30 * 86400, -3600, +3600]) {
      const enc = encrypt(CREDS.wecomBot.aesKey, JSON.stringify({ msgid: uid('wc'), chatid: 'wc-old', chattype: 'group', from: { userid: 'li' }, msgtype: 'text', text: { content: '/帮助' } }), '');
      const ts = String(Math.floor(Date.now() / 1000) + offset);
      const sig = getSignature(CREDS.wecomBot.token, ts, '1', enc);
      expect(await post(`${t.base}/webhooks/wecom?msg_signature=${sig}&timestamp=${ts}&nonce=1`, { method: 'POST', body: JSON.stringify({ encrypt: enc }) })).toBe(403);
    }
    expect(await stored()).toBe(before);
  });

  /** Sends only the request head (and `partial` bytes of body) and reports what the server does. */
  function stall(path: string, headers: Record<string, string>, partial: string): Promise<{ status?: number; closedAfterMs: number }> {
    const started = Date.now();
    const u = new URL(t.base);
    return new Promise((resolve) => {
      const req = request({ host: u.hostname, port: u.port, path, method: 'POST', headers }, (res) => {
        res.resume();
        resolve({ status: res.statusCode, closedAfterMs: Date.now() - started });
      });
      req.on('error', () => resolve({ closedAfterMs: Date.now() - started }));
      req.write(partial);
      // never end()
    });
  }

  it('a stale WeCom request announcing a large body is refused before the body is read', async () => {
    const ts = String(Math.floor(Date.now() / 1000) - 86400);
    const res = await stall(`/webhooks/wecom?msg_signature=abc&timestamp=${ts}&nonce=1`, { 'content-type': 'application/json', 'content-length': String(200 * 1024) }, '{"encrypt":"');
    expect(res.status).toBe(403);
    expect(res.closedAfterMs).toBeLessThan(3000);
    const big = await stall(`/webhooks/wecom?msg_signature=abc&timestamp=${Math.floor(Date.now() / 1000)}&nonce=1`, { 'content-length': String(2 * 1024 * 1024) }, '{');
    expect(big.status).toBe(413);
  });

  it('a stalled upload is cut off after the body timeout', async () => {
    if (target.name !== 'sqlite') return; // HTTP only: one database is enough, and it takes 10 s
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await stall(`/webhooks/wecom?msg_signature=abc&timestamp=${ts}&nonce=1`, { 'content-type': 'application/json', 'content-length': '5000' }, '{"encrypt":"AAAA');
    expect(res.status).toBeUndefined(); // connection dropped, nothing answered
    expect(res.closedAfterMs).toBeGreaterThanOrEqual(9_000);
    expect(res.closedAfterMs).toBeLessThan(20_000);
  }, 30_000);
});
