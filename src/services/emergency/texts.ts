import { safeText } from '../hazards/cards';
import type { HazardRow } from '../hazards/hazard.types';
import type { EmergencyType } from './emergency-types';

/** Reply templates for emergencies, kept together for review. The immediate steps come first: people act on them. */

export function emergencyReply(h: HazardRow, type: EmergencyType): string {
  return [
    `**🚨 紧急情况：${type.title}**`,
    '立即：',
    ...type.steps.map((step, i) => `${i + 1}. ${step}`),
    `已登记 ${h.code}（紧急，处置中）${h.location ? ` · 📍 ${safeText(h.location, 60)}` : ''}`,
    '已通知：校长、区教育局安全群',
    `处置后：/整改 ${h.code} <采取的措施>`,
  ].join('\n');
}

export function emergencyPrincipalAlert(h: HazardRow, type: EmergencyType, unitName: string, names: string): string {
  return [
    `**🚨 请${names}立即到场：${type.title}**`,
    `${unitName} · ${h.code}${h.location ? ` · ${safeText(h.location, 60)}` : ''}`,
    `> ${safeText(h.description, 120)}`,
    `上报 ${safeText(h.reporterName, 40)} · 立即：${type.steps[0]}`,
  ].join('\n');
}

export function emergencyDistrictAlert(h: HazardRow, type: EmergencyType, unitName: string): string {
  return [
    `**🚨 ${unitName} 紧急情况：${type.title}**`,
    `${h.code}${h.location ? ` · ${safeText(h.location, 60)}` : ''}`,
    `> ${safeText(h.description, 120)}`,
    `学校已收到处置步骤并通知校长。/查询 ${h.code} 查看进展。`,
  ].join('\n');
}
