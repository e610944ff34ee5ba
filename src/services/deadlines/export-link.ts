import type { LinkSigner } from '../links';

/** Where `/截止 导出` points: the calendar as YAML, served by src/http/deadlines.route.ts. */
export const CALENDAR_EXPORT_PATH = '/files/deadlines.yaml';
/** Long enough to tap the link on a phone, short enough that a forwarded link soon stops working. */
export const CALENDAR_LINK_MINUTES = 10;

export function calendarExportLink(links: LinkSigner, unitId: number | null, now: number): string {
  return links.sign(CALENDAR_EXPORT_PATH, unitId, now + CALENDAR_LINK_MINUTES * 60_000);
}
