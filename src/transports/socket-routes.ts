import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { leases } from '../db/repositories/lease.repository';
import { pushFailure, type PushResult } from '../platforms/push-result';
import { wecomLeaseName } from './sockets';

/**
 * Outbox code for "another instance holds the socket this row must go through": the sender hands the row back
 * at once without counting an attempt, and the holder's sender picks it up.
 */
export const SOCKET_ELSEWHERE = 'SOCKET_ELSEWHERE';
/** How soon a handed-back row is due again. */
export const ELSEWHERE_RETRY_MS = 300;

/** Why this instance cannot send over the WeCom long connection, as an outbox result. */
export async function pushElsewhere(ds: DataSource, config: Config): Promise<PushResult> {
  if (!config.wecomWs) return pushFailure('NO_PUSH_CHANNEL', 'WECOM_BOT_MODE is not websocket', false);
  const row = await leases(ds).find(wecomLeaseName(config.wecomWs.botId));
  if (row && row.holder !== config.instanceId && row.expiresAt > Date.now()) {
    return pushFailure(SOCKET_ELSEWHERE, 'the WeCom long connection is held by another instance', true);
  }
  // Nobody holds it right now (reconnecting, failing over): ordinary retry with back-off.
  return pushFailure('NOT_CONNECTED', 'the WeCom long connection is not up', true);
}
