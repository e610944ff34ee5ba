import { Foundation1764400000001 } from './0001-foundation';
import { Hazards1764400000002 } from './0002-hazards';

/** Applied in order at start and by `npm run migrate`; never edit one that has shipped, add a new one. */
export const MIGRATIONS = [Foundation1764400000001, Hazards1764400000002];
