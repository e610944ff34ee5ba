// The ask queries' filters in the ledger's terms, with the same meanings /进度 uses (rejected reports are not
// hazards; open = 待确认/整改中/待验收; overdue = past the deadline and not yet handed in for verification). The
// reads themselves live in src/db/repositories/ask.repository.ts.
import type { HazardStatus } from '../../../entities/hazard.entity';
import type { LedgerFilter } from '../../db/repositories/ask.repository';
import type { UnitFilter } from '../summary/queries';
import type { AskQuery } from './query';
import type { Range } from './periods';

export { askLedger, type LedgerFilter, type LedgerRow, type ProgressRow } from '../../db/repositories/ask.repository';

const STATUSES: Record<NonNullable<AskQuery['status']>, HazardStatus[]> = {
  open: ['pending', 'rectifying', 'verifying'],
  pending_confirm: ['pending'],
  rectifying: ['rectifying'],
  pending_verify: ['verifying'],
  closed: ['closed'],
  rejected: ['rejected'],
};

/** What the filter slots beyond the ledger's columns resolve to (item terms → item codes, names → matches). */
export interface Extra {
  itemCodes?: string[] | null;
  reporter?: LedgerFilter['reporter'];
  responsible?: LedgerFilter['responsible'];
}

/**
 * Which hazards a query counts. A period selects by report time (closures of the period for 已销号); with no
 * period, no status and no 超期 the question is about what is open now (在办).
 */
export function whereOf(q: AskQuery, units: UnitFilter, range: Range | null, now: number, opts: { ignoreStatus?: boolean; extra?: Extra } = {}): LedgerFilter {
  const status = opts.ignoreStatus ? null : q.status;
  const column = status === 'closed' ? 'closed_at' : 'created_at';
  const openNow = !range && !status && !q.overdue;
  return {
    unitIds: units,
    area: q.area,
    risk: q.colour,
    major: q.major === true,
    statuses: status ? STATUSES[status] : openNow ? STATUSES.open : null,
    overdueAt: q.overdue ? now : null,
    range: range ? { column, from: range.from, to: range.to } : null,
    itemCodes: opts.extra?.itemCodes ?? null,
    reporter: opts.extra?.reporter ?? null,
    responsible: opts.extra?.responsible ?? null,
  };
}
