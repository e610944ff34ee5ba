import { EntitySchema } from 'typeorm';
import { ms, str } from './columns';

/** The current holder of a long connection (see src/transports/lease.ts); rows are written with guarded SQL. */
export interface ConnectionLease {
  name: string;
  holder: string;
  acquiredAt: number;
  expiresAt: number;
}

export const ConnectionLeaseEntity = new EntitySchema<ConnectionLease>({
  name: 'ConnectionLease',
  tableName: 'connection_lease',
  columns: {
    name: { ...str(64), primary: true },
    holder: str(64),
    acquiredAt: { ...ms(), name: 'acquired_at' },
    expiresAt: { ...ms(), name: 'expires_at' },
  },
});
