/** Every user-facing sentence of the quarterly-form services, kept together for review. */
import type { DimKind, Supplier } from './types.js';
import { echo } from '../../platforms/escape';

const DIM_NAME: Record<DimKind, string> = { none: '', grade: '达标类型', level: '层级' };
const SUPPLIER_NAME: Record<Supplier, string> = { school: '各学校', district: '县（市、区）教育局' };

const list = (items: readonly string[], max = 8): string =>
  items.length > max ? `${items.slice(0, max).join('、')} 等 ${items.length} 项` : items.join('、');

export const MSG = {
  emptyInput: () => '没有收到数据，请写成 名称=数字，例如 自查隐患数量=12 整改隐患数量=10',
  noValue: (token: string) => `「${echo(token, 40)}」缺少数值，请写成 名称=数字，例如 自查隐患数量=12`,
  noName: (token: string) => `「${echo(token, 40)}」缺少名称，请写成 名称=数字，例如 自查隐患数量=12`,
  unknownField: (name: string, suggestions: readonly string[]) =>
    suggestions.length ? `不认识「${echo(name, 40)}」，你是不是想填：${suggestions.join('、')}？` : `不认识「${echo(name, 40)}」，请用表上的栏目名称，例如 自查隐患数量`,
  ambiguous: (name: string, candidates: readonly string[]) => `「${echo(name, 40)}」对应多项：${list(candidates)}，请写完整名称`,
  needDim: (label: string, kind: DimKind, example: string, values: readonly string[]) =>
    `${label}按${DIM_NAME[kind]}分行填报，请写成 ${example}（可选：${values.join('、')}）`,
  noDim: (label: string, dim: string) => `${label}不分行填报，请去掉「@${echo(dim, 20)}」`,
  badDim: (label: string, dim: string, values: readonly string[], hint?: string) =>
    `${label}没有「${echo(dim, 20)}」这一行（可选：${values.join('、')}）${hint ? `；${dim}请填「${hint}」` : ''}`,
  notNumber: (label: string, raw: string) => `${label}的值「${echo(raw, 20)}」不是数字`,
  negative: (label: string, raw: string) => `${label}不能是负数（${echo(raw, 20)}）`,
  notWhole: (label: string, raw: string) => `${label}必须是整数（${echo(raw, 20)}）`,
  tooManyDecimals: (label: string, raw: string) => `${label}以万元为单位，最多保留两位小数（${echo(raw, 20)}）`,
  duplicate: (label: string, first: string, second: string) => `${label}填了两次（${echo(first, 30)} 和 ${echo(second, 30)}），请只保留一个`,
  notYours: (label: string, supplier: Supplier) => `${label}由${SUPPLIER_NAME[supplier]}填报，这里不用填`,
  unknownCell: (id: string) => `未知的栏目「${id}」`,
  missing: (labels: readonly string[]) => `还有 ${labels.length} 项没填：${list(labels, 30)}（没有的请填 0）`,
  notGreater: (left: string, lv: number, right: string, rv: number) => `${left}（${lv}）不能大于${right}（${rv}）`,
  sumNotGreater: (parts: readonly string[], sum: number, right: string, rv: number) =>
    `${parts.join('、')}之和（${sum}）不能大于${right}（${rv}）`,
  requires: (when: string, value: number, then: string) => `${when}为 ${value} 时，${then}不能为 0`,
  schoolsAtMost: (label: string, value: number) =>
    `${label}（${value}）按学校计数，本校只能填 0 或 1（规则：学校数不超过本单位的学校数）。本校做到了请填 1，没有请填 0`,
  exclusive: (graded: readonly string[], self: string) =>
    `${graded.join('、')}与${self}不能同时计同一所学校（规则：自评学校指未经定级（达标）评审、只完成内部自评的学校，附件3注4）。已定级请填 ${self}=0；只做了自评请把 ${graded.join('、')}填 0`,
};
