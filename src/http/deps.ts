import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../log/logger';
import type { Clock } from '../services/clock';
import type { IncomingMessage } from '../platforms/types';
import type Router from '@koa/router';

/** What the HTTP layer needs; built by the composition root (src/main.ts). */
export interface AppDeps {
  config: Config;
  ds: DataSource;
  log: Logger;
  clock: Clock;
  /** Records a verified message (deduplicated) and schedules its processing; throws when the database is down. */
  accept(msg: IncomingMessage): Promise<'new' | 'duplicate'>;
  /** State of the long connections (WeCom websocket, DingTalk Stream) for /healthz; absent when none is configured. */
  connections?: () => Promise<import('../transports/sockets').SocketStatus[]>;
  /** Extra routes (downloads, media, sandbox) mounted by features. */
  mounts?: ((router: Router) => void)[];
}
