import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';

/** Append-only history of a hazard: who, when, from → to, note. */
export interface HazardEvent {
  id: number;
  hazardId: number;
  at: number;
  actorId: number | null;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  sourceMsg: string | null;
}

export const HazardEventEntity = new EntitySchema<HazardEvent>({
  name: 'HazardEvent',
  tableName: 'hazard_event',
  columns: {
    id: pk,
    hazardId: { ...int(), name: 'hazard_id' },
    at: ms(),
    actorId: { ...int(true), name: 'actor_id' },
    actorName: { ...str(100), name: 'actor_name' },
    action: str(32),
    fromStatus: { ...str(16, true), name: 'from_status' },
    toStatus: { ...str(16, true), name: 'to_status' },
    note: text(),
    sourceMsg: { ...str(191, true), name: 'source_msg' },
  },
});
