import { EntitySchema } from 'typeorm';
import { int, ms, str, text } from './columns';

/** The outbox's shared 60 s send window of one robot (src/services/outbox/rate-limit.ts): a compare-and-set row. */
export interface RobotRate {
  robotKey: string;
  /** JSON array of the epoch-ms send times inside the last minute (at most 20). */
  sends: string;
  /** Bumped by every write; a slot is taken only by the writer that saw the current version. */
  version: number;
  /** The platform locked this robot out until then (rate-limit lockout), or null. */
  blockedUntil: number | null;
}

export const RobotRateEntity = new EntitySchema<RobotRate>({
  name: 'RobotRate',
  tableName: 'robot_rate',
  columns: {
    robotKey: { ...str(191), primary: true, name: 'robot_key' },
    sends: text(false),
    version: { ...int(), default: 0 },
    blockedUntil: { ...ms(true), name: 'blocked_until' },
  },
});
