import { EntitySchema } from 'typeorm';
import { int, ms, pk, str } from './columns';

/** A count a bureau entered with /目标 (标杆学校, 达标学校, 示范岗位) for one year, against the programme's targets. */
export interface UnitTarget {
  id: number;
  unitId: number;
  metric: 'benchmark' | 'standard' | 'model_post';
  year: number;
  value: number;
  updatedAt: number;
  updatedBy: string;
}

export const UnitTargetEntity = new EntitySchema<UnitTarget>({
  name: 'UnitTarget',
  tableName: 'unit_target',
  columns: {
    id: pk,
    unitId: { ...int(), name: 'unit_id' },
    metric: str(32),
    year: int(),
    value: int(),
    updatedAt: { ...ms(), name: 'updated_at' },
    updatedBy: { ...str(191), name: 'updated_by' },
  },
  uniques: [{ name: 'uq_unit_target', columns: ['unitId', 'metric', 'year'] }],
});
