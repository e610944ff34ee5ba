import type { DataSource } from 'typeorm';
import { grantRole } from '../../src/services/org/admin-grant';
import type { Platform } from '../../entities/chat-group.entity';

/**
 * The server-side root of trust, as `npm run admin -- grant` does it: tests appoint the administrators who then
 * bind their own unit's group through the real /绑定.
 */
export async function grant(ds: DataSource, people: [platform: Platform, userId: string, role: string, unit: string | undefined, name?: string][]): Promise<void> {
  for (const [platform, userId, role, unit, name] of people) await grantRole(ds, { platform, userId, role, unit, name }, 'test:grant', Date.now());
}
