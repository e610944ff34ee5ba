import { EntitySchema } from 'typeorm';
import { str, text } from './columns';

/** Small key/value settings that must be shared by every instance (e.g. the generated link-signing secret). */
export interface AppSetting {
  key: string;
  value: string;
}

export const AppSettingEntity = new EntitySchema<AppSetting>({
  name: 'AppSetting',
  tableName: 'app_setting',
  columns: { key: { ...str(100), primary: true, name: 'setting_key' }, value: text(false) },
});
