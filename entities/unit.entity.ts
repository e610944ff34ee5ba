import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';

export type UnitKind = 'city' | 'district' | 'school';

/** An organisation unit: the city bureau, a district bureau, or a school (a school under the city is 市属). */
export interface Unit {
  id: number;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  /** JSON: per-unit settings such as deadline hours per colour. */
  settings: string | null;
  createdAt: number;
}

export const UnitEntity = new EntitySchema<Unit>({
  name: 'Unit',
  tableName: 'unit',
  columns: {
    id: pk,
    name: { ...str(100), unique: true },
    kind: str(16),
    parentId: { ...int(true), name: 'parent_id' },
    settings: text(),
    createdAt: { ...ms(), name: 'created_at' },
  },
});
