import { RobotRateEntity, type RobotRate } from '../../../entities/robot-rate.entity';
import { Room, type Db, Statement } from './base';

export type { RobotRate } from '../../../entities/robot-rate.entity';

// Every outbox row takes a slot (ensure, read, compare-and-set): these three are built once.
const ENSURE = new Statement<{ robotKey: string; empty: string; zero: number }>(['robotKey', 'empty', 'zero'], (em) =>
  em.createQueryBuilder().insert().into(RobotRateEntity).values({ robotKey: () => ':robotKey', sends: () => ':empty', version: () => ':zero' }).orIgnore(),
);
const FIND = new Statement<{ robotKey: string }>(['robotKey'], (em) => em.getRepository(RobotRateEntity).createQueryBuilder('r').where('r.robotKey = :robotKey'));
const CAS = new Statement<{ robotKey: string; version: number; next: number; sends: string }>(['robotKey', 'version', 'next', 'sends'], (em) =>
  em.createQueryBuilder().update(RobotRateEntity).set({ sends: () => ':sends', version: () => ':next' }).where('robot_key = :robotKey AND version = :version'),
);

/** One row per robot: its last sends and a version for compare-and-set (src/services/outbox/rate-limit.ts). */
export class RateRepository extends Room {
  /** Creates the robot's row unless it exists. */
  async ensure(robotKey: string): Promise<void> {
    await ENSURE.run(this.db, { robotKey, empty: '[]', zero: 0 });
  }

  async find(robotKey: string): Promise<RobotRate | null> {
    return (await FIND.entities<RobotRate>(this.db, { robotKey }, RobotRateEntity, 'r'))[0] ?? null;
  }

  /** Writes the window only if nobody wrote since `version` was read; true when this call took the slot. */
  async compareAndSet(robotKey: string, version: number, sends: string): Promise<boolean> {
    return (await CAS.run(this.db, { robotKey, version, next: version + 1, sends })).affected === 1;
  }

  /** Blocks the robot until `until`, unless it is blocked longer already. */
  async blockUntil(robotKey: string, until: number): Promise<void> {
    await this.affected(
      this.em
        .createQueryBuilder()
        .update(RobotRateEntity)
        .set({ blockedUntil: until, version: () => 'version + 1' })
        .where('robot_key = :robotKey AND (blocked_until IS NULL OR blocked_until < :until)', { robotKey, until }),
    );
  }
}

export const robotRates = (db: Db) => new RateRepository(db);
