import getRawBody from 'raw-body';
import type { Context } from 'koa';

export const MAX_BODY_BYTES = 1024 * 1024;

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Reads the exact bytes the platform signed; anything over 1 MiB is refused with 413 before it is buffered. */
export async function readRawBody(ctx: Context): Promise<string> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, 'body too large');
  try {
    const buf = await getRawBody(ctx.req, { limit: MAX_BODY_BYTES, length: ctx.get('content-length') || undefined });
    // Invalid UTF-8 cannot be a genuine payload; refuse rather than hash replacement characters.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return text;
  } catch (err: any) {
    if (err?.type === 'entity.too.large') throw new HttpError(413, 'body too large');
    if (err instanceof TypeError) throw new HttpError(400, 'body is not UTF-8');
    throw new HttpError(400, `unreadable body: ${err?.type ?? err?.message ?? 'error'}`);
  }
}
