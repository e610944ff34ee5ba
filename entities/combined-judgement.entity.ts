import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';

/** A 综合判定 raised on a unit: the open findings that met a combined rule's threshold, and the 疑似重大 filed for them. */
export interface CombinedJudgement {
  id: number;
  unitId: number;
  ruleCode: string;
  /** `<unit>:<rule>` while open (unique: one open judgement per unit and rule), null once closed. */
  openKey: string | null;
  hazardId: number | null;
  /** JSON array of the hazard ids counted when it was raised. */
  findings: string;
  openedAt: number;
  closedAt: number | null;
}

export const CombinedJudgementEntity = new EntitySchema<CombinedJudgement>({
  name: 'CombinedJudgement',
  tableName: 'combined_judgement',
  columns: {
    id: pk,
    unitId: { ...int(), name: 'unit_id' },
    ruleCode: { ...str(64), name: 'rule_code' },
    openKey: { ...str(191, true), name: 'open_key', unique: true },
    hazardId: { ...int(true), name: 'hazard_id' },
    findings: text(false),
    openedAt: { ...ms(), name: 'opened_at' },
    closedAt: { ...ms(true), name: 'closed_at' },
  },
});
