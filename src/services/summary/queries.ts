// The summary's reads of the hazard ledger live in the summary repository room (src/db/repositories/summary.repository.ts);
// what is left here is arithmetic on their answers.
export type { OpenRow, UnitFilter } from '../../db/repositories/summary.repository';
export { LONG_PERIOD_MS, MEDIAN_SAMPLE } from '../../db/repositories/summary.repository';

/** Median of a histogram (the mean of the two middle values for an even count); null when empty. */
export function histogramMedian(hist: [number, number][]): number | null {
  const total = hist.reduce((s, [, n]) => s + n, 0);
  if (!total) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const [v, n] of hist) if ((seen += n) > k) return v;
    return hist[hist.length - 1][0];
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}
