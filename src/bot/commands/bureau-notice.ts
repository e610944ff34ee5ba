import type { BotContext } from '../context';
import { sourceOf } from './hazard-common';
import type { HazardRow } from '../../services/hazards/hazard.types';
import { bureauChangeNotice } from '../../services/hazards/conversation-texts';

/**
 * When a district or the city changes the state of a school's hazard (销号, 挂牌督办 lifted, regrade, sent back),
 * the school's own groups hear it: the people who live with the hazard should not learn it from a list. Keyed by
 * the message that made the change, so a reprocessed command tells nobody twice.
 */
export async function tellSchoolOfBureauChange(ctx: BotContext, h: HazardRow, what: string): Promise<void> {
  const m = ctx.member;
  if (!m || m.unitId === h.unitId) return;
  const actorUnit = ctx.services.units.get(m.unitId);
  if (!actorUnit || actorUnit.kind === 'school') return;
  for (const g of await ctx.services.org.groupsOfUnit(h.unitId)) {
    if (g.id === ctx.group.id) continue;
    await ctx.services.outbox.enqueue(ctx.services.ds, {
      dedupeKey: `bureau:${sourceOf(ctx)}:${g.id}`, kind: 'notice', route: { kind: 'group', groupId: g.id }, urgent: Boolean(h.major),
      body: { markdown: bureauChangeNotice(actorUnit.name, m.name, h, what) },
    });
  }
}
