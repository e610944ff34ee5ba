/**
 * English reports (international schools, teachers who write English) for the local classifier: the English words
 * are glossed with the Chinese words the checklist items and the cue patterns are written in, and the glosses are
 * appended to the text, so 「The fire extinguisher on floor 2 is expired」 ranks like 「2楼灭火器过期」. The model path
 * reads English by itself. Each pattern is a plain alternation with word boundaries: linear in the text.
 */

/** [English pattern, Chinese gloss or a function of the match]. The longest match claims its span, so a shorter pattern inside it is not glossed again. */
const WORDS: [RegExp, string | ((m: RegExpMatchArray) => string)][] = [
  // phrases of the major criteria, first so they claim their words
  [/\bburning smell\b|\bsmell(?:s|ing)? (?:of )?burning\b/g, '焦味'],
  [/\b(?:on fire|caught fire|catch(?:es|ing)? fire|in flames|ablaze|burning|flames? (?:coming|everywhere))\b/g, '着火'],
  [/\bhot[- ]work (?:permit|approval)s?\b|\bwelding permits?\b|\bhot[- ]work\b/g, '动火 审批'],
  [/\bweld(?:ing|er|ers)?\b|\bcutting torch(?:es)?\b|\bangle grinders?\b|\bblow ?torch(?:es)?\b/g, '电焊'],
  [/\bwelded (?:shut|closed)\b|\bwelded\b/g, '焊死'],
  [/\b(?:no ?one|nobody|no one is|nobody is) (?:watching|supervising|there|around|in charge|responsible|on site)\b|\bunsupervised\b|\bunattended\b/g, '没人看'],
  [/\b(?:iron|metal|steel|security) (?:bars|grilles?|grates?|mesh|cages?)\b|\bwindow (?:bars|grilles?)\b|\bburglar (?:bars|mesh)\b/g, '铁栅栏 防盗网'],
  [/\b(?:no|without) (?:an? )?(?:escape|emergency) (?:window|hatch|opening)s?\b/g, '没有逃生窗'],
  [/\bescape (?:windows?|hatch(?:es)?|openings?)\b/g, '逃生窗'],
  [/\bcolou?r(?:ed)? steel(?: sandwich)?(?: panels?| boards?| sheets?)?\b|\bsandwich panels?\b|\bfoam[- ]core(?:d)? panels?\b|\bprefab (?:rooms?|huts?|classrooms?)\b/g, '彩钢夹芯板'],
  [/\b(?:not|no|instead of|rather than) (?:rock ?wool|mineral wool)\b/g, '不是岩棉'],
  [/\brock ?wool\b|\bmineral wool\b|\bclass a (?:core|fire[- ]rated)\b/g, '岩棉'],
  [/\b(?:foam|polystyrene|eps|polyurethane)\b/g, '泡沫'],
  [/\bbasement\b|\bunderground floor\b|\bsemi[- ]basement\b/g, '地下室'],
  [/\b(\d{2}) ?(?:years?|yrs?)[- ]old\b|\baged? (\d{2})\b|\bis (\d{2})\b(?! (?:years? (?:driving|of driving|experience)|seats?|kids|students|children|people|minutes?))/g, (m) => `${m[1] ?? m[2] ?? m[3]}岁`],
  [/\b(?:driving (?:licen[cs]e|permit)) (?:for )?(?:only )?(?:one|1|a) year\b|\blicen[cs]ed? (?:only )?(?:last year|a year ago|for a year)\b|\bnew(?:ly)? licen[cs]ed\b/g, '驾照才一年'],
  [/\b(?:drunk|had been drinking|smelled of alcohol|smell of alcohol)\b/g, '喝酒'],
  [/\bbus (?:attendants?|monitors?|aides?|escorts?|chaperones?)\b|\bescorts?\b|\bchaperones?\b|\battendants?\b/g, '随车照管人员'],
  [/\bonly (?:the )?driver\b|\bjust (?:the )?driver\b|\bdriver (?:alone|by himself|by herself|on his own|on her own)\b/g, '只有司机'],
  [/\bschool bus (?:permit|licen[cs]e)s?\b|\bbus permits?\b/g, '校车使用许可'],
  [/\bfail(?:ed|s)? (?:its |the |their )?(?:annual |periodic |regular |statutory )?inspections?\b|\bdid(?:n't| not) pass (?:its |the )?(?:annual )?inspections?\b/g, '年检不合格'],
  [/\binspections? (?:is |are |has |have )?(?:overdue|expired|lapsed)\b|\boverdue (?:for )?inspections?\b|\bnever (?:been )?inspected\b|\bnot inspected\b/g, '年检过期'],
  [/\b(?:annual |periodic |regular |statutory )?inspections?\b/g, '检验'],
  [/\bsafety valves?\b/g, '安全阀'],
  [/\bpressure (?:vessels?|cookers?)\b|\bautoclaves?\b|\bsteriliz(?:er|ers)\b|\bsteam cabinets?\b|\bsteamers?\b|\bair (?:receivers?|tanks?)\b/g, '压力容器'],
  [/\bstill (?:running|operating|in use|being used|used|working|on|open|serving|used every day)\b|\bkeeps? (?:running|using)\b|\bcontinu(?:e|es|ing) to (?:run|use|operate)\b/g, '还在用'],
  [/\bgas (?:leak )?(?:alarms?|detectors?|sensors?)\b|\bgas leak alarms?\b/g, '燃气报警器'],
  [/\b(?:gas|lpg) (?:cylinders?|bottles?|tanks?|canisters?)\b|\bbottled gas\b|\blpg\b|\bpropane\b|\bbutane\b/g, '液化气罐'],
  [/\bshut[- ]?off valves?\b|\bcut[- ]?off valves?\b/g, '切断阀'],
  [/\bdrums?\b|\bbarrels?\b|\bjerry ?cans?\b|\bcanisters?\b|\bcrates?\b|\blitres?\b|\bliters?\b|\bgallons?\b/g, '桶'],
  [/\bpetrol\b|\bgasoline\b|\bdiesel\b|\bkerosene\b|\bpaint thinners?\b|\bthinners?\b/g, '汽油'],
  [/\bethanol\b|\balcohol\b|\bmethylated spirits?\b/g, '酒精'],
  [/\bether\b|\bdiethyl ether\b/g, '乙醚'],
  [/\bacetone\b/g, '丙酮'],
  [/\b(?:conc(?:entrated)?\.? )?sulfuric(?: acid)?\b|\b(?:conc(?:entrated)?\.? )?sulphuric(?: acid)?\b|\bh2so4\b/g, '浓硫酸'],
  [/\b(?:conc(?:entrated)?\.? )?nitric(?: acid)?\b|\bhno3\b/g, '浓硝酸'],
  [/\b(?:potassium )?permanganate\b|\bkmno4\b/g, '高锰酸钾'],
  [/\bpotassium chlorate\b|\bkclo3\b|\bammonium nitrate\b|\bpotassium nitrate\b/g, '易制爆'],
  [/\bsodium metal\b|\bmetallic sodium\b|\bwhite phosphorus\b|\bmercury\b/g, '剧毒 金属钠'],
  [/\bhazardous chemicals?\b|\bdangerous chemicals?\b|\bhazchem\b|\bcontrolled chemicals?\b/g, '危化品'],
  [/\b(?:open|ordinary|normal|regular|plain|wooden|wood) (?:shel(?:f|ves)|racks?|cupboards?|cabinets?)\b/g, '普通柜'],
  [/\b(?:no|without) (?:a |any )?(?:dedicated|special|designated|proper|locked|safety|separate) (?:chemical )?(?:cabinet|cupboard|store|storage)s?\b/g, '没有专柜'],
  [/\bsame (?:cabinet|cupboard|shelf|shelves|box|drawer)\b|\bstored together\b|\bmixed (?:together|with)\b|\bnext to each other\b|\bno separation\b/g, '放在一起'],
  [/\bdouble[- ]lock(?:s|ed)?(?: rule| system)?\b|\btwo[- ](?:person|lock|key)s? rule\b|\bdual[- ]control\b/g, '双人双锁'],
  [/\b(?:not|never) (?:really )?(?:followed|enforced|kept|applied|done|observed|practi[cs]ed)\b|\bignored\b/g, '没落实'],
  [/\bboth keys\b/g, '两把钥匙都'],
  [/\b(?:kept|held|carried|controlled) by (?:one|a single|the same|just one) (?:person|technician|teacher|staff|man|woman|lab tech(?:nician)?)\b|\bone person (?:holds|has|keeps)\b/g, '一个人保管'],
  [/\bonly (?:one|a single|1) (?:padlock|lock)\b|\bsingle (?:padlock|lock)\b|\bone padlock\b/g, '只有一把锁'],
  [/\bkeys? (?:hangs?|hanging|left|kept) (?:on|in|by|at|next to)\b/g, '钥匙挂在'],
  [/\bnobody signed (?:it )?out\b|\bnot signed out\b|\bno sign[- ]out\b|\bnot logged\b|\bno (?:record|records|log)\b/g, '没登记'],
  [/\bdoes(?:n't| not) match\b|\bmismatch(?:ed)?\b|\bunaccounted(?: for)?\b|\bmissing from (?:the )?(?:stock|inventory)\b/g, '对不上'],
  [/\bpesticides?\b|\binsecticides?\b|\brat poison\b|\brodenticides?\b|\bbug sprays?\b/g, '鼠药'],
  [/\b(?:right )?(?:beside|next to|alongside|with|near) (?:the )?(?:rice|flour|oil|food|ingredients)\b/g, '旁边 米袋'],
  [/\bhanded out\b|\bserved\b|\bgiven (?:to|out)\b|\bdistributed\b/g, '发给'],
  [/\bdelivery (?:trucks?|vans?|vehicles?)\b|\btrucks?\b|\blorr(?:y|ies)\b|\bcars?\b|\bvehicles?\b/g, '车辆 机动车'],
  [/\bdriv(?:e|es|ing) (?:through|across|into|in)\b|\b(?:through|among|between) (?:the )?(?:students|kids|children|crowd)\b|\bwhen students are (?:leaving|arriving|coming out)\b|\bsomeone will get hit\b/g, '穿过 学生中间'],
  [/\bcourtyards?\b|\bcampus\b|\bschool grounds\b/g, '校园内'],
  [/\bonly (?:one|1) stair(?:case|well|way)?s? (?:open|in use|left)\b/g, '只剩一个楼梯'],
  [/\bonly (?:one|1) (?:stair(?:case|well|way)?|exit|door|way out)s?(?: open)?\b|\bsingle (?:exit|stair(?:case|well)?)\b/g, '只有一个出口'],
  [/\b(?:no|without|haven't seen any|not seen any|never saw any) (?:crowd |evacuation |safety |emergency )*(?:or (?:crowd |evacuation |safety |emergency )+)?plans?\b/g, '没有方案 没有预案'],
  [/\b(\d{3,5}) (?:people|students|spectators|parents|kids)\b|\bthousands? of (?:people|students)\b|\bwhole school\b/g, '上千人 全校'],
  [/\bexposed live wires?\b|\blive wires?\b/g, '带电 电线 裸露'],
  [/\b(?:at|within) (?:kid|child|children's|student) height\b|\b(?:kids|children|students) can (?:reach|touch)\b|\bwithin reach\b/g, '伸手 够得着'],
  [/\bload[- ]bearing walls?\b/g, '承重墙'],
  [/\b(?:you )?can (?:fit|put|stick|insert) (?:a |your )?(?:pen|finger|coin|hand|pencil)\b/g, '塞得进'],
  [/\bwider (?:and wider|every day|than before)\b|\bgetting wider\b|\bwidening\b/g, '越来越宽'],
  // inside a building (the 进楼 of guide.fire.6), with the place's own gloss
  [/\b(?:inside|in|into) (?:the |their |a |my |his |her )?(?:boys'? |girls'? )?(?:dorm(?:itory)?|boarding) ?(?:rooms?)?\b|\binside (?:the )?dorm(?:itor(?:y|ies))?s?\b/g, '宿舍里 房间'],
  [/\b(?:inside|in|into) (?:the |a )?class ?rooms?\b/g, '教室里'],
  [/\b(?:inside|into) (?:the |a )?(?:building|hall|lobby)\b|\bin the (?:lobby|entrance hall)\b/g, '楼内 大厅'],
  [/\b(?:in|into|inside) (?:the |a )?(?:stairwell|corridor|hallway)s?\b/g, '楼道 走廊'],
  [/\b(?:in|into|inside) (?:a |the )?rooms?\b/g, '房间'],
  [/\bindoors\b|\binside\b/g, '室内'],
  [/\b(?:locked out|out of service|taken out of (?:service|use)|closed (?:off|down)|sealed off|shut down|not in use|no ?one (?:uses|rides|takes) it)\b/g, '已停用'],
  // fire
  [/\bfire (?:extinguisher|extinguishers)\b|\bextinguishers?\b/g, '灭火器'],
  [/\b(?:fire|emergency) exits?\b|\bexit doors?\b|\bescape routes?\b|\bevacuation (?:route|routes|path|passage)s?\b/g, '安全出口 疏散通道'],
  [/\bexit signs?\b|\bevacuation signs?\b/g, '疏散指示标志'],
  [/\bemergency lights?\b|\bemergency lighting\b/g, '应急灯'],
  [/\bsmoke (?:detectors?|alarms?)\b|\bfire alarms?\b/g, '烟感 火灾报警'],
  [/\bsprinklers?\b/g, '喷淋'],
  [/\b(?:fire )?hydrants?\b|\bfire hoses?\b/g, '消防栓'],
  [/\bfire doors?\b/g, '防火门'],
  [/\bsmoking\b|\bcigarettes?\b/g, '吸烟'],
  [/\bcandles?\b|\bopen flames?\b|\blighters?\b/g, '明火'],
  [/\bfire\b/g, '消防 火灾'],
  [/\bsmoke\b|\bsmoky\b/g, '冒烟'],
  [/\bburn(?:ing|t|ed)?\b|\bscorch(?:ed)?\b/g, '烧焦'],
  // electricity
  [/\be-?bikes?\b|\belectric (?:bikes?|bicycles?|scooters?|mopeds?)\b|\bscooters?\b/g, '电动车 电瓶车'],
  [/\bbatter(?:y|ies)\b/g, '电池'],
  [/\bcharg(?:e|es|ed|ing)\b/g, '充电'],
  [/\bpower strips?\b|\bextension (?:cords?|leads?)\b|\bdaisy[- ]chain(?:ed)?\b/g, '插线板 串接'],
  [/\bsockets?\b|\boutlets?\b|\bplugs?\b/g, '插座'],
  [/\bwires?\b|\bwiring\b|\bcables?\b|\bcords?\b/g, '电线'],
  [/\bexposed\b|\bbare\b|\buncovered\b/g, '裸露'],
  [/\bdistribution (?:box|boxes|panel)\b|\bfuse ?box(?:es)?\b|\bbreaker (?:box|panel)\b|\belectrical (?:box|panel)\b/g, '配电箱'],
  [/\bheaters?\b|\bkettles?\b|\bhot ?plates?\b|\bimmersion heaters?\b/g, '取暖器 热得快 违规电器'],
  [/\belectric(?:al|ity)?\b|\bshocks?\b/g, '电 触电'],
  // buildings and facilities
  [/\bhand ?rails?\b|\brailings?\b|\bguard ?rails?\b|\bbalustrades?\b|\bbanisters?\b/g, '栏杆 护栏'],
  [/\bcracks?\b|\bcracked\b/g, '裂缝'],
  [/\bceilings?\b/g, '天花板 吊顶'],
  [/\bwalls?\b/g, '墙体'],
  [/\btiles?\b|\bplaster\b/g, '瓷砖 墙皮'],
  [/\bwindows?\b|\bglass\b|\bpanes?\b/g, '窗户 玻璃'],
  [/\bdoors?\b/g, '门'],
  [/\bleak(?:s|ing|ed|y)?\b|\bdripping\b/g, '漏水 渗漏'],
  [/\bslippery\b|\bwet floors?\b|\bpuddles?\b/g, '地面湿滑 积水'],
  [/\belevators?\b|\blifts?\b/g, '电梯'],
  [/\bboilers?\b/g, '锅炉'],
  [/\bbasketball (?:hoops?|stands?|posts?)\b|\bhoops?\b|\bgoal ?posts?\b|\bsoccer goals?\b/g, '篮球架 球门'],
  [/\b(?:sports|gym|pe|playground) equipment\b|\bswings?\b|\bslides?\b|\bclimbing frames?\b/g, '体育器材'],
  [/\bplayground\b|\bsports field\b|\brunning track\b/g, '操场'],
  [/\bswimming pools?\b|\bpools?\b|\bponds?\b|\brivers?\b|\blakes?\b/g, '水域'],
  [/\bdrown(?:ing|ed)?\b/g, '溺水'],
  [/\bgas\b/g, '燃气'],
  [/\bsmells?\b|\bsmelly\b|\bodou?rs?\b/g, '异味'],
  // food
  [/\bcanteen\b|\bcafeteria\b|\bdining hall\b|\bkitchens?\b/g, '食堂 后厨'],
  [/\bfood\b|\bmeals?\b|\blunch(?:es)?\b|\bmeat\b|\bvegetables?\b/g, '食品 饭菜'],
  [/\bmou?ldy\b|\brotten\b|\bspoiled\b|\bspoilt\b|\bgone off\b|\bstale\b/g, '变质 发霉'],
  [/\bexpiry date\b|\bexpiration date\b|\bbest before\b|\bsell[- ]by\b/g, '保质期'],
  [/\bhealth certificates?\b/g, '健康证'],
  [/\bfridges?\b|\brefrigerators?\b|\bfreezers?\b/g, '冰箱'],
  [/\bcockroach(?:es)?\b|\brats?\b|\bmice\b|\bmouse\b|\bflies\b|\bbugs?\b|\binsects?\b|\bpests?\b/g, '虫 老鼠 病媒'],
  [/\bfood poisoning\b|\bvomit(?:ing|ed)?\b|\bdiarrh?o?ea\b/g, '食物中毒 上吐下泻'],
  // labs
  [/\blab(?:orator(?:y|ies))?s?\b/g, '实验室'],
  [/\bchemicals?\b|\breagents?\b|\bacids?\b|\balkali\b|\bsolvents?\b|\bethanol\b|\balcohol\b/g, '危化品 化学试剂'],
  [/\bfume (?:hoods?|cupboards?)\b/g, '通风橱'],
  [/\bunlocked\b|\bnot locked\b|\bleft open\b/g, '未上锁'],
  [/\blocked\b/g, '上锁 锁'],
  // security
  [/\bstrangers?\b|\bintruders?\b|\boutsiders?\b|\bunknown (?:man|men|person|people|adult)\b/g, '陌生人 外来人员'],
  [/\bsecurity guards?\b|\bguards?\b|\bguard ?house\b/g, '保安 门卫'],
  [/\b(?:school )?gates?\b|\bentrances?\b/g, '校门'],
  [/\bcctv\b|\bcameras?\b|\bsurveillance\b|\bcctv screens?\b/g, '监控 摄像头'],
  [/\bfences?\b|\bperimeter walls?\b/g, '围墙'],
  [/\bknives?\b|\bknife\b|\bweapons?\b/g, '刀具 管制刀具'],
  // students
  [/\bbull(?:y|ying|ied|ies)\b|\bharass(?:ed|ing|ment)?\b/g, '欺凌 霸凌'],
  [/\bfight(?:s|ing)?\b|\bhit(?:ting)?\b|\bbeat(?:ing|en)?\b/g, '打架'],
  [/\binjur(?:y|ies|ed)\b|\bhurt\b|\bbleeding\b|\bwounded\b/g, '受伤'],
  [/\bself[- ]harm\b|\bsuicid(?:e|al)\b/g, '自残 轻生'],
  [/\bstudents?\b|\bkids?\b|\bchildren\b|\bpupils?\b/g, '学生'],
  // traffic
  [/\bschool bus(?:es)?\b|\bbus(?:es)?\b|\bminibus(?:es)?\b|\bvans?\b/g, '校车'],
  [/\boverload(?:ed)?\b|\bovercrowded\b|\btoo many (?:kids|students|children|people)\b/g, '超载 超员'],
  [/\bseat ?belts?\b/g, '安全带'],
  [/\btraffic\b|\bcars?\b|\bcrossings?\b|\bcrosswalks?\b/g, '交通'],
  // structures, weather
  [/\bd[- ]?(?:level|grade|class)\b|\b(?:grade|class|level) d\b|\bdangerous buildings?\b|\bcondemned\b|\bunsafe buildings?\b/g, 'D级危房'],
  [/\bappraisals?\b|\bstructural (?:survey|assessment|inspection)s?\b/g, '安全鉴定'],
  [/\bload[- ]bearing\b|\bstructural\b|\bbeams?\b|\bpillars?\b|\bcolumns?\b/g, '承重 结构'],
  [/\bretaining walls?\b|\bslopes?\b|\bembankments?\b/g, '挡土墙 边坡'],
  [/\bbulg(?:e|es|ing)\b|\bleaning\b|\btilt(?:ed|ing)?\b|\bsagg?(?:ing|s)?\b|\bdeformed\b/g, '变形 鼓起 倾斜'],
  [/\btyphoons?\b|\bstorms?\b|\bheavy rain\b|\bfloods?\b/g, '台风 暴雨'],
  [/\bflood(?:ed|ing)\b|\bstanding water\b|\bunder water\b/g, '积水 水浸'],
  [/\brenovation\b|\bconstruction\b|\bbuilding work\b|\bscaffold(?:ing)?\b/g, '施工'],
  // crowds and events
  [/\bstampedes?\b|\bknocked (?:down|over)\b|\btrampl(?:e|ed|ing)\b|\bcrushed\b|\bpiled up on\b/g, '拥挤 踩踏 挤倒'],
  [/\bcrush\b|\bcrowd(?:s|ed|ing)?\b|\bpacked\b|\bpushing\b/g, '拥挤'],
  [/\bevery (?:day|morning|afternoon|time)\b|\bdaily\b|\balways\b|\busually\b|\boften\b/g, '每天'],
  [/\bdismissal\b|\bassembl(?:y|ies)\b|\bbreak time\b|\brecess\b/g, '集会 放学 集中上下楼'],
  [/\bsports day\b|\bevents?\b|\bceremon(?:y|ies)\b|\bconcerts?\b|\bperformances?\b|\bgatherings?\b/g, '大型活动'],
  [/\b(?:evacuation|emergency|safety) plans?\b|\bplans?\b|\bdrills?\b/g, '应急预案 演练'],
  // equipment and utilities
  [/\binspection (?:certificate|sticker|tag|label)s?\b|\bcertificates?\b/g, '检验合格证 检验'],
  [/\bstill (?:in use|being used|used)\b/g, '超期使用'],
  [/\bstoves?\b|\bburners?\b|\bcookers?\b/g, '燃气灶'],
  [/\bgas (?:smell|leak)s?\b|\bsmell(?:s|ing)? (?:of )?gas\b/g, '燃气味 漏气'],
  [/\bswitch ?rooms?\b|\bplant rooms?\b|\bpower rooms?\b|\belectrical rooms?\b|\bsubstations?\b/g, '配电室'],
  [/\bpanels?\b|\bswitchboards?\b|\bcover plates?\b/g, '配电柜 面板'],
  [/\blive\b/g, '带电'],
  [/\bbasements?\b|\bunderground\b/g, '地下室'],
  [/\bgreasy\b|\bgrease\b|\boily\b/g, '油污'],
  // food
  [/\b(?:food )?samples?\b|\bsample fridge\b/g, '留样'],
  [/\brat poison\b|\bpoisons?\b|\bpesticides?\b|\binsecticides?\b/g, '鼠药 有毒有害物品'],
  [/\bmilk\b/g, '牛奶 食品'],
  [/\bsnacks?\b|\brice\b|\boil\b/g, '食品'],
  [/\bkitchen (?:helpers?|staff|workers?)\b|\bcooks?\b|\bchefs?\b/g, '从业人员'],
  [/\b(?:school )?(?:bus|minibus|van) drivers?\b/g, '校车司机'],
  [/\bdrivers?\b/g, '司机'],
  [/\bsick\b|\bstomach ?(?:ache|bug)s?\b|\bthrew up\b|\bthrow(?:ing)? up\b/g, '上吐下泻 身体不适'],
  // labs
  [/\bprep(?:aration)? rooms?\b/g, '准备室'],
  [/\bnitric\b|\bsulfuric\b|\bsulphuric\b|\bacetone\b|\bpermanganate\b|\bprecursors?\b|\bflammables?\b|\bcorrosives?\b/g, '危化品 易制毒 易燃'],
  [/\bpadlocks?\b|\bkeys?\b|\bkey holders?\b/g, '锁 钥匙'],
  [/\binventor(?:y|ies)\b|\blog ?books?\b|\blogs?\b|\brecords?\b|\bledgers?\b/g, '台账 登记'],
  [/\bdoes(?:n't| not) match\b|\bmismatch\b|\bunaccounted\b/g, '账物不符'],
  // transport
  [/\bpermits?\b|\blicen[cs]es?\b|\bqualifications?\b/g, '资质 许可'],
  [/\brent(?:al|ed)\b|\bprivate (?:cars?|vans?)\b|\bunlicen[cs]ed\b|\bunregistered\b/g, '非法营运'],
  [/\b(\d+)[- ]seaters?\b|\b(\d+) seats?\b|\b(?:capacity|rated for|licensed for) (?:of )?(\d+)\b/g, (m) => `核载${m[1] ?? m[2] ?? m[3]}座`],
  [/\bseats?\b|\bcapacity\b/g, '座位'],
  [/\bbus (?:monitors?|aides?|attendants?)\b|\bescorts?\b|\bchaperones?\b/g, '随车照管人员'],
  [/\btrucks?\b|\blorr(?:y|ies)\b|\bvehicles?\b|\bdelivery\b/g, '车辆 机动车'],
  [/\bcourtyards?\b|\bcampus\b/g, '校园'],
  [/\brear[- ]ended\b/g, '追尾'],
  [/\b(?:bus|car|van|traffic|road) (?:accident|crash)e?s?\b|\bcrash(?:ed)?\b|\bcollisions?\b|\bcollided\b|\boverturned\b|\brolled over\b/g, '车祸 相撞'],
  [/\baccidents?\b/g, '事故'],
  [/\b(?:monthly|weekly|daily) (?:check|inspection) (?:record|log|sheet)s? (?:not filled|not signed|missing|blank)\b|\brecords? not filled\b/g, '记录没填'],
  // urgency
  [/\burgent\b|\bright now\b|\bemergency\b|\bhelp\b|\bevacuat(?:e|ing|ed)\b|\bpolice\b/g, '紧急 疏散'],
  [/\bnursery\b|\bkindergarten\b|\bnap rooms?\b|\bpre-?school\b/g, '幼儿园 午睡室'],
  [/\bvendors?\b|\bstalls?\b|\bhawkers?\b|\bpedlars?\b|\bpeddlers?\b/g, '流动摊点'],
  [/\binstalled and working\b|\bis installed\b|\bworking (?:normally|properly)\b|\btested (?:ok|fine)\b|\bworking fine\b|\ball (?:good|fine|orderly|in place)\b|\bin place\b|\bup to date\b|\bseems fine\b|\ball valid\b|\bare valid\b/g, '正常'],
  // state words the cue patterns read
  [/\bexpired\b|\bout of date\b|\bpast (?:its|the) (?:date|expiry)\b|\bexpir(?:es|ing)\b/g, '过期'],
  [/\bblock(?:ed|ing|s)?\b|\bobstruct(?:ed|ing|s)?\b|\bcluttered\b|\bpiled\b|\bstacked\b|\bjammed\b/g, '堵塞 堆放'],
  [/\bbroken\b|\bdamaged\b|\bbroke\b|\bsmashed\b|\bfaulty\b/g, '损坏 坏了'],
  [/\bnot working\b|\bdoes(?:n't| not) work\b|\bdon't work\b|\bout of order\b|\bdead\b|\bnot on\b|\bwon't (?:turn on|light)\b/g, '不亮 坏了'],
  [/\bneither (?:of them )?(?:has|have)\b|\bnone of them (?:has|have)\b|\bdo(?:es)?(?:n't| not) have\b|\bha(?:s|ve) no\b|\bha(?:s|ve)n't got\b/g, '没有'],
  [/\bmissing\b|\bno\b|\bwithout\b|\blacks?\b|\bempty\b/g, '没有 缺'],
  [/\bloose\b|\bwobbl(?:y|es|ing)\b|\bshaky\b|\bunstable\b|\bshak(?:es|ing)\b/g, '松动 晃'],
  [/\bfell (?:from|off|down|over)\b|\bfall(?:s|en)? (?:from|off|down|over)\b|\btripped\b|\bslipped\b/g, '摔'],
  [/\bfall(?:ing|en)?\b|\bfell\b|\bcoming off\b|\bpeeling\b/g, '掉落 脱落'],
  [/\bcollaps(?:e|ed|ing)\b|\bcaved in\b|\bgave way\b/g, '倒塌'],
  [/\brust(?:y|ed|ing)?\b/g, '生锈'],
  [/\bdanger(?:ous)?\b|\bunsafe\b|\bhazard(?:ous)?\b|\brisk(?:y)?\b/g, '危险'],
  [/\bstairs?\b|\bstair ?cases?\b|\bstair ?wells?\b|\bsteps\b/g, '楼梯'],
  [/\bcorridors?\b|\bhallways?\b|\bhalls?\b|\bpassages?\b/g, '走廊'],
  [/\btoilets?\b|\bbathrooms?\b|\brestrooms?\b|\bwashrooms?\b/g, '厕所'],
  [/\bdorm(?:itor(?:y|ies))?s?\b|\bboarding house\b/g, '宿舍'],
  [/\bclass ?rooms?\b/g, '教室'],
  [/\blibrary\b/g, '图书馆'],
  [/\bgym(?:nasium)?\b|\bsports hall\b/g, '体育馆'],
  [/\broofs?\b|\brooftop\b/g, '楼顶'],
  [/\bstorage rooms?\b|\bstore ?rooms?\b|\bwarehouse\b/g, '仓库'],
];

const ORDINAL: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, ground: 1, top: 0 };

/** Places in the shapes the Chinese location extractor reads: 2楼, 302室, 3号楼. */
const PLACES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/\b(?:floor|level|storey) (\d{1,2})\b/g, (m) => `${m[1]}楼`],
  [/\b(\d{1,2})(?:st|nd|rd|th)? (?:floor|level|storey)\b/g, (m) => `${m[1]}楼`],
  [/\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|ground|top) (?:floor|level|storey)\b/g, (m) => (ORDINAL[m[1]] ? `${ORDINAL[m[1]]}楼` : '顶楼')],
  [/\b(?:room|rm\.?|classroom) ?#?(\d{2,4})\b/g, (m) => `${m[1]}室`],
  [/\b(?:building|block|bldg\.?) ?#?(\d{1,2}|[a-h])\b/g, (m) => `${m[1].toUpperCase()}号楼`],
  [/\b(\d{1,2})f\b/g, (m) => `${m[1]}楼`],
];

/** Joins glosses; patterns.ts ends a negation's look-back at it. */
export const GLOSS_SEPARATOR = '|';

const LATIN_WORDS = /[a-z]{3,}/gi;
const CJK = /[\u4e00-\u9fff]/g;

/** True when the text is mostly English (three Latin words or more, and more of them than Chinese characters). */
export function looksEnglish(text: string): boolean {
  const words = text.slice(0, 2000).match(LATIN_WORDS)?.length ?? 0;
  const cjk = text.slice(0, 2000).match(CJK)?.length ?? 0;
  return words >= 3 && words > cjk;
}

/** The Chinese words an English report means, in the order they appear, places first; '' for Chinese text. */
export function glossEnglish(text: string): string {
  if (!looksEnglish(text)) return '';
  const lower = text.slice(0, 2000).toLowerCase();
  const hits: { at: number; zh: string }[] = [];
  for (const [re, fn] of PLACES) for (const m of lower.matchAll(re)) hits.push({ at: m.index ?? 0, zh: fn(m as RegExpExecArray) });
  // The longest phrase claims its span: "smoke detector" is 烟感, not also the 冒烟 of a bare "smoke".
  const found: { at: number; end: number; order: number; zh: string }[] = [];
  WORDS.forEach(([re, zh], order) => {
    for (const m of lower.matchAll(re)) {
      const at = m.index ?? 0;
      found.push({ at, end: at + m[0].length, order, zh: typeof zh === 'string' ? zh : zh(m) });
    }
  });
  found.sort((a, b) => b.end - b.at - (a.end - a.at) || a.order - b.order);
  const claimed: [number, number][] = [];
  for (const f of found) {
    if (claimed.some(([from, to]) => f.at < to && f.end > from)) continue;
    claimed.push([f.at, f.end]);
    hits.push({ at: f.at, zh: f.zh });
  }
  // GLOSS_SEPARATOR between glosses: a gloss is never read as negated by the one before it (不合格|已停用), while
  // a pattern's short gap still joins neighbours (没有|健康证 is 没*健康证).
  return hits.sort((a, b) => a.at - b.at).map((h) => h.zh).join(GLOSS_SEPARATOR);
}

/** The text the local classifier reads: an English report with its glosses appended, anything else unchanged. */
export function withEnglishGlosses(text: string): string {
  const gloss = glossEnglish(text);
  return gloss ? `${text} ${gloss}` : text;
}

const PLACE_GLOSSES = new Set(['楼梯', '走廊', '厕所', '宿舍', '教室', '图书馆', '体育馆', '楼顶', '仓库', '操场', '实验室', '食堂 后厨', '校门']);

/** Where an English report says it is, composed the Chinese way (building, floor, room, spot): "3号楼2楼楼梯". */
export function englishLocation(text: string): string | undefined {
  if (!looksEnglish(text)) return undefined;
  const lower = text.slice(0, 2000).toLowerCase();
  const first = (re: RegExp, fn: (m: RegExpExecArray) => string) => {
    const m = [...lower.matchAll(re)][0];
    return m ? fn(m as RegExpExecArray) : '';
  };
  const building = first(PLACES[4][0], PLACES[4][1]);
  const floor = first(PLACES[0][0], PLACES[0][1]) || first(PLACES[1][0], PLACES[1][1]) || first(PLACES[2][0], PLACES[2][1]);
  const room = first(PLACES[3][0], PLACES[3][1]);
  let spot = '';
  let at = Infinity;
  for (const [re, zh] of WORDS) {
    if (typeof zh !== 'string' || !PLACE_GLOSSES.has(zh)) continue;
    const m = [...lower.matchAll(re)][0];
    if (m && (m.index ?? 0) < at) (at = m.index ?? 0), (spot = zh.split(' ')[0]);
  }
  const place = `${building}${floor}${room}${room ? '' : spot}`;
  return place || undefined;
}
