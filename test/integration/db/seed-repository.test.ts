import { describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { seed } from '../../../src/db/repositories/seed.repository';
import { summary } from '../../../src/db/repositories/summary.repository';
import { HazardEntity, type Hazard } from '../../../entities/hazard.entity';
import { MemberEntity } from '../../../entities/member.entity';
import { SupervisionEntity } from '../../../entities/supervision.entity';
import { UnitEntity } from '../../../entities/unit.entity';
import { UnitTargetEntity } from '../../../entities/unit-target.entity';
import { seedDemoWorld } from '../../../src/services/demo/seed-demo';
import { realUnitsIn } from '../../../src/services/demo/real-units';
import { dbTargets, withMigratedDb } from '../../helpers/db';

/**
 * The seed room that `npm run seed:scale`, `seed:demo`, the benches and the soak write through: bulk rows land with
 * their transformers applied (booleans as 0/1, epoch-ms timestamps) across statement and transaction boundaries,
 * a re-seed removes exactly the marked rows, and the demo world is idempotent.
 */
const targets = await dbTargets();
const MARK = '{"seed":"test"}';

describe.each(targets)('seed repository ($name)', (target) => {
  let ds: DataSource;
  withMigratedDb(target, (opened) => {
    ds = opened;
  });

  it('bulk-inserts across statements, and removes only the marked seed', async () => {
    const rows = seed(ds);
    const [district] = await rows.unitsOfKind('district');
    const other = await rows.addSchool('不属于种子的学校', district.name);
    await rows.bulkInsert(UnitEntity, Array.from({ length: 7 }, (_, i) => ({ name: `种子学校${i}`, kind: 'school' as const, parentId: district.id, settings: MARK, createdAt: 5 })));
    const schools = await rows.markedSchoolIds(MARK);
    expect(schools).toHaveLength(7);
    expect(await rows.countMarkedSchools(MARK)).toBe(7);

    const base = await rows.maxHazardId();
    // 1,203 rows: more than two multi-row statements' worth, so the chunk boundaries are crossed.
    const hazards: Partial<Hazard>[] = Array.from({ length: 1203 }, (_, i) => ({
      id: base + i + 1, code: `YH-T-${i}`, unitId: i === 0 ? other : schools[i % schools.length], reporterName: '测试', description: `隐患 ${i}`, area: 'fire',
      itemCode: 'fire.test', risk: 'red', major: i % 100 === 1 || i === 0, majorSuspected: false, classifierSource: 'seed', status: i % 2 ? 'closed' : 'pending',
      deadlineAt: 2_000_000_000_000 + i, closedAt: i % 2 ? 1_700_000_000_000 + i : null, version: 0, createdAt: 1_600_000_000_000, updatedAt: 1_600_000_000_000,
    }));
    await rows.bulkInsert(HazardEntity, hazards);
    const majors = hazards.filter((h) => h.major);
    await rows.bulkInsert(SupervisionEntity, majors.map((h) => ({ hazardId: h.id!, openedAt: 1, measures: null, owner: null, funds: null, timeLimit: null, plan: null, updatedAt: 1, closedAt: null })));
    await rows.bulkInsert(UnitTargetEntity, [{ unitId: district.id, metric: 'benchmark', year: 2025, value: 9, updatedAt: 1, updatedBy: 'seed' }]);
    expect(await rows.hazardCount()).toBe(1203);
    expect(await rows.maxHazardId()).toBe(base + 1203);

    const back = await ds.getRepository(HazardEntity).findOneByOrFail({ code: 'YH-T-1' });
    expect(back).toMatchObject({ major: true, majorSuspected: false, status: 'closed', closedAt: 1_700_000_000_001, deadlineAt: 2_000_000_000_001, origin: '自查' });
    const open = await summary(ds).openSupervised(null);
    expect(open).toEqual([{ code: 'YH-T-0', unitId: other }]); // the other majors are closed (odd i)
    expect((await summary(ds).targets([district.id], 2025)).map((t) => t.value)).toEqual([9]);

    await rows.removeScaleSeed(MARK, 'seed');
    expect(await rows.countMarkedSchools(MARK)).toBe(0);
    expect(await rows.hazardCount()).toBe(1); // the hazard of the unmarked school stays
    expect(await ds.getRepository(SupervisionEntity).count()).toBe(1);
    expect(await summary(ds).targets([district.id], 2025)).toEqual([]);
    expect(await rows.unitByName('不属于种子的学校')).not.toBeNull();
  });

  it('seeds the demo world once, and a real group makes the database a real one', async () => {
    const rows = seed(ds);
    expect(await realUnitsIn(ds)).toBe('1 所导入的学校（如 不属于种子的学校）');
    const first = await seedDemoWorld(ds, 1000);
    const again = await seedDemoWorld(ds, 2000);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    const school = (await rows.unitByName('泉州市丰泽区东海中学'))!;
    expect((await rows.memberInRole(school.id, 'principal'))?.userId).toBe('dh-lin');
    expect((await rows.groupOf(school.id, 'local'))).toMatchObject({ chatId: `demo-${school.id}`, digest: false, pushKind: 'local', createdAt: 1000 });
    const district = (await rows.unitByName('丰泽区教育局'))!;
    expect((await rows.groupOf(district.id, 'local'))?.digest).toBe(true);
    // A demo person without a unit is placed again; one moved elsewhere keeps their unit.
    await ds.getRepository(MemberEntity).update({ platform: 'local', userId: 'dh-li' }, { unitId: null });
    await ds.getRepository(MemberEntity).update({ platform: 'local', userId: 'dh-zhao' }, { unitId: district.id });
    await seedDemoWorld(ds, 3000);
    expect((await rows.member('local', 'dh-li'))?.unitId).toBe(school.id);
    expect((await rows.member('local', 'dh-zhao'))?.unitId).toBe(district.id);
    await rows.addGroup({ platform: 'dingtalk', chatId: 'real-1', unitId: school.id, name: '真群' });
    expect(await realUnitsIn(ds)).toBe('1 个企业微信/钉钉群');
  });
});
