// The dingtalk_card room on both databases: a card is recorded once (a resend keeps it), and an update in place is
// claimed by the tap's time: an older tap's answer never overwrites a newer state; the same tap (a retry) may resend.
import { describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { dingtalkCards } from '../../../src/db/repositories/dingtalk-card.repository';
import { dbTargets, withMigratedDb } from '../../helpers/db';

const targets = await dbTargets();

describe.each(targets)('dingtalk_card room ($name)', (target) => {
  let ds: DataSource;
  withMigratedDb(target, (opened) => {
    ds = opened;
  });

  it('records once, and claims updates in tap order', async () => {
    const room = dingtalkCards(ds);
    await room.record({ cardBizId: 'biz-1', chatId: 'cidA', tapKeys: ['k1', 'k2'], now: 1 });
    await room.record({ cardBizId: 'biz-1', chatId: 'cidB', tapKeys: ['x'], now: 2 });
    expect(await room.byBizId('biz-1')).toMatchObject({ chatId: 'cidA', tapKeys: JSON.stringify(['k1', 'k2']), updatedBy: null, createdAt: 1 });
    expect(await room.byBizId('nope')).toBeNull();

    expect(await room.claimUpdate('biz-1', 100, ['k3'], 10)).toBe(true);
    expect(await room.claimUpdate('biz-1', 50, ['old'], 11)).toBe(false);
    expect((await room.byBizId('biz-1'))!.tapKeys).toBe(JSON.stringify(['k3']));
    expect(await room.claimUpdate('biz-1', 100, ['k3'], 12)).toBe(true);
    expect(await room.claimUpdate('biz-1', 200, [], 13)).toBe(true);
    expect(await room.byBizId('biz-1')).toMatchObject({ tapKeys: '[]', updatedBy: 200, updatedAt: 13 });
    expect(await room.claimUpdate('nope', 300, [], 14)).toBe(false);
  });
});
