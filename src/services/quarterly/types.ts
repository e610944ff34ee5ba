/** Types of the quarterly-form catalogue (附件3-6 of the 2025 programme). */

export type FormId = 'f3' | 'f4' | 'f5' | 'f6';

export type Unit = '家' | '人' | '条' | '个' | '份' | '场次' | '家次' | '人次' | '万元';

/** From when a figure is counted ("累计"), or the corrected 2024 base count. */
export type Period = 'since-2021-08' | 'since-2024-02' | 'since-2024-04' | 'since-2025-01' | 'base-2024';

/** Who knows the figure: each school about itself (summed into its district), or the district bureau. */
export type Supplier = 'school' | 'district';

/** Who files: a school under a district, a district bureau, or a 市属学校 that files to the city like a district. */
export type FilerRole = Supplier | 'city-school';

/** Row dimension of a form: none, 达标类型 (附件3) or 层级 (附件4). */
export type DimKind = 'none' | 'grade' | 'level';
export type GradeValue = '国标' | '省标' | '地标';
export type LevelValue = '市级' | '县级' | '乡级';
export type DimValue = GradeValue | LevelValue;

/** Ledger figures the bot can propose for a cell; the caller computes them for the field's period. */
export type LedgerValue =
  | 'hazards_found' // hazards recorded (self-check) in the period
  | 'hazards_rectified' // of those, rectified or closed
  | 'hazards_reported' // hazards reported by staff (内部报告)
  | 'risk_rated' // 1 when the school has an overall 四色 rating
  | 'risk_red'
  | 'risk_orange'
  | 'risk_yellow'
  | 'risk_blue'
  | 'major_hazard_schools' // schools with a 挂牌督办 major hazard
  | 'major_hazards'
  | 'major_hazards_rectified';

/** What a form file writes for one field; the catalogue adds form, label path and columns. */
export interface FieldSpec {
  key: string;
  /** Short label for chat and messages; unique within its form. */
  short: string;
  /** School-friendly chat label (企业 read as 学校); defaults to `short` with 企业→学校 on 附件3-5. */
  chat?: string;
  aliases?: readonly string[];
  unit: Unit;
  period: Period;
  supplier: Supplier;
  /** Only for forms with a row dimension: the dim values this field has a cell for (default: all). */
  dimValues?: readonly DimValue[];
  /** false for a unit-level column of a form with a row dimension (merged over the unit's rows). */
  perDim?: boolean;
  ledger?: LedgerValue;
}

/** One node of a form's header; labels are the seed's, with whitespace removed and ︵︶ read as （）. */
export interface HeaderNode {
  label: string;
  children?: readonly HeaderNode[];
  /** Header rows this node covers when it has children (default 1); leaves run to the last header row. */
  rows?: number;
  /** A leaf column holding a field. */
  field?: FieldSpec;
  /** A leaf column that shows the row's dim value (达标类型 / 层级); `values` are the rows it has a cell in. */
  dimColumn?: readonly DimValue[];
  /** A field that fills all of this node's columns in the rows of its dimValues (附件3 地标: 达标评审不分级). */
  spanField?: FieldSpec;
  /** The 填报单位类型 column. */
  rowLabel?: true;
}

export interface FormSpec {
  id: FormId;
  annex: string;
  title: string;
  dim: DimKind;
  /** Row kinds the seed's form lists (市直单位, 县（市、区）). */
  rowKinds: readonly string[];
  /** Read 企业 as 学校 in chat labels. */
  schoolReading: boolean;
  header: readonly HeaderNode[];
  notes: string;
}

export interface FieldDef extends Omit<FieldSpec, 'chat' | 'aliases' | 'dimValues' | 'perDim'> {
  form: FormId;
  /** Official header path, top level first. */
  labelPath: readonly string[];
  chat: string;
  aliases: readonly string[];
  dim: DimKind;
  /** Dim values with a cell; empty when the field is one cell per unit. */
  dimValues: readonly DimValue[];
  /** 1-based sheet columns [first, last] the field's cells occupy. */
  columns: readonly [number, number];
}

export interface FormDef extends FormSpec {
  dimValues: readonly DimValue[];
  fields: readonly FieldDef[];
  /** Number of sheet columns, label columns included. */
  columnCount: number;
  headerDepth: number;
}

/** A cell is a field, or a field in one row of the form's dimension: `f3.grade_level1@国标`. */
export interface CellRef {
  id: string;
  field: FieldDef;
  dim?: DimValue;
}

export const GRADE_VALUES: readonly GradeValue[] = ['国标', '省标', '地标'];
export const LEVEL_VALUES: readonly LevelValue[] = ['市级', '县级', '乡级'];
