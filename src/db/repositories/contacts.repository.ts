import { MemberEntity, type Member } from '../../../entities/member.entity';
import { Room, type Db } from './base';

/** Who a form names as its 填表人 and how to reach them: contact details from members' profiles. */
export class ContactsRepository extends Room {
  /** The mobile in the profile of the member behind "platform:userId" (a submission's submitted_by), if any. */
  async mobileOf(submittedBy: string): Promise<string | undefined> {
    const i = submittedBy.indexOf(':');
    if (i < 0) return undefined;
    const m = await this.repo(MemberEntity).findOne({ select: { id: true, mobile: true }, where: { platform: submittedBy.slice(0, i) as Member['platform'], userId: submittedBy.slice(i + 1) } });
    return m?.mobile ?? undefined;
  }
}

export const contacts = (db: Db) => new ContactsRepository(db);
