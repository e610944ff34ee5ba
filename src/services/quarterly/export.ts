// One unit's quarterly workbook (附件3-6 as xlsx): shared by the signed download route and `npm run export:quarterly`.
import type { DataSource } from 'typeorm';
import { contacts } from '../../db/repositories/contacts.repository';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import { workbookContent } from './overview';
import { loadCalendar } from '../deadlines/store';
import { filingOf, quarterName, type Quarter } from './period';
import { buildQuarterlyWorkbook } from './workbook.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Path a signed link points at; the unit is in the path so the signature binds it. */
export const quarterlyResource = (unitId: number, quarter: Quarter): string => `/files/quarterly/${unitId}/${quarter}.xlsx`;

export function quarterlyFilename(unit: Unit, quarter: Quarter): string {
  return `${unit.name}-${quarterName(quarter)}季报表.xlsx`;
}

/**
 * 填表人 and 联系电话 are the submitting member's (name at submission, mobile from the profile); the date is the
 * submission's. Before submission, or for the city's overview, the date is the export's.
 */
export async function quarterlyWorkbook(ds: DataSource, units: UnitDirectory, unit: Unit, quarter: Quarter, now: number): Promise<Buffer> {
  const content = await workbookContent(ds, units, unit, quarter);
  const submitted = content.own?.status === 'submitted' ? content.own : null;
  const phone = submitted?.submittedBy ? await contacts(ds).mobileOf(submitted.submittedBy) : undefined;
  const filing = filingOf(await loadCalendar(ds), quarter);
  const planYear = filing.deadlineKey ? (await loadCalendar(ds)).find((d) => d.key === filing.deadlineKey)?.planYear : undefined;
  return buildQuarterlyWorkbook({
    quarter, planYear, unitName: unit.name, rows: content.rows, coverage: content.coverage, breakdown: content.breakdown, scope: content.scope,
    filler: submitted?.submittedByName ?? undefined, phone, date: new Date(submitted?.submittedAt ?? now),
  });
}
