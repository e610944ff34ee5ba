import { AppSettingEntity } from '../../../entities/app-setting.entity';
import { Room, type Db } from './base';

const KEY = 'link_secret';

/** The generated link-signing secret, shared by every instance through app_setting. */
export class LinkSecretRepository extends Room {
  /** The secret in the database; `fresh` becomes it when none exists yet (insert-ignore: the first instance wins). */
  async claim(fresh: string): Promise<string> {
    await this.insertIgnore(AppSettingEntity, { key: KEY, value: fresh });
    return (await this.repo(AppSettingEntity).findOneByOrFail({ key: KEY })).value;
  }
}

export const linkSecret = (db: Db) => new LinkSecretRepository(db);
