// The summary's refusals and hints (/进度, /目标), apart from texts.ts so that the rooms that compute facts can
// throw them without importing the formatting that reads those facts (data flows facts → texts, one way).
import { echo } from '../../platforms/escape';

export const SUMMARY_TEXT = {
  teacher: (role: string) => `进度汇总只对校长、安全员、区教育局和市教育局管理员开放（你是：${role}）。要看本单位在办隐患请发 /清单。`,
  noUnit: '你还没有所属单位。请管理员先 /绑定 本群。',
  unknownUnit: (name: string, hint: string) => `没有找到单位「${echo(name, 40)}」。${hint}`,
  outOfScope: (name: string, who: string) => `「${name}」不在你的查看范围。${name}的进度只有${who}可以查看。`,
  whoMaySee: (kind: 'city' | 'district' | 'school', district?: string) =>
    kind === 'city' ? '市教育局管理员'
      : kind === 'district' ? `${district}教育局管理员和市教育局管理员`
        : district ? `该校校长、安全员，${district}教育局管理员和市教育局管理员` : '该校校长、安全员和市教育局管理员',
  badMetric: (word: string) => `不认识「${echo(word, 40)}」。可填：标杆学校、达标学校、示范岗位，例如 /目标 标杆学校=9 达标学校=41 示范岗位=96`,
  badCount: (label: string) => `${label}要填整数个数（不是百分比），例如 ${label}=9`,
};
