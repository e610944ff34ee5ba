import { Foundation1764400000001 } from './0001-foundation';
import { Hazards1764400000002 } from './0002-hazards';
import { Deadlines1764400000003 } from './0003-deadlines';
import { Quarterly1764400000004 } from './0004-quarterly';
import { Summary1764400000005 } from './0005-summary';
import { Trust1764400000006 } from './0006-trust';
import { PlatformRoutes1764400000007 } from './0007-platform-routes';
import { ConnectionLease1764400000008 } from './0008-connection-lease';
import { Records1764400000010 } from './0010-records';
import { MajorHazards1764400000011 } from './0011-major-hazards';
import { Conversations1764400000012 } from './0012-conversations';
import { Ask1764400000013 } from './0013-ask';
import { Cards1764400000014 } from './0014-cards';
import { ReportPath1764400000015 } from './0015-report-path';
import { DingtalkCards1764400000016 } from './0016-dingtalk-cards';
import { AskIndexes1764400000017 } from './0017-ask-indexes';
import { CombinedCounts1764400000018 } from './0018-combined-counts';
import { MemberUnit1764400000019 } from './0019-member-unit';

/** Applied in order at start and by `npm run migrate`; never edit one that has shipped, add a new one. */
export const MIGRATIONS = [
  Foundation1764400000001,
  Hazards1764400000002,
  Deadlines1764400000003,
  Quarterly1764400000004,
  Summary1764400000005,
  Trust1764400000006,
  PlatformRoutes1764400000007,
  ConnectionLease1764400000008,
  Records1764400000010,
  MajorHazards1764400000011,
  Conversations1764400000012,
  Ask1764400000013,
  Cards1764400000014,
  ReportPath1764400000015,
  DingtalkCards1764400000016,
  AskIndexes1764400000017,
  CombinedCounts1764400000018,
  MemberUnit1764400000019,
];
