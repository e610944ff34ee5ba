import { Foundation1764400000001 } from './0001-foundation';
import { Hazards1764400000002 } from './0002-hazards';
import { Deadlines1764400000003 } from './0003-deadlines';
import { Quarterly1764400000004 } from './0004-quarterly';
import { Summary1764400000005 } from './0005-summary';
import { Records1764400000010 } from './0010-records';

/** Applied in order at start and by `npm run migrate`; never edit one that has shipped, add a new one. */
export const MIGRATIONS = [Foundation1764400000001, Hazards1764400000002, Deadlines1764400000003, Quarterly1764400000004, Summary1764400000005, Records1764400000010];
