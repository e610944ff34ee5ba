import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';

/** Append-only record of who changed what; never updated or deleted by the product. */
export interface AuditLog {
  id: number;
  at: number;
  actor: string;
  unitId: number | null;
  action: string;
  target: string | null;
  detail: string | null;
}

export const AuditLogEntity = new EntitySchema<AuditLog>({
  name: 'AuditLog',
  tableName: 'audit_log',
  columns: {
    id: pk,
    at: ms(),
    actor: str(191),
    unitId: { ...int(true), name: 'unit_id' },
    action: str(64),
    target: str(191, true),
    detail: text(),
  },
});
