import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { linkSecret } from '../db/repositories/link-secret.repository';

/**
 * Short-lived signed download links. The HMAC covers the resource, the unit it belongs to and the expiry, so a
 * link cannot be guessed, stretched, or reused for another unit's file. Without LINK_SECRET the secret is made
 * once and kept in the database, so every instance accepts every other's links.
 */
export class LinkSigner {
  private constructor(private readonly secret: Buffer, private readonly baseUrl: string) {}

  static async create(ds: DataSource, configured: string, baseUrl: string): Promise<LinkSigner> {
    if (configured) return new LinkSigner(Buffer.from(configured, 'utf8'), baseUrl);
    const value = await linkSecret(ds).claim(randomBytes(32).toString('base64'));
    return new LinkSigner(Buffer.from(value, 'base64'), baseUrl);
  }

  private mac(resource: string, unitId: number | null, exp: number): string {
    return createHmac('sha256', this.secret).update(`${resource}|${unitId ?? ''}|${exp}`).digest('base64url');
  }

  /**
   * The one link builder for what the bot sends: "https://bot.example/files/ledger/….xlsx?u=12&exp=…&sig=…", always
   * absolute, from PUBLIC_BASE_URL (without it, http://localhost:PORT, which only opens on the server itself; the
   * start-up log says so). `relative` is only for pictures inlined into the sandbox page served by this server.
   */
  sign(resource: string, unitId: number | null, expiresAt: number, opts: { relative?: boolean } = {}): string {
    const q = new URLSearchParams({ u: String(unitId ?? ''), exp: String(expiresAt), sig: this.mac(resource, unitId, expiresAt) });
    return `${opts.relative ? '' : this.baseUrl}${resource}?${q.toString()}`;
  }

  verify(resource: string, query: Record<string, unknown>, now: number): { ok: true; unitId: number | null } | { ok: false; reason: string } {
    const u = typeof query.u === 'string' ? query.u : '';
    const exp = Number(query.exp);
    const sig = typeof query.sig === 'string' ? query.sig : '';
    if (!sig || !Number.isFinite(exp)) return { ok: false, reason: 'missing signature' };
    const unitId = u === '' ? null : Number(u);
    const expected = Buffer.from(this.mac(resource, unitId, exp));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad signature' };
    if (now > exp) return { ok: false, reason: 'link expired' };
    return { ok: true, unitId };
  }
}
