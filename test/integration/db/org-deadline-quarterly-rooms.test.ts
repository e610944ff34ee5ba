import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../../src/db/data-source';
import { deadlines } from '../../../src/db/repositories/deadline.repository';
import { groups } from '../../../src/db/repositories/group.repository';
import { org } from '../../../src/db/repositories/org.repository';
import { quarterly } from '../../../src/db/repositories/quarterly.repository';
import { dbTargets } from '../../helpers/db';

/** The exactly-once writes of the org, group, deadline and quarterly rooms, on both engines: of two racers one wins. */
const targets = await dbTargets();

describe.each(targets)('org, group, deadline and quarterly rooms ($name)', (target) => {
  let url: string;
  let ds: DataSource;
  let school: number;
  let other: number;
  beforeAll(async () => {
    url = await target.create();
    ds = await openDataSource(url);
    const city = (await org(ds).city())!;
    school = await org(ds).addUnit({ name: '房间测试小学', kind: 'school', parentId: city.id, settings: null, createdAt: 1 });
    other = await org(ds).addUnit({ name: '房间测试中学', kind: 'school', parentId: city.id, settings: null, createdAt: 1 });
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    await target.drop(url);
  });

  it('units and members: keyed member insert, updates read back as entities', async () => {
    expect((await org(ds).unitByName('房间测试小学'))?.id).toBe(school);
    const m = { platform: 'wecom' as const, userId: 'room-a', name: '甲', role: 'teacher' as const, unitId: school, mobile: null, createdAt: 5, updatedAt: 5 };
    const claims = await Promise.all([org(ds).claimMember(m), org(ds).claimMember(m)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const got = (await org(ds).member('wecom', 'room-a'))!;
    await org(ds).updateMember(got.id, { grid: JSON.stringify(['三年级']), role: 'safety_officer' }, 9);
    expect(await org(ds).member('wecom', 'room-a')).toMatchObject({ grid: '["三年级"]', role: 'safety_officer', updatedAt: 9, createdAt: 5 });
    expect((await org(ds).gridMembersOfUnit(school)).map((x) => x.userId)).toEqual(['room-a']);
    expect((await org(ds).admins()).map((x) => x.userId)).toContain('room-a');
  });

  it('join codes: one claim wins; used or expired codes never claim', async () => {
    await org(ds).addJoinCode({ unitId: school, codeHash: 'h1', issuedBy: 'x', issuedAt: 10, expiresAt: 1000, usedAt: null, usedBy: null });
    const wins = await Promise.all([org(ds).claimJoinCode(school, 'h1', 'a', 20), org(ds).claimJoinCode(school, 'h1', 'b', 20)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    await org(ds).addJoinCode({ unitId: school, codeHash: 'h2', issuedBy: 'x', issuedAt: 10, expiresAt: 1000, usedAt: null, usedBy: null });
    expect(await org(ds).claimJoinCode(other, 'h2', 'a', 20)).toBe(false);
    expect(await org(ds).claimJoinCode(school, 'h2', 'a', 1000)).toBe(false);
    expect(await org(ds).claimJoinCode(school, 'h2', 'a', 999)).toBe(true);
  });

  it('groups: one row per chat; bind only an unbound group, move only from the unit checked', async () => {
    const [g1, g2] = await Promise.all([groups(ds).ensure('wecom', 'room-chat', null, 1), groups(ds).ensure('wecom', 'room-chat', '群', 1)]);
    expect(g1.id).toBe(g2.id);
    expect(g1.digest).toBe(false);
    expect(await groups(ds).bind(g1.id, school, '房间测试小学')).toBe(true);
    expect(await groups(ds).bind(g1.id, other, '房间测试中学')).toBe(false);
    // Which of the two racing inserts won decides the stored name: bind keeps a name the group has, else sets its own.
    const bound = (await groups(ds).byId(g1.id))!;
    expect(bound.unitId).toBe(school);
    expect(bound.name).toBe(g1.name ?? '房间测试小学');
    expect(await groups(ds).move(g1.id, other, school)).toBe(false);
    expect(await groups(ds).move(g1.id, school, other)).toBe(true);
    expect((await groups(ds).ofUnit(other)).map((g) => g.id)).toEqual([g1.id]);
    const named = await groups(ds).ensure('wecom', 'room-chat-named', '老师群', 1);
    expect(await groups(ds).bind(named.id, school, '房间测试小学')).toBe(true);
    expect(await groups(ds).byId(named.id)).toMatchObject({ unitId: school, name: '老师群' });
    const unnamed = await groups(ds).ensure('wecom', 'room-chat-unnamed', null, 1);
    expect(await groups(ds).bind(unnamed.id, school, '房间测试小学')).toBe(true);
    expect(await groups(ds).byId(unnamed.id)).toMatchObject({ unitId: school, name: '房间测试小学' });
    await groups(ds).setPush(g1.id, 'wecom_webhook', 'k'.repeat(20), null);
    expect(await groups(ds).byId(g1.id)).toMatchObject({ pushKind: 'wecom_webhook', pushTarget: 'k'.repeat(20), pushSecret: null });
  });

  it('filings: one claim per occurrence; undo and refile change once each', async () => {
    const f = { unitId: school, deadlineKey: 'q1', occurrence: '2025-04-01', filedBy: 'a', filedAt: 1, undoneAt: null, undoneBy: null };
    expect((await Promise.all([deadlines(ds).claimFiling(f), deadlines(ds).claimFiling(f)])).filter(Boolean)).toHaveLength(1);
    expect(await deadlines(ds).refile(school, 'q1', '2025-04-01', 'b', 2)).toBe(false);
    expect(await deadlines(ds).undo(school, 'q1', '2025-04-01', 'b', 3)).toBe(true);
    expect(await deadlines(ds).undo(school, 'q1', '2025-04-01', 'b', 3)).toBe(false);
    expect(await deadlines(ds).standing(school, 'q1', '2025-04-01')).toBeNull();
    expect(await deadlines(ds).refile(school, 'q1', '2025-04-01', 'c', 4)).toBe(true);
    expect(await deadlines(ds).standing(school, 'q1', '2025-04-01')).toMatchObject({ filedBy: 'c', filedAt: 4, undoneAt: null, undoneBy: null });
    expect(await deadlines(ds).standingUnitIds('q1', '2025-04-01')).toEqual([school]);
    expect((await deadlines(ds).standingOfUnits([school, other])).map((x) => x.deadlineKey)).toEqual(['q1']);
  });

  it('quarterly: one submission per unit and quarter; writes to a draft only; a lock on the validated version only', async () => {
    const [a, b] = await Promise.all([quarterly(ds).ensureSubmission(school, '2025Q1', 1), quarterly(ds).ensureSubmission(school, '2025Q1', 1)]);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ status: 'draft', version: 0, submittedAt: null });
    expect(await quarterly(ds).bumpDraft(a.id, 2)).toBe(true);
    await quarterly(ds).insertValue({ submissionId: a.id, cell: 'f3.x', valueCents: 150, updatedBy: 'a', updatedAt: 2 });
    await quarterly(ds).updateValue(a.id, 'f3.x', { valueCents: 250, updatedBy: 'b', updatedAt: 3 });
    await quarterly(ds).addHistory({ submissionId: a.id, cell: 'f3.x', oldCents: 150, newCents: 250, actor: 'b', actorName: '乙', source: 'chat', sourceMsg: null, at: 3 });
    expect((await quarterly(ds).valuesOf([a.id])).map((v) => [v.cell, v.valueCents, v.updatedBy])).toEqual([['f3.x', 250, 'b']]);
    expect(await quarterly(ds).lock(a.id, 0, 'a', '甲', 4)).toBe(false); // stale version
    const wins = await Promise.all([quarterly(ds).lock(a.id, 1, 'a', '甲', 4), quarterly(ds).lock(a.id, 1, 'b', '乙', 4)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await quarterly(ds).bumpDraft(a.id, 5)).toBe(false);
    expect(await quarterly(ds).submission(school, '2025Q1')).toMatchObject({ status: 'submitted', version: 2, submittedAt: 4 });
    expect(await quarterly(ds).unlock(a.id, 'a', '甲', 6)).toBe(true);
    expect(await quarterly(ds).unlock(a.id, 'a', '甲', 6)).toBe(false);
    expect((await quarterly(ds).submissionsOf([school, other], '2025Q1')).map((s) => [s.unitId, s.status, s.version, s.withdrawnAt])).toEqual([[school, 'draft', 3, 6]]);
  });
});
