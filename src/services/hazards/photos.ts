import type { Services } from '../container';
import type { ImageRef, IncomingMessage } from '../../platforms/types';
import { hazards, type PhotoTarget } from '../../db/repositories/hazard.repository';
import { assignMediaUnit, dropUnusedMedia, saveMedia } from '../media';
import { addEvent } from './hazard.service';

export const PHOTO_WINDOW_MS = 10 * 60_000;

/**
 * Downloads every picture of a message as soon as it is processed (WeCom image links last 5 minutes), stores it,
 * and replaces each reference with the stored media id, or with the reason it could not be had. Runs in the
 * worker, never on the ack path.
 */
export async function intakeImages(services: Services, msg: IncomingMessage): Promise<ImageRef[]> {
  // The platform this message came from knows how its pictures are had (src/platforms/media-fetch.ts).
  const source = services.media?.[msg.platform];
  const out: ImageRef[] = [];
  for (const ref of msg.images) {
    if (ref.kind === 'media' || ref.kind === 'failed') {
      out.push(ref);
      continue;
    }
    const got = source ? await source.fetch(ref, msg.receivedAt) : { ok: false as const, reason: '图片下载失败', detail: 'no media source for this platform' };
    let failure = got.ok ? null : { reason: got.reason, detail: got.detail };
    if (got.ok) {
      try {
        out.push({ kind: 'media', mediaId: await saveMedia(services.ds, got.bytes, got.mime, null, services.clock.now()) });
      } catch (err) {
        failure = { reason: '图片下载失败', detail: String((err as Error)?.message ?? err) };
      }
    }
    if (failure) {
      services.log.warn({ kind: ref.kind, reason: failure.reason, err: failure.detail }, 'could not fetch picture');
      out.push({ kind: 'failed', reason: failure.reason });
    }
  }
  return out;
}

/** Stored pictures of this message that no report took: not kept. */
export async function dropUnusedImages(services: Services, refs: ImageRef[]): Promise<void> {
  const ids = refs.flatMap((r) => (r.kind === 'media' ? [r.mediaId] : []));
  if (!ids.length) return;
  await dropUnusedMedia(services.ds, ids);
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
  const room = hazards(ds);
  let target: { id: number; code: string; kind: 'report' | 'after'; unitId: number } | null = null;
  if (p.hazardId) {
    const h = (await room.byId(p.hazardId))!;
    target = { id: h.id, code: h.code, kind: p.kind ?? 'report', unitId: h.unitId };
  } else {
    const since = p.now - PHOTO_WINDOW_MS;
    const groupId = p.anyGroup ? null : p.groupId;
    const rep: PhotoTarget | null = await room.latestReportBy(p.memberId, groupId, since);
    const fix: PhotoTarget | null = await room.latestRectifyBy(p.memberId, groupId, since);
    const pick = rep && (!fix || rep.at >= fix.at) ? { ...rep, kind: 'report' as const } : fix ? { ...fix, kind: 'after' as const } : null;
    if (pick) target = { id: pick.id, code: pick.code, kind: pick.kind, unitId: pick.unitId };
  }
  if (!target) return null;
  let count = 0;
  const failures: string[] = [];
  for (const [i, ref] of p.images.entries()) {
    const key = `${p.sourceMsg}#${i}`;
    if (await room.photoExists(key)) { count++; continue; }
    if (ref.kind === 'failed') { failures.push(ref.reason); continue; }
    if (ref.kind !== 'media') { failures.push('图片未能收下'); continue; }
    // The picture was stored at intake without a unit; it now belongs to the report's unit (signed links check it).
    await assignMediaUnit(ds, ref.mediaId, target.unitId);
    if (await room.attachPhoto({ hazardId: target.id, mediaId: ref.mediaId, kind: target.kind, at: p.now, sourceMsg: key })) {
      await addEvent(ds, target.id, p.now, { id: p.memberId, name: p.memberName }, 'photo', null, null, target.kind === 'after' ? '整改后照片' : '现场照片', null);
      count++;
    }
  }
  return count || failures.length ? { code: target.code, kind: target.kind, count, failures } : null;
}
