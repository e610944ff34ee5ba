// One unit's quarterly workbook (附件3-6 as xlsx): shared by the signed download route and `npm run export:quarterly`.
import type { DataSource } from 'typeorm';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import { workbookRows } from './overview';
import { quarterName, type Quarter } from './period';
import { buildQuarterlyWorkbook } from './workbook.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Path a signed link points at; the unit is in the path so the signature binds it. */
export const quarterlyResource = (unitId: number, quarter: Quarter): string => `/files/quarterly/${unitId}/${quarter}.xlsx`;

export function quarterlyFilename(unit: Unit, quarter: Quarter): string {
  return `${unit.name}-${quarterName(quarter)}季报表.xlsx`;
}

export async function quarterlyWorkbook(ds: DataSource, units: UnitDirectory, unit: Unit, quarter: Quarter, now: number): Promise<Buffer> {
  const rows = await workbookRows(ds, units, unit, quarter);
  return buildQuarterlyWorkbook({ quarter, unitName: unit.name, date: new Date(now), rows });
}
