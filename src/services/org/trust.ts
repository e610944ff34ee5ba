// Who may speak for a unit. The chat never creates authority: the first administrator comes from the server side
// (`npm run admin`, `npm run import-org`), every further one is appointed by one above (`/角色`), and a school with
// nobody yet joins with a one-time code its district issued (`/邀请码`). See docs/rollout.md.
import { createHash, randomInt } from 'node:crypto';
import type { Member } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';
import type { Db } from '../../db/repositories/base';
import { org } from '../../db/repositories/org.repository';
import type { DataSource } from 'typeorm';
import { audit } from '../audit';
import { isSchoolAdminRole, isUnitAdminRole } from './roles';
import type { UnitDirectory } from './units';

/** True when `m` administers `unit`: the city for everything, a district for itself and its schools, a school's own admins. */
export function adminOver(m: Member | null, unit: Unit, units: UnitDirectory): boolean {
  if (!m || m.unitId === null) return false;
  const own = units.get(m.unitId);
  if (!own) return false;
  if (m.role === 'city_admin' && own.kind === 'city') return true;
  if (m.role === 'district_admin' && own.kind === 'district') return units.within(unit, own);
  return own.id === unit.id && unit.kind === 'school' && isSchoolAdminRole(m.role) && isUnitAdminRole(m.role, unit);
}

/** May issue join codes for `school`: its district bureau or the city (never the school itself, never for a bureau). */
export function canIssueCode(m: Member | null, school: Unit, units: UnitDirectory): boolean {
  return Boolean(m && school.kind === 'school' && (m.role === 'district_admin' || m.role === 'city_admin') && adminOver(m, school, units));
}

export const JOIN_CODE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** No 0/O, 1/I/L: read aloud or copied from a screen without mistakes. 31^8 ≈ 8.5e11 codes. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newJoinCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** "abcd-efgh", "ABCD EFGH" → "ABCDEFGH"; null when it cannot be a code. */
export function normaliseJoinCode(input: string): string | null {
  const c = input.replace(/[-\s]/g, '').toUpperCase();
  return /^[A-Z0-9]{8}$/.test(c) ? c : null;
}

export const formatJoinCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
const hashCode = (code: string) => createHash('sha256').update(`join:${code}`, 'utf8').digest('hex');

export async function storeJoinCode(db: Db, unitId: number, code: string, issuedBy: string, now: number): Promise<number> {
  const expiresAt = now + JOIN_CODE_TTL_MS;
  await org(db).addJoinCode({ unitId, codeHash: hashCode(code), issuedBy: issuedBy.slice(0, 191), issuedAt: now, expiresAt, usedAt: null, usedBy: null });
  return expiresAt;
}

/** `/邀请码`: stores a new code for the school and audits who issued it, together. */
export async function issueJoinCode(ds: DataSource, unitId: number, code: string, issuedBy: string, now: number): Promise<number> {
  return ds.transaction(async (em) => {
    const expiresAt = await storeJoinCode(em, unitId, code, issuedBy, now);
    await audit(em, { at: now, actor: issuedBy, unitId, action: 'join_code.issue', target: `unit:${unitId}` });
    return expiresAt;
  });
}

/** Claims the code for `unitId` in one guarded UPDATE: of two people using it at once, exactly one gets true. */
export async function claimJoinCode(db: Db, unitId: number, code: string, by: string, now: number): Promise<boolean> {
  return org(db).claimJoinCode(unitId, hashCode(code), by.slice(0, 191), now);
}
