import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';

/** 挂牌督办 of a 重大事故隐患 and its 五落实 (措施、责任人、资金、时限、应急预案). */
export interface Supervision {
  id: number;
  hazardId: number;
  openedAt: number;
  measures: string | null;
  owner: string | null;
  funds: string | null;
  timeLimit: string | null;
  plan: string | null;
  updatedAt: number;
  closedAt: number | null;
}

export const SupervisionEntity = new EntitySchema<Supervision>({
  name: 'Supervision',
  tableName: 'supervision',
  columns: {
    id: pk,
    hazardId: { ...int(), name: 'hazard_id', unique: true },
    openedAt: { ...ms(), name: 'opened_at' },
    measures: text(),
    owner: str(100, true),
    funds: str(100, true),
    timeLimit: { ...str(100, true), name: 'time_limit' },
    plan: text(),
    updatedAt: { ...ms(), name: 'updated_at' },
    closedAt: { ...ms(true), name: 'closed_at' },
  },
});
