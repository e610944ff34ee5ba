import type { Db } from '../../db/repositories/base';
import { hazardContacts } from '../../db/repositories/hazard-contacts.repository';

/** The mobile a member gave (for an @ in a push), if any. */
export function memberMobile(db: Db, memberId: number): Promise<string | null> {
  return hazardContacts(db).mobileOf(memberId);
}
