import getRawBody from 'raw-body';
import type { Context } from 'koa';

export const MAX_BODY_BYTES = 1024 * 1024;
/** A body that has not fully arrived by then is a stalled (or slow-loris) upload: the connection is dropped. */
export const BODY_TIMEOUT_MS = 10_000;

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * Reads the exact bytes the platform signed; anything over `limit` is refused with 413 before it is buffered, and
 * a body still incomplete after BODY_TIMEOUT_MS is cut off (408, connection closed), so stalled unauthenticated
 * uploads cannot pile up in memory.
 */
export async function readRawBody(ctx: Context, limit = MAX_BODY_BYTES, timeoutMs = BODY_TIMEOUT_MS): Promise<string> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw new HttpError(413, 'body too large');
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctx.req.destroy();
  }, timeoutMs);
  try {
    const buf = await getRawBody(ctx.req, { limit, length: ctx.get('content-length') || undefined });
    // Invalid UTF-8 cannot be a genuine payload; refuse rather than hash replacement characters.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return text;
  } catch (err: any) {
    if (timedOut) throw new HttpError(408, 'body not received in time');
    if (err?.type === 'entity.too.large') throw new HttpError(413, 'body too large');
    if (err instanceof TypeError) throw new HttpError(400, 'body is not UTF-8');
    throw new HttpError(400, `unreadable body: ${err?.type ?? err?.message ?? 'error'}`);
  } finally {
    clearTimeout(timer);
  }
}
