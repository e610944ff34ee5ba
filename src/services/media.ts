import { createHash } from 'node:crypto';
import type { Db } from '../db/repositories/base';
import { media } from '../db/repositories/media.repository';

export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;

export async function saveMedia(db: Db, data: Buffer, mime: string, unitId: number | null, now: number): Promise<number> {
  const sha256 = createHash('sha256').update(data).digest('hex');
  return media(db).insert({ sha256, mime, size: data.length, unitId, data, createdAt: now });
}

export async function loadMedia(db: Db, id: number): Promise<{ data: Buffer; mime: string; unitId: number | null } | null> {
  const m = await media(db).load(id);
  if (!m) return null;
  return { data: Buffer.isBuffer(m.data) ? m.data : Buffer.from(m.data), mime: m.mime, unitId: m.unitId };
}

/** The stored picture now belongs to a unit (signed links check it). */
export async function assignMediaUnit(db: Db, id: number, unitId: number): Promise<void> {
  await media(db).setUnit(id, unitId);
}

/** Deletes those of these stored pictures that no hazard took. */
export async function dropUnusedMedia(db: Db, ids: number[]): Promise<void> {
  await media(db).deleteUnused(ids);
}

/** Sniffs the picture types phones send; anything else is not stored as an image. */
export function sniffImage(buf: Buffer): string | null {
  if (buf.length > 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length > 12 && buf.toString('ascii', 0, 4) === 'RIFF' && buf.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  if (buf.length > 6 && buf.toString('ascii', 0, 3) === 'GIF') return 'image/gif';
  return null;
}
