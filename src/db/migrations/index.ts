import { Foundation1764400000001 } from './0001-foundation';

/** Applied in order at start and by `npm run migrate`; never edit one that has shipped, add a new one. */
export const MIGRATIONS = [Foundation1764400000001];
