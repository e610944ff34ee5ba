import { Foundation1764400000001 } from './0001-foundation';
import { Hazards1764400000002 } from './0002-hazards';
import { Deadlines1764400000003 } from './0003-deadlines';
import { Quarterly1764400000004 } from './0004-quarterly';
import { Summary1764400000005 } from './0005-summary';
import { ConnectionLease1764400000008 } from './0008-connection-lease';
import { Cards1764400000014 } from './0014-cards';

/** Applied in order at start and by `npm run migrate`; never edit one that has shipped, add a new one. */
export const MIGRATIONS = [Foundation1764400000001, Hazards1764400000002, Deadlines1764400000003, Quarterly1764400000004, Summary1764400000005, ConnectionLease1764400000008, Cards1764400000014];
