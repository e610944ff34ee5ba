// People named in a question: "李老师报的", "东海中学王安全员上报的", "赵师傅负责整改的", "柯园长负责整改的那几条".
// A titled surname (李老师) or a full name said before 报/负责; who reported it or who owns the rectification is
// read from the verb that follows.
import { PERSON_NAME, PERSON_TITLES } from './people-titles';

export interface PersonHit {
  name: string;
  role: 'reporter' | 'responsible';
  at: number;
  end: number;
}

const TITLES = [...PERSON_TITLES].sort((a, b) => b.length - a.length).join('|');
/** Characters that are not a surname however they sit before a title: 的王老师 is 王老师, 各校长 is nobody. */
const NOT_SURNAME = '的是和跟与找让被给由请各全本该每那这哪个位名副正班总校园区县市里上下今去你我他她它谁';
const TITLED = new RegExp(`([\\u4e00-\\u9fa5])(${TITLES})`, 'gu');
/** Common surnames: a full name without a title starts with one. */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤柯洪庄骆施颜';
/** A full name without a title counts only right before the verb: "张伟报的", "陈明负责的". */
const BARE = new RegExp(`(?<=^|[＿，,、。:：])([${SURNAMES}][\\u4e00-\\u9fa5]{1,2}?)(?=(?:上报|报的|报了|负责))`, 'gu');
/** Words that sit where a bare name would: never people. */
const NOT_PEOPLE = /^(?:学校|单位|全市|全区|各区|各校|我们|他们|大家|谁|哪个|哪些|本校|本区|新增|隐患|问题|上级|群众|自查|这个|那个|这些|那些|本月|今年)$|方案|季报|年报|承诺书|自评|[月周年天季期次]/;
const RESPONSIBLE_VERB = /^[＿]*(?:负责|整改|处理|改完|销号|承办|牵头)/;
const REPORTER_VERB = /^[＿]*(?:上报|报|发现|提交|上传|反映|登记)/;

export function personHits(text: string): PersonHit[] {
  const hits: PersonHit[] = [];
  const add = (name: string, at: number) => {
    const end = at + name.length;
    if (!PERSON_NAME.test(name) || hits.some((h) => at < h.end && end > h.at)) return;
    const after = text.slice(end, end + 12);
    const role = RESPONSIBLE_VERB.test(after) ? 'responsible' : REPORTER_VERB.test(after) ? 'reporter' : null;
    // A titled name with no verb after it is who reported ("李老师的隐患"); a bare one needs its verb.
    hits.push({ name, role: role ?? 'reporter', at, end });
  };
  for (const m of text.matchAll(TITLED)) if (!NOT_SURNAME.includes(m[1])) add(m[1] + m[2], m.index);
  for (const m of text.matchAll(BARE)) if (!NOT_PEOPLE.test(m[1])) add(m[1], m.index);
  return hits.sort((a, b) => a.at - b.at);
}
