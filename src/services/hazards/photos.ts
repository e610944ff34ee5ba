import type { Services } from '../container';
import type { ImageRef, IncomingMessage } from '../../platforms/types';
import { fetchImage, MediaFetchError } from '../../platforms/media-fetch';
import { DingtalkTokenCache } from '../../platforms/dingtalk/token-cache';
import { saveMedia } from '../media';
import { exec, insertIgnore } from '../../db/sql';
import { addEvent } from './hazard.service';

export const PHOTO_WINDOW_MS = 10 * 60_000;

let tokens: DingtalkTokenCache | null = null;

/**
 * Downloads every picture of a message as soon as it is processed (WeCom image links last 5 minutes), stores it,
 * and replaces each reference with the stored media id, or with the reason it could not be had. Runs in the
 * worker, never on the ack path.
 */
export async function intakeImages(services: Services, msg: IncomingMessage): Promise<ImageRef[]> {
  tokens ??= new DingtalkTokenCache({ apiBase: services.config.DINGTALK_API_BASE, clock: services.clock });
  const deps = { config: services.config, clock: services.clock, dingtalkTokens: tokens };
  const out: ImageRef[] = [];
  for (const ref of msg.images) {
    if (ref.kind === 'media' || ref.kind === 'failed') {
      out.push(ref);
      continue;
    }
    try {
      const { data, mime } = await fetchImage(deps, ref, msg.receivedAt);
      out.push({ kind: 'media', mediaId: await saveMedia(services.ds, data, mime, null, services.clock.now()) });
    } catch (err) {
      const reason = err instanceof MediaFetchError ? err.reason : '图片下载失败';
      services.log.warn({ kind: ref.kind, reason, err: (err as Error)?.message }, 'could not fetch picture');
      out.push({ kind: 'failed', reason });
    }
  }
  return out;
}

/** Stored pictures of this message that no report took: not kept. */
export async function dropUnusedImages(services: Services, refs: ImageRef[]): Promise<void> {
  const ids = refs.flatMap((r) => (r.kind === 'media' ? [r.mediaId] : []));
  if (!ids.length) return;
  await exec(services.ds, `DELETE FROM media WHERE id IN (${ids.map(() => '?').join(', ')}) AND id NOT IN (SELECT media_id FROM hazard_photo)`, ids);
}

export interface AttachResult {
  code: string;
  kind: 'report' | 'after';
  count: number;
  /** Why some pictures were not attached (download, decryption, type). */
  failures: string[];
}

/**
 * Attaches pictures to the sender's latest report (or their latest /整改, as an after-photo) within 10 minutes: in
 * this group, or, from a 单聊, wherever it was made. Returns null when there is nothing recent to attach to.
 */
export async function attachPhotos(
  services: Services,
  p: { memberId: number; memberName: string; groupId: number; images: ImageRef[]; sourceMsg: string; now: number; hazardId?: number; kind?: 'report' | 'after'; anyGroup?: boolean },
): Promise<AttachResult | null> {
  const { ds } = services;
  let target: { id: number; code: string; kind: 'report' | 'after'; unitId: number } | null = null;
  if (p.hazardId) {
    const [h] = await ds.query(`SELECT id, code, unit_id FROM hazard WHERE id = ?`, [p.hazardId]);
    target = { id: Number(h.id), code: h.code, kind: p.kind ?? 'report', unitId: Number(h.unit_id) };
  } else {
    const since = p.now - PHOTO_WINDOW_MS;
    const inGroup = p.anyGroup ? '' : 'AND group_id = ?';
    const inGroupH = p.anyGroup ? '' : 'AND h.group_id = ?';
    const g = p.anyGroup ? [] : [p.groupId];
    const [rep] = await ds.query(`SELECT id, code, unit_id, created_at AS at FROM hazard WHERE reporter_id = ? ${inGroup} AND created_at >= ? ORDER BY created_at DESC LIMIT 1`, [p.memberId, ...g, since]);
    const [fix] = await ds.query(
      `SELECT h.id, h.code, h.unit_id, e.at FROM hazard_event e JOIN hazard h ON h.id = e.hazard_id WHERE e.actor_id = ? AND e.action = 'rectify' ${inGroupH} AND e.at >= ? ORDER BY e.at DESC LIMIT 1`,
      [p.memberId, ...g, since],
    );
    const pick = rep && (!fix || Number(rep.at) >= Number(fix.at)) ? { ...rep, kind: 'report' as const } : fix ? { ...fix, kind: 'after' as const } : null;
    if (pick) target = { id: Number(pick.id), code: pick.code, kind: pick.kind, unitId: Number(pick.unit_id) };
  }
  if (!target) return null;
  let count = 0;
  const failures: string[] = [];
  for (const [i, ref] of p.images.entries()) {
    const key = `${p.sourceMsg}#${i}`;
    const seen = await ds.query(`SELECT id FROM hazard_photo WHERE source_msg = ?`, [key]);
    if (seen.length) { count++; continue; }
    if (ref.kind === 'failed') { failures.push(ref.reason); continue; }
    if (ref.kind !== 'media') { failures.push('图片未能收下'); continue; }
    // The picture was stored at intake without a unit; it now belongs to the report's unit (signed links check it).
    await exec(ds, `UPDATE media SET unit_id = ? WHERE id = ?`, [target.unitId, ref.mediaId]);
    if (await insertIgnore(ds, 'hazard_photo', { hazard_id: target.id, media_id: ref.mediaId, kind: target.kind, at: p.now, source_msg: key })) {
      await addEvent(ds, target.id, p.now, { id: p.memberId, name: p.memberName }, 'photo', null, null, target.kind === 'after' ? '整改后照片' : '现场照片', null);
      count++;
    }
  }
  return count || failures.length ? { code: target.code, kind: target.kind, count, failures } : null;
}
