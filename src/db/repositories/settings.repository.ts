import { AppSettingEntity, type AppSetting } from '../../../entities/app-setting.entity';
import { Room, type Db } from './base';

export type { AppSetting } from '../../../entities/app-setting.entity';

/** Small key/value settings every instance shares (watermarks, the scheduler's last tick, generated secrets). */
export class SettingsRepository extends Room {
  async get(key: string): Promise<string | null> {
    return (await this.repo(AppSettingEntity).findOneBy({ key }))?.value ?? null;
  }

  /** Creates the setting unless it exists; true when this call created it. */
  create(key: string, value: string): Promise<boolean> {
    return this.insertIgnore(AppSettingEntity, { key, value });
  }

  /**
   * Moves a setting forward only: created if missing, else raised to `value` when the stored one is lower, so two
   * instances writing at once never move it back. `compare: 'text'` for fixed-width values (13-digit epoch ms),
   * `'number'` for ids of any width.
   */
  async advance(key: string, value: string, compare: 'text' | 'number'): Promise<void> {
    if (await this.create(key, value)) return;
    const lower = compare === 'text' ? 'value < :value' : 'CAST(value AS DECIMAL(20,0)) < :number';
    await this.affected(
      this.em.createQueryBuilder().update(AppSettingEntity).set({ value }).where(`setting_key = :key AND ${lower}`, { key, value, number: Number(value) }),
    );
  }

  /** A plain insert (no ignore): the doctor's write probe, rolled back by its caller. */
  async insert(row: AppSetting): Promise<void> {
    await this.affected(this.em.createQueryBuilder().insert().into(AppSettingEntity).values(row));
  }
}

export const settings = (db: Db) => new SettingsRepository(db);
