import type { Services } from '../container';
import type { ImageRef } from '../../platforms/types';
import { decryptMedia } from '../../platforms/wecom/crypto';
import { DingtalkTokenCache } from '../../platforms/dingtalk/token-cache';
import { MAX_MEDIA_BYTES, saveMedia, sniffImage } from '../media';
import { exec, insertIgnore } from '../../db/sql';
import { addEvent } from './hazard.service';

export const PHOTO_WINDOW_MS = 10 * 60_000;

async function fetchBytes(url: string, init?: RequestInit): Promise<Buffer> {
  if (!/^https?:\/\//.test(url)) throw new Error('not an http(s) url');
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000), redirect: 'follow' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const buf = Buffer.from(await res.arrayBuffer());
  if (buf.length > MAX_MEDIA_BYTES) throw new Error('image too large');
  return buf;
}

let tokens: DingtalkTokenCache | null = null;

/** Downloads a picture the platform only referenced; never on the ack path. */
export async function loadImage(services: Services, ref: ImageRef): Promise<Buffer> {
  if (ref.kind === 'data_url') {
    const b64 = ref.dataUrl.slice(ref.dataUrl.indexOf(',') + 1);
    return Buffer.from(b64, 'base64');
  }
  if (ref.kind === 'wecom_ws_url') return decryptMedia(ref.aesKey.replace(/=+$/, ''), await fetchBytes(ref.url));
  if (ref.kind === 'wecom_url') {
    const key = services.config.wecomBot?.aesKey;
    if (!key) throw new Error('WeCom bot key not configured');
    return decryptMedia(key, await fetchBytes(ref.url));
  }
  const dt = services.config.dingtalk;
  if (!dt) throw new Error('DingTalk not configured');
  tokens ??= new DingtalkTokenCache({ apiBase: services.config.DINGTALK_API_BASE, clock: services.clock });
  const token = await tokens.get(dt);
  if (!token.ok) throw new Error(`token: ${token.code}`);
  const res = await fetch(`${services.config.DINGTALK_API_BASE}/v1.0/robot/messageFiles/download`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token.token },
    body: JSON.stringify({ downloadCode: ref.downloadCode, robotCode: ref.robotCode || dt.robotCode || dt.appKey }), signal: AbortSignal.timeout(10_000),
  });
  const json: any = await res.json().catch(() => ({}));
  if (!res.ok || typeof json.downloadUrl !== 'string') throw new Error(`download code refused: HTTP ${res.status}`);
  return fetchBytes(json.downloadUrl);
}

/**
 * Attaches pictures to the sender's latest report (or their latest /整改, as an after-photo) in this group
 * within 10 minutes. Returns the hazard code, or null when there is nothing recent to attach to.
 */
export async function attachPhotos(
  services: Services, p: { memberId: number; memberName: string; groupId: number; images: ImageRef[]; sourceMsg: string; now: number; hazardId?: number; kind?: 'report' | 'after' },
): Promise<{ code: string; kind: 'report' | 'after'; count: number } | null> {
  const { ds } = services;
  let target: { id: number; code: string; kind: 'report' | 'after'; unitId: number } | null = null;
  if (p.hazardId) {
    const [h] = await ds.query(`SELECT id, code, unit_id FROM hazard WHERE id = ?`, [p.hazardId]);
    target = { id: Number(h.id), code: h.code, kind: p.kind ?? 'report', unitId: Number(h.unit_id) };
  } else {
    const since = p.now - PHOTO_WINDOW_MS;
    const [rep] = await ds.query(`SELECT id, code, unit_id, created_at AS at FROM hazard WHERE reporter_id = ? AND group_id = ? AND created_at >= ? ORDER BY created_at DESC LIMIT 1`, [p.memberId, p.groupId, since]);
    const [fix] = await ds.query(
      `SELECT h.id, h.code, h.unit_id, e.at FROM hazard_event e JOIN hazard h ON h.id = e.hazard_id WHERE e.actor_id = ? AND e.action = 'rectify' AND h.group_id = ? AND e.at >= ? ORDER BY e.at DESC LIMIT 1`,
      [p.memberId, p.groupId, since],
    );
    const pick = rep && (!fix || Number(rep.at) >= Number(fix.at)) ? { ...rep, kind: 'report' as const } : fix ? { ...fix, kind: 'after' as const } : null;
    if (pick) target = { id: Number(pick.id), code: pick.code, kind: pick.kind, unitId: Number(pick.unit_id) };
  }
  if (!target) return null;
  let count = 0;
  for (const [i, ref] of p.images.entries()) {
    const key = `${p.sourceMsg}#${i}`;
    const seen = await ds.query(`SELECT id FROM hazard_photo WHERE source_msg = ?`, [key]);
    if (seen.length) { count++; continue; }
    let data: Buffer;
    try {
      data = await loadImage(services, ref);
    } catch (err: any) {
      services.log.warn({ err: err?.message, kind: ref.kind }, 'could not fetch picture');
      continue;
    }
    const mime = sniffImage(data);
    if (!mime) continue;
    const mediaId = await saveMedia(ds, data, mime, target.unitId, p.now);
    if (await insertIgnore(ds, 'hazard_photo', { hazard_id: target.id, media_id: mediaId, kind: target.kind, at: p.now, source_msg: key })) {
      await addEvent(ds, target.id, p.now, { id: p.memberId, name: p.memberName }, 'photo', null, null, target.kind === 'after' ? '整改后照片' : '现场照片', null);
      count++;
    } else {
      await exec(ds, `DELETE FROM media WHERE id = ?`, [mediaId]);
    }
  }
  return count ? { code: target.code, kind: target.kind, count } : null;
}
