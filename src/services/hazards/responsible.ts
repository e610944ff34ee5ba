import type { Db } from '../../db/repositories/base';
import { hazardContacts } from '../../db/repositories/hazard-contacts.repository';
import type { Member } from './hazard.types';

/** The unit's safety officer by default (the loop's owner), else the 分管安全副校长, else its principal. */
export async function defaultResponsible(db: Db, unitId: number): Promise<Pick<Member, 'id' | 'name'> | null> {
  return hazardContacts(db).defaultResponsible(unitId);
}
