import { echo } from '../../platforms/escape';

/** Teachers' text may hold markdown or @all; it is shown quoted and defanged so it cannot format or mention. */
export function safeText(s: string, max = 200): string {
  return echo(s, max);
}
