import pino, { type Logger } from 'pino';

export type { Logger };

/** Keys whose values are credentials; pino replaces them before anything is written. */
const REDACT = [
  '*.token', '*.secret', '*.aesKey', '*.appSecret', '*.apiKey', '*.key', '*.pushKey', '*.pushSecret',
  '*.accessToken', '*.access_token', '*.authorization', '*.password', 'headers.sign', 'req.headers.sign',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    (destination ?? process.stdout) as pino.DestinationStream,
  );
}

/** Removes query strings (webhook keys, access tokens, signatures) from a URL before it is logged. */
export function redactUrl(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : `${url.slice(0, i)}?…`;
}
