import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../log/logger';
import type { Clock } from './clock';
import type { OrgService } from './org/org.service';
import type { UnitDirectory } from './org/units';
import type { EnqueueInput } from './outbox/outbox.types';
import type { Db } from '../db/repositories/base';

/** Everything commands and schedulers use; built once in src/main.ts (or by tests). */
export interface Services {
  ds: DataSource;
  config: Config;
  clock: Clock;
  log: Logger;
  units: UnitDirectory;
  org: OrgService;
  outbox: {
    enqueue(db: Db, input: EnqueueInput): Promise<boolean>;
    /** Wakes the sender after a commit, so replies go out at once instead of at the next poll. */
    kick(): void;
  };
  /** Feature services register here (hazards, classifier, deadlines…). */
  [feature: string]: unknown;
}
