import { describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { inbound } from '../../../src/db/repositories/inbound.repository';
import { leases } from '../../../src/db/repositories/lease.repository';
import { outbox, type NewOutboxRow } from '../../../src/db/repositories/outbox.repository';
import { proofs } from '../../../src/db/repositories/proof.repository';
import { robotRates } from '../../../src/db/repositories/rate.repository';
import { settings } from '../../../src/db/repositories/settings.repository';
import { dbTargets, withMigratedDb } from '../../helpers/db';

/**
 * The edge rooms' exactly-once claims, on each database: insert-ignore claims report whether this call made the
 * row, guarded UPDATEs report whether this caller won, and the statements built once per database (the ack's
 * insert, the sender's settlements, the rate window) run with fresh values every time. Both targets share one
 * process here, so a statement built for one dialect must never be run on the other.
 */
const targets = await dbTargets();

const row = (key: string, extra: Partial<NewOutboxRow> = {}): NewOutboxRow => ({
  dedupeKey: key, kind: 'reply', groupId: null, route: '{"kind":"group","groupId":1}', body: '{"markdown":"x"}', robotKey: null, urgent: false, afterKey: null, notBefore: 0, createdAt: 0, ...extra,
});

describe.each(targets)('edge rooms ($name)', (target) => {
  let ds: DataSource;
  withMigratedDb(target, (opened) => {
    ds = opened;
  });

  it('inbound: the ack insert records a message once; claims go to one token; settling needs the token', async () => {
    const msg = { platform: 'wecom', msgId: 'm-1', chatId: 'c', senderId: 's', payload: '{"text":"一"}', receivedAt: 1_700_000_000_123 };
    expect(await inbound(ds).record(msg)).toBe(true);
    expect(await inbound(ds).record({ ...msg, payload: '{"text":"二"}' })).toBe(false);
    expect(await inbound(ds).record({ ...msg, msgId: 'm-2', receivedAt: 1_700_000_000_456 })).toBe(true);
    const [a, b] = await Promise.all([inbound(ds).claim('tok-a', 10, 1), inbound(ds).claim('tok-b', 10, 32)]);
    expect(a + b).toBe(2);
    const mine = [...(await inbound(ds).claimed('tok-a')), ...(await inbound(ds).claimed('tok-b'))].sort((x, y) => x.id - y.id);
    // The redelivery with another payload changed nothing.
    expect(mine.map((r) => [r.payload, r.attempts, r.chatId, r.senderId])).toEqual([['{"text":"一"}', 1, 'c', 's'], ['{"text":"一"}', 1, 'c', 's']]);
    const first = (await inbound(ds).claimed(a === 1 ? 'tok-a' : 'tok-b'))[0];
    expect(await inbound(ds).markDone(first.id, 'someone-else', 20)).toBe(0);
    expect(await inbound(ds).markDone(first.id, a === 1 ? 'tok-a' : 'tok-b', 20)).toBe(1);
    expect(await inbound(ds).backlog()).toBe(1);
    expect(await inbound(ds).releaseAbandoned(11)).toBe(1);
    expect(await inbound(ds).claim('tok-c', 30, 32)).toBe(1);
    expect((await inbound(ds).claimed('tok-c'))[0].attempts).toBe(2);
  });

  it('outbox: concurrent claims split the due rows; a picture waits for its text; settlements need the token', async () => {
    for (let i = 0; i < 6; i++) expect(await outbox(ds).enqueue(row(`k${i}`, { urgent: i === 5 }))).toBe(true);
    expect(await outbox(ds).enqueue(row('k0'))).toBe(false);
    expect(await outbox(ds).enqueue(row('k0#img0', { afterKey: 'k0' }))).toBe(true);
    expect(await outbox(ds).enqueue(row('later', { notBefore: 1_000 }))).toBe(true);
    // Urgent first.
    expect(await outbox(ds).claimDue('first', 100, 1)).toBe(1);
    expect((await outbox(ds).claimed('first')).map((r) => r.dedupeKey)).toEqual(['k5']);
    const [x, y] = await Promise.all([outbox(ds).claimDue('x', 100, 2), outbox(ds).claimDue('y', 100, 50)]);
    // Five more due texts, each to one claimer; the picture waits (its text is being sent); `later` is not due.
    expect(x + y).toBe(5);
    const all = [...(await outbox(ds).claimed('first')), ...(await outbox(ds).claimed('x')), ...(await outbox(ds).claimed('y'))];
    expect(all.map((r) => r.dedupeKey).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5']);
    expect(all.every((r) => r.attempts === 1 && r.status === 'sending' && r.claimedAt === 100 && r.urgent === (r.dedupeKey === 'k5'))).toBe(true);
    const k0 = all.find((r) => r.dedupeKey === 'k0')!;
    const owner = k0.claimedBy!;
    expect(await outbox(ds).markSent(k0.id, 'not-the-owner', 200)).toBe(0);
    expect(await outbox(ds).markSent(k0.id, owner, 200)).toBe(1);
    expect(await outbox(ds).claimDue('z', 300, 50)).toBe(1);
    expect((await outbox(ds).claimed('z')).map((r) => r.dedupeKey)).toEqual(['k0#img0']);
    const k1 = all.find((r) => r.dedupeKey === 'k1')!;
    expect(await outbox(ds).handBack(k1.id, k1.claimedBy!, { notBefore: 400, refund: true })).toBe(1);
    expect(await outbox(ds).handBack(k1.id, k1.claimedBy!, { notBefore: 400, refund: true })).toBe(0);
    expect(await outbox(ds).claimDue('w', 400, 50)).toBe(1);
    const [again] = await outbox(ds).claimed('w');
    expect([again.dedupeKey, again.attempts, again.notBefore]).toEqual(['k1', 1, 400]);
    expect(await outbox(ds).handBack(again.id, 'w', { notBefore: 500, lastError: 'NOT_CONNECTED: down', route: '{"kind":"group","groupId":2}' })).toBe(1);
    expect(await outbox(ds).wakeNotConnected(450)).toBe(1);
    expect(await outbox(ds).claimDue('v', 450, 50)).toBe(1);
    const [rerouted] = await outbox(ds).claimed('v');
    expect([rerouted.route, rerouted.attempts, rerouted.lastError]).toEqual(['{"kind":"group","groupId":2}', 2, 'NOT_CONNECTED: down']);
    expect(await outbox(ds).markSent(rerouted.id, 'v', 460)).toBe(1);
    expect(await outbox(ds).claimed('v')).toEqual([]);
    // Left: k2–k5 being sent, k0#img0 being sent, `later` pending.
    expect(await outbox(ds).backlog()).toBe(6);
  });

  it('rate window: of two writers that read the same version, one takes the slot', async () => {
    const rates = robotRates(ds);
    await rates.ensure('robot');
    await rates.ensure('robot');
    const r = (await rates.find('robot'))!;
    expect(r).toEqual({ robotKey: 'robot', sends: '[]', version: 0, blockedUntil: null });
    const wins = await Promise.all([rates.compareAndSet('robot', r.version, '[1]'), rates.compareAndSet('robot', r.version, '[2]')]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    await rates.blockUntil('robot', 5_000);
    await rates.blockUntil('robot', 4_000);
    expect(await rates.find('robot')).toMatchObject({ version: 2, blockedUntil: 5_000 });
  });

  it('lease: one holder; a takeover only after expiry; renew and release only by the holder', async () => {
    expect(await leases(ds).tryAcquire('ws', 'a', 1_000, 100)).toBe(true);
    expect(await leases(ds).tryAcquire('ws', 'b', 1_050, 100)).toBe(false);
    expect(await leases(ds).renew('ws', 'b', 1_050, 100)).toBe(false);
    expect(await leases(ds).renew('ws', 'a', 1_050, 100)).toBe(true);
    expect(await leases(ds).tryAcquire('ws', 'b', 1_200, 100)).toBe(true);
    await leases(ds).release('ws', 'a');
    expect(await leases(ds).find('ws')).toEqual({ name: 'ws', holder: 'b', acquiredAt: 1_200, expiresAt: 1_300 });
    await leases(ds).release('ws', 'b');
    expect((await leases(ds).find('ws'))!.expiresAt).toBe(0);
  });

  it('callback proofs: a body is new once per pair; the pair counts its bodies from the first', async () => {
    const p = proofs(ds);
    expect(await p.remember({ platform: 'dingtalk', proof: 'pair', bodyHash: 'b1', createdAt: 10 })).toBe(true);
    expect(await p.remember({ platform: 'dingtalk', proof: 'pair', bodyHash: 'b1', createdAt: 11 })).toBe(false);
    expect(await p.remember({ platform: 'dingtalk', proof: 'pair', bodyHash: 'b2', createdAt: 12 })).toBe(true);
    expect(await p.underProof('dingtalk', 'pair')).toEqual({ bodies: 2, firstAt: 10 });
    expect(await p.underProof('dingtalk', 'other')).toEqual({ bodies: 0, firstAt: null });
    await p.forget('dingtalk', 'pair', 'b2');
    expect(await p.underProof('dingtalk', 'pair')).toEqual({ bodies: 1, firstAt: 10 });
    expect(await p.purgeBefore(11)).toBe(1);
  });

  it('settings only move forward, compared as numbers or as fixed-width text', async () => {
    const s = settings(ds);
    await s.advance('edge.n', '9', 'number');
    await s.advance('edge.n', '10', 'number');
    await s.advance('edge.n', '8', 'number');
    expect(await s.get('edge.n')).toBe('10');
    await s.advance('edge.t', '1700000000002', 'text');
    await s.advance('edge.t', '1700000000001', 'text');
    expect(await s.get('edge.t')).toBe('1700000000002');
    expect(await s.get('edge.none')).toBeNull();
  });
});
