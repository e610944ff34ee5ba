import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../log/logger';
import type { Clock } from './clock';
import type { OrgService } from './org/org.service';
import type { UnitDirectory } from './org/units';
import type { EnqueueInput } from './outbox/outbox.types';
import type { Db } from '../db/repositories/base';
import type { MediaSources } from '../platforms/types';

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
  /** Where a message's pictures are fetched: the source of the platform it came from (src/platforms/media-fetch.ts). */
  media?: MediaSources;
  /** Feature services register here (hazards, classifier, deadlines…). */
  [feature: string]: unknown;
}
