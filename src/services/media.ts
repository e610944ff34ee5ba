import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { exec } from '../db/sql';
import type { Db } from '../db/sql';

export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;

export async function saveMedia(db: Db, data: Buffer, mime: string, unitId: number | null, now: number): Promise<number> {
  const sha = createHash('sha256').update(data).digest('hex');
  const { insertId } = await exec(db, `INSERT INTO media (sha256, mime, size, unit_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?)`, [
    sha, mime, data.length, unitId, data, now,
  ]);
  return Number(insertId);
}

export async function loadMedia(ds: DataSource, id: number): Promise<{ data: Buffer; mime: string; unitId: number | null } | null> {
  const rows = await ds.query(`SELECT data, mime, unit_id FROM media WHERE id = ?`, [id]);
  if (!rows.length) return null;
  const r = rows[0];
  return { data: Buffer.isBuffer(r.data) ? r.data : Buffer.from(r.data), mime: r.mime, unitId: r.unit_id === null ? null : Number(r.unit_id) };
}

/** Sniffs the picture types phones send; anything else is not stored as an image. */
export function sniffImage(buf: Buffer): string | null {
  if (buf.length > 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length > 12 && buf.toString('ascii', 0, 4) === 'RIFF' && buf.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  if (buf.length > 6 && buf.toString('ascii', 0, 3) === 'GIF') return 'image/gif';
  return null;
}
