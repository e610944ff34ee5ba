import { EntitySchema } from 'typeorm';
import { bool, int, ms, pk, str, text } from './columns';

export type HazardStatus = 'pending' | 'rectifying' | 'verifying' | 'closed' | 'rejected';

/** One reported hazard: a row of the 隐患清单 and, once confirmed, of the 整改清单. */
export interface Hazard {
  id: number;
  code: string;
  unitId: number;
  groupId: number | null;
  reporterId: number | null;
  reporterName: string;
  description: string;
  location: string | null;
  area: string;
  itemCode: string;
  risk: 'red' | 'orange' | 'yellow' | 'blue';
  major: boolean;
  majorCriterion: string | null;
  majorSuspected: boolean;
  classifierSource: string;
  status: HazardStatus;
  deadlineAt: number;
  responsibleId: number | null;
  responsibleName: string | null;
  measures: string | null;
  rectifiedById: number | null;
  rectifiedAt: number | null;
  verifiedById: number | null;
  verifiedAt: number | null;
  verifyNote: string | null;
  closedAt: number | null;
  rejectReason: string | null;
  sourceMsg: string | null;
  /** Emergency type when the record was filed 紧急 (an incident in progress), else null. */
  emergency: string | null;
  /** 来源: 自查 | 内部报告 | 上级检查 | 群众反映, set at report time (migration 0010). */
  origin: string;
  /** 临时管控措施 for red and major items, until rectified (migration 0010). */
  interimMeasures: string | null;
  version: number;
  /** The open hazard this report looked like a repeat of when it was filed (migration 0012). */
  duplicateOfId: number | null;
  createdAt: number;
  updatedAt: number;
}

export const HazardEntity = new EntitySchema<Hazard>({
  name: 'Hazard',
  tableName: 'hazard',
  columns: {
    id: pk,
    code: str(32),
    unitId: { ...int(), name: 'unit_id' },
    groupId: { ...int(true), name: 'group_id' },
    reporterId: { ...int(true), name: 'reporter_id' },
    reporterName: { ...str(100), name: 'reporter_name' },
    description: text(false),
    location: str(200, true),
    area: str(32),
    itemCode: { ...str(64), name: 'item_code' },
    risk: str(8),
    major: bool(),
    majorCriterion: { ...str(64, true), name: 'major_criterion' },
    majorSuspected: { ...bool(), name: 'major_suspected' },
    classifierSource: { ...str(16), name: 'classifier_source' },
    status: str(16),
    deadlineAt: { ...ms(), name: 'deadline_at' },
    responsibleId: { ...int(true), name: 'responsible_id' },
    responsibleName: { ...str(100, true), name: 'responsible_name' },
    measures: text(),
    rectifiedById: { ...int(true), name: 'rectified_by_id' },
    rectifiedAt: { ...ms(true), name: 'rectified_at' },
    verifiedById: { ...int(true), name: 'verified_by_id' },
    verifiedAt: { ...ms(true), name: 'verified_at' },
    verifyNote: { ...text(), name: 'verify_note' },
    closedAt: { ...ms(true), name: 'closed_at' },
    rejectReason: { ...text(), name: 'reject_reason' },
    sourceMsg: { ...str(191, true), name: 'source_msg' },
    emergency: str(32, true),
    origin: { ...str(16), default: '自查' },
    interimMeasures: { ...text(), name: 'interim_measures' },
    version: { ...int(), default: 0 },
    duplicateOfId: { ...int(true), name: 'duplicate_of_id' },
    createdAt: { ...ms(), name: 'created_at' },
    updatedAt: { ...ms(), name: 'updated_at' },
  },
});
