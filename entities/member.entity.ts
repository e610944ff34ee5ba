import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';
import type { Platform } from './chat-group.entity';

export type Role = 'teacher' | 'safety_officer' | 'deputy_principal' | 'principal' | 'district_admin' | 'city_admin';
export const ROLES: Role[] = ['teacher', 'safety_officer', 'deputy_principal', 'principal', 'district_admin', 'city_admin'];

/** A person known to the bot on one platform, with one role in one unit. */
export interface Member {
  id: number;
  platform: Platform;
  userId: string;
  name: string;
  role: Role;
  unitId: number | null;
  mobile: string | null;
  /** 网格员: JSON list of the places (classes, floors, buildings) this person watches; null when none. */
  grid: string | null;
  createdAt: number;
  updatedAt: number;
}

export const MemberEntity = new EntitySchema<Member>({
  name: 'Member',
  tableName: 'member',
  columns: {
    id: pk,
    platform: str(16),
    userId: { ...str(191), name: 'user_id' },
    name: str(100),
    role: str(32),
    unitId: { ...int(true), name: 'unit_id' },
    mobile: str(32, true),
    grid: text(),
    createdAt: { ...ms(), name: 'created_at' },
    updatedAt: { ...ms(), name: 'updated_at' },
  },
  uniques: [{ name: 'uq_member_platform_user', columns: ['platform', 'userId'] }],
});
