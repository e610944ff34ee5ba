import { describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { hazards } from '../../../src/db/repositories/hazard.repository';
import { conversations } from '../../../src/db/repositories/conversation.repository';
import { media } from '../../../src/db/repositories/media.repository';
import type { Hazard } from '../../../entities/hazard.entity';
import { dbTargets, withMigratedDb } from '../../helpers/db';

/**
 * The hazard room on both drivers: reads return entities (numbers, booleans), the open list keeps its order
 * (major first, colour red → blue, deadline, id), guarded writes report what they changed, claims happen once.
 */
const targets = await dbTargets();

const T0 = 1_764_000_000_000;
let seq = 0;
const row = (over: Partial<Hazard>): Omit<Hazard, 'id'> => ({
  code: `T-${++seq}`, unitId: 1, groupId: null, reporterId: 7, reporterName: '李老师', description: '楼梯口堆放杂物', location: null, area: 'fire',
  itemCode: 'fire.exits-clear', risk: 'yellow', major: false, majorCriterion: null, majorSuspected: false, classifierSource: 'local', status: 'pending',
  deadlineAt: T0 + 86_400_000, responsibleId: null, responsibleName: null, measures: null, rectifiedById: null, rectifiedAt: null, verifiedById: null,
  verifiedAt: null, verifyNote: null, closedAt: null, rejectReason: null, sourceMsg: `src-${seq}`, emergency: null, origin: '自查', interimMeasures: null,
  version: 0, duplicateOfId: null, createdAt: T0 + seq, updatedAt: T0 + seq, ...over,
});

describe.each(targets)('hazard repository ($name)', (target) => {
  let ds: DataSource;
  withMigratedDb(target, (opened) => {
    ds = opened;
  });

  it('reads back the entity with its real types', async () => {
    const id = await hazards(ds).insert(row({ major: true, majorSuspected: true, risk: 'red' }));
    const h = (await hazards(ds).byId(id))!;
    expect(h).toMatchObject({ id, unitId: 1, major: true, majorSuspected: true, deadlineAt: T0 + 86_400_000, version: 0, groupId: null });
    expect(typeof h.createdAt).toBe('number');
  });

  it('keeps the open-list order: major first, then red → blue, then the nearest deadline, then id', async () => {
    const ids: Record<string, number> = {};
    const add = async (name: string, over: Partial<Hazard>) => (ids[name] = await hazards(ds).insert(row({ unitId: 2, ...over })));
    await add('blueSoon', { risk: 'blue', deadlineAt: T0 + 1 });
    await add('redLate', { risk: 'red', deadlineAt: T0 + 9 });
    await add('redSoon', { risk: 'red', deadlineAt: T0 + 2 });
    await add('orange', { risk: 'orange', deadlineAt: T0 + 1 });
    await add('majorYellow', { risk: 'yellow', major: true, deadlineAt: T0 + 50 });
    await add('closedRed', { risk: 'red', status: 'closed', deadlineAt: T0 });
    const { rows, total } = await hazards(ds).openList([2], { kind: 'all' }, 1, 10);
    expect(total).toBe(5);
    expect(rows.map((h) => h.id)).toEqual([ids.majorYellow, ids.redSoon, ids.redLate, ids.orange, ids.blueSoon]);
    const page2 = await hazards(ds).openList([2], { kind: 'all' }, 2, 2);
    expect(page2.rows.map((h) => h.id)).toEqual([ids.redLate, ids.orange]);
    expect((await hazards(ds).openList([2], { kind: 'risk', risk: 'red' }, 1, 10)).rows.map((h) => h.id)).toEqual([ids.redSoon, ids.redLate]);
    expect((await hazards(ds).openList([2], { kind: 'overdue', now: T0 + 5 }, 1, 10)).total).toBe(3);
  });

  it('applies a guarded update to the version read, once', async () => {
    const id = await hazards(ds).insert(row({}));
    expect(await hazards(ds).guardedUpdate(id, 0, { status: 'rectifying', responsibleName: '赵师傅' })).toBe(1);
    expect(await hazards(ds).guardedUpdate(id, 0, { status: 'rejected' })).toBe(0);
    expect(await hazards(ds).byId(id)).toMatchObject({ status: 'rectifying', responsibleName: '赵师傅', version: 1 });
  });

  it('reads at most the duplicate candidates asked for, newest first, open ones of the unit and area only', async () => {
    for (let i = 0; i < 8; i++) await hazards(ds).insert(row({ unitId: 3, createdAt: T0 + 1000 + i }));
    await hazards(ds).insert(row({ unitId: 3, status: 'closed', createdAt: T0 + 2000 }));
    await hazards(ds).insert(row({ unitId: 3, area: 'food', createdAt: T0 + 2001 }));
    const got = await hazards(ds).duplicateCandidates(3, 'fire', T0, 5);
    expect(got).toHaveLength(5);
    expect(got.map((h) => h.id)).toEqual([...got.map((h) => h.id)].sort((a, b) => b - a));
  });

  it('claims a 综合判定 once per open key, and the photo of a source key once', async () => {
    const first = await hazards(ds).claimJudgement({ unitId: 1, ruleCode: 'r', openKey: '1:r', findings: '[]', openedAt: T0 });
    expect(first).toBeGreaterThan(0);
    expect(await hazards(ds).claimJudgement({ unitId: 1, ruleCode: 'r', openKey: '1:r', findings: '[]', openedAt: T0 })).toBeNull();
    expect(await hazards(ds).closeJudgement(first!, '1:r', T0)).toBe(1);
    expect(await hazards(ds).closeJudgement(first!, '1:r', T0)).toBe(0);
    const hid = await hazards(ds).insert(row({}));
    const mid = await media(ds).insert({ sha256: 'x'.repeat(64), mime: 'image/png', size: 3, unitId: null, data: Buffer.from([1, 2, 3]), createdAt: T0 });
    expect(await hazards(ds).attachPhoto({ hazardId: hid, mediaId: mid, kind: 'report', at: T0, sourceMsg: 'm#0' })).toBe(true);
    expect(await hazards(ds).attachPhoto({ hazardId: hid, mediaId: mid, kind: 'report', at: T0, sourceMsg: 'm#0' })).toBe(false);
    // A picture a hazard took is kept; one nobody took goes.
    const unused = await media(ds).insert({ sha256: 'y'.repeat(64), mime: 'image/png', size: 1, unitId: null, data: Buffer.from([9]), createdAt: T0 });
    await media(ds).deleteUnused([mid, unused]);
    expect((await media(ds).load(mid))?.data).toEqual(Buffer.from([1, 2, 3]));
    expect(await media(ds).load(unused)).toBeNull();
  });

  it('keeps one open question per person and group, replaced by the next', async () => {
    const ask = { groupId: 1, memberId: 2, text: '有问题', asks: 1, sourceMsg: 'a', createdAt: T0, expiresAt: T0 + 600_000 };
    await conversations(ds).save(ask);
    await conversations(ds).save({ ...ask, text: '有问题，三楼', asks: 2, sourceMsg: 'b' });
    expect(await conversations(ds).pending(1, 2, T0)).toMatchObject({ text: '有问题，三楼', asks: 2, sourceMsg: 'b' });
    expect(await conversations(ds).pending(1, 2, T0 + 600_000)).toBeNull();
    await conversations(ds).drop(1, 2);
    expect(await conversations(ds).pending(1, 2, T0)).toBeNull();
  });
});
