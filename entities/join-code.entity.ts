import { EntitySchema } from 'typeorm';
import { int, ms, pk, str } from './columns';

/** A one-time code a district (or the city) issues for a school with `/邀请码`; only its SHA-256 is stored. */
export interface JoinCode {
  id: number;
  unitId: number;
  codeHash: string;
  issuedBy: string;
  issuedAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedBy: string | null;
}

export const JoinCodeEntity = new EntitySchema<JoinCode>({
  name: 'JoinCode',
  tableName: 'join_code',
  columns: {
    id: pk,
    unitId: { ...int(), name: 'unit_id' },
    codeHash: { ...str(64), name: 'code_hash' },
    issuedBy: { ...str(191), name: 'issued_by' },
    issuedAt: { ...ms(), name: 'issued_at' },
    expiresAt: { ...ms(), name: 'expires_at' },
    usedAt: { ...ms(true), name: 'used_at' },
    usedBy: { ...str(191, true), name: 'used_by' },
  },
  uniques: [{ name: 'uq_join_code_hash', columns: ['codeHash'] }],
  indices: [{ name: 'ix_join_code_unit', columns: ['unitId'] }],
});
