/**
 * Is anything open? A report names a state of this school now, or it does not: an earlier hazard since dealt with, one
 * removed on the spot, another school's accident, a plan or a supposition asked about, leave asked for something not
 * yet done. The major rules read states, so none of these matches one (major-match.ts); the clauses of a combined
 * report are read with the shorter clause test below; emergencies (emergency-types.ts NOT_NOW) share the word lists for
 * other schools and for what is not ours, and keep their own for drills and training, which are about incidents only.
 * One module, so a new way of saying "that was last term, it is fixed" helps all three.
 */

/** Said of an earlier event: 上个月…那件事, 上周讲的…那个事. */
const EARLIER = /原来|昨天|昨晚|上个?月|上周|上星期|上礼拜|上次|去年|上学期|前几天|前阵子|之前|那次|那件事|那个事|之后/;
/** …and that it has been dealt with since (a negation before it keeps it open: 还没处理). */
const DEALT_WITH = /(?<![没未不])(?:已经?|都已经?|就|都)(?:全部|都)?(?:拆|收走|换成|搬到|搬走|搬出|锁起来|拔掉|清走|清理|拆除|拆掉|整改|处理|通报处理|更换|换掉|换了|修好|修复|停用|重做|重新做|加固|补好|补办|补齐|换人|换新)|现在(?:加了|装了|有了|配了)|已于[^，,。]{0,6}(?:拆|完成|整改|更换|修)|已补(?:记录|登记|记)|查清了|(?:验收|复检|复查|复鉴)(?:已经?)?(?:通过|合格)|通过(?:了)?验收|(?:上礼拜|上周|上星期|昨天|前天|后来)[^，,。]{0,3}(?:装了|换了|修了|加了|补了)|换了新的|换上新的|换成新的|换新的了|全部换新|(?<![没未])已经?不再?(?:坐|用|开|让|放|住)|(?<![没未不])(?:处理了|处理完|整改完|整改好|清走了|拆掉了|修好了|换好了)|(?<![没未不])锁起来了|(?<![没未不])拿走了|之后[^，,。]{0,4}就?不(?:做|用|再)|现在一律|现在都(?:停|放|按|有)|现在每(?![天日])|现在好多了|后来[^，,。]{0,6}都安排|改成了?砖|当场[^，,。]{0,6}(?:推出去|拿走|收走|清走|制止)|没再[^，,。]{0,3}(?:看到|发现|进水|漏|出现|发生|坏|响)/;
/** What is still wrong after the all-clear: 「已经处理了一半，还有几辆」. */
const STILL_OPEN = /但是?|可是|不过|就是|只是|还有|另外|此外|新发现|还发现|又发现|一直没|没装回|一个都无|一个都没|全被拆|还在(?!清|收拾|整理|补)|照常|照样|又(?:有|发现|看到|出现|开始)|仍然|还是有|还没|还未/;
/** Asked about another school or the news: 「听讲别的学校…出过事，我们学校阿是也有？」 */
export const ELSEWHERE_WORDS = ['别的学校', '其他学校', '外校', '隔壁学校', '兄弟学校', '有学校', '有所学校', '有个学校', '有间学校', '某校', '某学校', '那所学校', '外地学校', '邻县', '邻镇', '隔壁县', '隔壁市', '外地有', '外省有', '外县有', '隔壁镇', '隔壁村', '隔壁乡', '有个幼儿园', '有所幼儿园', '有家幼儿园', '别的幼儿园', '其他幼儿园', '兄弟园', '新闻', '视频里', '网上'];
/** Not this school's: 「不是我们学校的车」, 「离学校三四公里…我们这边没事」. */
export const NOT_OURS_WORDS = [
  '不是我们学校', '不是我们的', '不是本校', '不是我校', '我们这边没事', '我们学校没事', '学校这边没事', '学校没受影响', '学校对面', '对面小区', '隔壁小区', '附近小区',
  '有户人家', '隔壁厝', '隔壁人家', '邻居家', '校门对面', '对面那家', '外面那个小区', '外面的小区', '小区有人', '居民楼', '居民家', '有间厝', '外面马路', '市政管道', '市政', '不是学校的', '我住的小区', '我家小区', '我家楼下', '不是校车', '不是接送车', '不是我们的车', '没影响', '没有影响', '围墙没事', '无此情况', '均无此', '均未发现',
];
const NOT_OURS = new RegExp(NOT_OURS_WORDS.join('|'));
/** …unless the message says it is ours after all: 「是我们学校的，不是校车」. */
const OURS = /(?<!不)是我们学校的|(?<!不)是本校的|(?<!不)是我们的/;
const ELSEWHERE = new RegExp(ELSEWHERE_WORDS.join('|'));
const ASKING = /[?？]|要不要|是不是|阿是|会不会|有没有|可以吗|行吗|行不行|能吗|哪些|多远|多久|几瓶|几个|就行/;
/**
 * Asking where a limit lies or what the rule wants, naming nothing wrong (「乙炔瓶最多能放几瓶？」「离楼要多远才可以」
 * 「易制爆的要单独一个柜吗」「要提前多久申请」), or a certificate with time still to run (「还有一个月到期」).
 */
const ASKS_THE_LIMIT = /最多(?:能|可以)?(?:放|存|装|坐|带|拉)几|(?:能|可以)(?:放|存|装)几|要多远|离[^，,。]{0,8}多远|要提前多久|提前多久|要单独[^，,。]{0,6}吗|还是[^，,。]{0,12}就行/;
const STILL_VALID = /还有[一二两三四五六七八九十半\d]+个?(?:月|天|周|星期|礼拜)(?:就|才)?(?:到期|过期)/;
/** A change only planned, asked about: 「明年能不能把地下室改成宿舍？」 */
const PLANNED = /(?:明年|下学期|下个月|下周|以后|将来|打算|计划|准备|在想|想把|想在|想要|想给)[^，,。]{0,14}(?:改成|改为|建|盖|搭|搬|装|用作|当成|换|备|囤|多放|多存)/;
/** Supposing, and asking whether it would count: 「请问如果老师把电动车推进走廊，只停五分钟，这样也算吗？」 */
const SUPPOSING = /^(?:请问|想问一下|想问下|问一下|问下|咨询[:：]?|老师)?[^，,。]{0,6}(?:如果|假如|假设|万一|要是|若是)/;
/** …asking whether it would count or be allowed (not 「万一着火怎么办？出口都锁了」, which reports the locks). */
/** A worry about what might happen, asked about: 「我担心学生偷偷把电池带进宿舍充，要不要先开个会？」 */
const WORRY = /^(?:[^，,。]{0,6}[，,])?[^，,。]{0,4}(?:担心|就怕|我怕)/;
/** A worry about later, anywhere in the message: 「…线路会不会不够用啊，担心到时有人乱接线」. */
const LATER_WORRY = /(?:担心|就怕|我怕|怕)(?:到时|以后|将来|哪天)/;

/**
 * Where a worry about later starts, in a message that asks about it; -1 if none. What follows it is supposed, not
 * seen: the rules read only what comes before (「宿舍有人私拉电线，我怕到时着火，要不要报？」 still reports the wiring).
 */
export function laterWorryAt(normalised: string): number {
  const worry = LATER_WORRY.exec(normalised);
  return worry && ASKING.test(normalised) ? worry.index : -1;
}
/** Still being planned: 「…算不算进楼？还在规划」. */
const STILL_PLANNED = /还在规划|规划中|还没建|准备建|打算建/;
/**
 * Asking where a rule's line lies, naming the rule's own thing (「焊接实训课算不算动火作业？」「停在架空层下面算不算进楼？」);
 * not 「这样算不算」 or 「算不算重大」, which ask about a state the message has just described.
 */
const WHAT_COUNTS = /算不算(?![^，,。?？]{0,6}(?:重大|违规|隐患|问题|违反|严重))[^，,。?？这那]{2,10}(?:[?？]|$)/;
const WOULD_IT_COUNT = /算吗|也算|算不算|算重大吗|是重大吗|算隐患吗|可以吗|行不行|可不可以|能不能|违规吗|合规吗|允许吗|要不要/;
/** Asking leave for something not yet done: 「电动车电池能不能放门卫室里充？」 「请问电池可以拿到办公室充电吗？」 */
const MAY_I = /(?:能不能|可不可以|可以|能否|是否可以|允不允许)(?:把|将|放|拿|带|推|停|充|存|搬|装|设|改)[^，,。?？]{0,16}(?:吗|[?？])/;
/** Dealt with on the spot, nothing said to be left: 「我当场收了锁到车棚充电柜里」, 「我先叫停了」. */
const ON_THE_SPOT = /被我(?:拦下|拦住|叫停|制止)|(?:当场|当时就?|已经?|马上|立刻|立即|随即|我就|我先|刚|(?<![先是要该])(?:叫|让)(?:人|车主|他|她|他们|她们|保安|司机|师傅|宿管|班主任|学生)(?=[^，,。]{0,6}(?:拿|推|搬|收|拔|牵|移|挪|清|倒|扔|拆|撤|运)))[^，,。]{0,6}(?:拿走|收走|收了(?![\d一二两三四五六七八九十几百]+)|运走|拿下楼|推下楼|搬下楼|清走|清出|清空|移走|搬走|搬出|锁到|锁进|没收|拔掉|拔了|剪掉|剪断|制止|叫停|处理掉|清理掉|扔掉|倒掉|推出去|推去|推到|牵出去|搬到|移到|转进|转到|分开|放回|拦下|拦住|退回|带回去|拆掉|拆了|拿出来|拿去|拿下去|拿出去|推下去|拆下来|撤走|挪回|挪走|挪开|挪到|装回|推回|拿回|搬回|送回|补签|贴了?封条|封存|拉了?围挡|围挡封死|围挡封闭)|(?:叫|让)[^，,。]{0,4}(?:下车|下来等)|重新炒|重新烧|回锅[^，,。]{0,4}炒透|没有?打出去|没有?端出去|全部(?:转进|转到|搬进|搬到|移到|清走|清出|倒掉)|重新煮|没有端出去|(?:我|已经?)叫[^，,。]{0,3}先?停(?:下|了|工|手)?|虚惊一场|误会一场/;

/** Food samples discarded early. */
const SAMPLES_THROWN_OUT = /(?:留样|样品)[^，,。；;]{0,10}(?:倒掉|扔掉|丢掉)/;

/** The clause around a position asks rather than tells: 「是先让孩子搬出来，还是…？」, 「要不要叫停」. */
function asksInClause(text: string, at: number): boolean {
  const start = Math.max(...['，', ',', '。', '；', ';', '!', '！'].map((p) => text.lastIndexOf(p, at))) + 1;
  const ends = ['，', ',', '。', '；', ';', '!', '！'].map((p) => text.indexOf(p, at)).filter((i) => i >= 0);
  const clause = text.slice(start, ends.length ? Math.min(...ends) : text.length);
  return /[?？]|还是|要不要|是不是|要不|吗$/.test(clause);
}

/**
 * The message reports no open hazard: an earlier one that has been dealt with since, a question prompted by another
 * school's accident, a change only planned and asked about, or a supposition asked about (「如果…这样也算吗？」).
 * The major rules read states, and none of these is a state of this school now.
 */
export function reportsNothingOpen(normalised: string): boolean {
  if ((ELSEWHERE.test(normalised) || PLANNED.test(normalised)) && ASKING.test(normalised)) return true;
  if ((NOT_OURS.test(normalised) && !OURS.test(normalised)) || MAY_I.test(normalised) || WHAT_COUNTS.test(normalised)) return true;
  if (ASKS_THE_LIMIT.test(normalised) && ASKING.test(normalised)) return true;
  if (STILL_VALID.test(normalised) && !/已经?过期|过期了|到期了/.test(normalised)) return true;
  const spot = ON_THE_SPOT.exec(normalised);
  // 「昨天的样品已经倒掉了」 is the fault itself: samples are kept 48 hours, not thrown out.
  if (spot && !SAMPLES_THROWN_OUT.test(normalised) && !STILL_OPEN.test(normalised.slice(spot.index + spot[0].length)) && !asksInClause(normalised, spot.index)) return true;
  if ((SUPPOSING.test(normalised) || WORRY.test(normalised) || STILL_PLANNED.test(normalised)) && WOULD_IT_COUNT.test(normalised)) return true;
  if (!EARLIER.test(normalised)) return false;
  const dealt = DEALT_WITH.exec(normalised);
  return dealt !== null && !STILL_OPEN.test(normalised.slice(dealt.index + dealt[0].length));
}

/** A clause of a list that names no open finding: a hypothetical, something past, something put right. */
/** …put right: anywhere in the clause, a note in brackets too (「拖把桶（已当场移走）」). */
const CLAUSE_FIXED = /当场|顺手|已经?(?:重新)?[^，,。；;]{0,3}好了|已整改|已经整改|修好了|已修复|已处理|已经处理|处理好了/;
/** …supposed or past: in the clause itself, not in a note in brackets that gives the cause (「没贴（上学期刷墙撕掉了）」). */
const CLAUSE_NOT_NOW = /万一|如果|假如|要是|担心|以前|(?<!是|从)去年(?![底末]|\d|[一二三四五六七八九十]+月|就|起|开始|到现在|一直)|上学期/;

/** …or says an exit is as it should be: 「出口也没锁」「楼梯通道是通的」 (a cabinet 没锁 is a defect; an exit 没锁 is not). */
const EXIT_IN_ORDER = /(?:出口|安全门|疏散门|通道|楼梯|楼道)[^，,。；;]{0,4}(?:没锁|没有锁|没上锁|未上锁|是通的|畅通|通畅|没堵|没有堵)/;

export function clauseNotOpen(clause: string): boolean {
  return CLAUSE_FIXED.test(clause) || EXIT_IN_ORDER.test(clause) || CLAUSE_NOT_NOW.test(clause.replace(/[(（][^)）]*[)）]/g, ''));
}
