import type { LanguageCues } from './types.js';

/**
 * Phrase lists that both the default grading and the default routing policy use, so a phrase
 * added here changes how a complaint is graded and where it goes in step.
 *
 * English phrases are whole words at their edges (see RuleConditions.keywords), so they are
 * chosen to be specific: "caught fire" rather than "fire" ("fire that agent", "firewall"),
 * "the press" rather than "press" ("press the button"), "wont charge" rather than "charge".
 * Apostrophes are ignored: "won't" also matches "wont" and "won’t".
 */

/** Fire, smoke, explosion, electricity: a hazard to people or property. */
export const HAZARD = [
  '起火',
  '着火',
  '失火',
  '火灾',
  '燃烧',
  '自燃',
  '烧起来',
  '冒烟',
  '火花',
  '烧焦',
  '爆炸',
  '炸了',
  '鼓包',
  '电击',
  'a fire',
  'smoke',
  'smoking',
  'got shocked',
  'electrocuted',
];

/** "气炸了" is anger, not an explosion ("没有起火" is left to the negation cues of LANGUAGE). */
export const HAZARD_NEGATIONS = [
  '气炸了',
  '肺都气炸',
  // A protective feature asked about or praised is no hazard.
  '防漏电',
  '防触电',
  '防火',
  '防爆',
  '防烫',
  '防干烧',
  '防倾倒',
  '阻燃',
  '漏电保护',
  '过热保护',
  '短路保护',
  'fireproof',
  'fire resistant',
  'flame retardant',
  'overheat protection',
  'overheating protection',
  'auto shut off',
];

export const INJURY = [];

/** "没人" usually says nobody attended ("没人理"), so it is no negation cue; before an injury it is one. */
export const INJURY_NEGATIONS = [
  '没人受伤',
  '没人伤到',
  // Where someone works, not where someone was taken.
  '医院的护士',
  '医院的医生',
  '医院上班',
  '医院工作',
  '是护士',
  '是医生',
  'work at a hospital',
  'work in a hospital',
  'work at the hospital',
  'hospital shift',
  'nurse at',
];

/** Many units or many customers with the same problem: a batch defect, not one unlucky buyer. */
export const BATCH = [
  '多台',
  '好几台',
  '十几台',
  '几十台',
  '多位客户',
  '多名客户',
  '很多客户',
  '好多客户',
  '多个用户',
  '很多用户',
  'multiple units',
  'several units',
  'many units',
  'all units',
  'all the units',
  'every unit',
  'whole shipment',
  'entire shipment',
  'multiple customers',
  'several customers',
  'many customers',
  'several of our customers',
];

/** A regulator, consumer body or the media, in person or as a threat. */
export const REGULATOR_OR_MEDIA = ['工商局', 'social media'];

/** Someone who works in the media or the law, named as who they are, not as where a complaint goes. */
export const PROFESSIONS = [
  'is a journalist',
  'am a journalist',
  'im a journalist',
  'as a journalist',
  'is a reporter',
  'am a reporter',
  'im a reporter',
  'as a reporter',
  '是记者',
  '是个记者',
  '是一名记者',
  '当记者',
  '做记者',
];

/** A lawyer by profession is no threat ("I'm a lawyer myself"): LEGAL_PATTERNS say when one is. */
export const LEGAL_THREAT = [];

/** Money taken from the customer that should not have been: charged twice, refund never arrived. */
export const PAYMENT_LOST = [
  '重复扣费',
  '重复扣款',
  '重复收费',
  '乱扣费',
  '莫名扣费',
  '扣了钱',
  'overcharged',
  'unauthorized charge',
  'unauthorised charge',
  'still havent refunded',
  'havent refunded',
];

/** The product cannot be used at all (004 level II: core function down). */
export const CORE_FUNCTION_DOWN = [
  '开不了机',
  '完全不能用',
  '完全无法使用',
  '根本不能用',
  '彻底坏了',
  '充不进电',
  '充不上电',
  'not turning on',
  'dead on arrival',
  'bricked',
  'keeps crashing',
];

/** A question about how to use the product. */
export const USAGE_QUESTION = [
  '想问一下',
  '如何设置',
  '如何使用',
  '怎么开启',
  '怎么关闭',
  '在哪里设置',
  'how do i',
  'how can i',
  'how to',
  'is there a way',
  'where can i find',
  'where do i find',
];

/** Asking for something new; strong enough phrases that a rant mentioning "suggest" does not count. */
export const FEATURE_REQUEST = [
  '建议增加',
  '建议加个',
  '建议推出',
  '建议支持',
  '希望增加',
  '希望能增加',
  '希望可以增加',
  '希望支持',
  '能不能增加',
  '能否增加',
  '能不能加',
  '增加一个',
  '建议添加',
  '希望添加',
  '能不能添加',
  '新功能',
  'feature request',
  'please add',
  'could you add',
  'can you add',
  'would love to see',
  'suggest adding',
  'consider adding',
  'wish there was',
  'wish it had',
];

// ---------------------------------------------------------------------------------------------
// Signals as patterns (RuleConditions.patterns): regular expressions over the normalized text
// (lower case, half width, so "，" is "," and "？" is "?", no apostrophes: "won't" is "wont",
// hyphens and whitespace one space). Each names what the references grade on, in the ways
// customers say it, both languages; the negation and degree cues in LANGUAGE apply to all.

/** Up to n characters inside one clause. */
const C = (n: number) => `[^,.;:!?。…]{0,${n}}`;
/** Up to n characters inside one sentence (a decimal point does not end it). */
const S = (n: number) => `(?:[^.;!?。]|\\.(?=\\d)){0,${n}}`;
/** An English pattern: it starts and ends at word edges ("late" is not in "latest", "spark" not in "sparkling"). */
const en = (source: string) => `(?<![a-z])(?:${source})(?![a-z])`;
const NUM =
  '(?:\\d+|[一二两三四五六七八九十几半]+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|a dozen|dozens|several|a few)';

/** Fire, smoke, sparks, explosion, shock, gas, melting, dangerous heat, a near miss. */
export const HAZARD_PATTERNS = [
  `冒火|冒(白|黑|青|蓝|浓)烟|冒(了|出|起)(了)?(一股|一阵|一缕|阵阵|很多|好多|大量)?(白|黑|青|蓝|浓)?烟(?!花)|火星|火苗|打火|拉弧|烧黑|烧糊|烧化|烧穿|焦糊|糊味|焦味|(?<!发)烧(了|出|穿)一?个?(大)?(洞|窟窿)|(?<![心着])焦(黄|黑|了|掉)|烫出(了)?${C(2)}(印|痕|洞|泡)|摸着?${C(2)}烫|烫手|(?<!发)烧${C(4)}(味|气味|味道)|臭鸡蛋味|(燃气|煤气|天然气)管?${C(8)}嘶嘶`,
  `(插座|插头|插线板|排插|电线|电源线|墙面?|开关|面板)${C(6)}(黑了|发黑|熏黑|焦了|烧了|变黄|发黄|黄了)|(插头|插座|电线|电源线|充电器|充电头|适配器|排插|插线板|电池)${C(8)}(发烫|很烫|烫手|滚烫|变色|变黑|焦)`,
  `(插头|插座|电源线|电线|线头|外壳|塑料|底部|底座|充电器|充电头|电池|机身|奶瓶)${C(6)}(融化|熔化|熔了|熔掉|烧熔|烧化|化了)`,
  '(融化|熔化)(了)?的?(插头|塑料|外壳)',
  '炸开|崩开|爆开|爆了|炸裂|爆裂|爆燃',
  '漏电|触电|被电(了|到|一下)|电到(了|我)|麻手|电手|(外壳|机身|出水口|水龙头|金属)(上)?(有电|带电)|电了一下',
  `(燃气|煤气|天然气|液化气|气罐|气瓶|灶)${C(10)}(漏气|泄漏|漏了)|漏气声|(煤气|燃气|天然气|液化气)味|一氧化碳`,
  `(电池|充电宝|移动电源|手机|平板|笔记本)${C(12)}(鼓起来|鼓了|鼓起|膨胀|胀起来|胀了)|发热(得)?(厉害|严重|吓人)|(碰|摸|碰到|摸到|接触)${C(8)}(麻了|发麻|麻一下|麻麻的)`,
  `安全气囊${C(8)}(弹不出|不弹|没弹|没有弹|失效)|(烟雾|燃气|煤气)报警器${C(8)}(不响|没响|失灵|不报警)`,
  '溺水|呛水|刹车(失灵|失效|不灵|坏了)|跳闸|短路|过热|烫得(不能|没法|吓人|拿不住)|温度(非常|特别)?高得?吓人',
  '(太|很|非常|特别|多)危险|危险了|要出人命|出人命|安全隐患|安全问题',
  `(宝宝|孩子|婴儿|小孩|儿童|女儿|儿子)${C(8)}(呛|噎|卡)(了|到|着|住)|(安全座椅|儿童座椅|安全带|卡扣|锁扣|护栏|围栏|婴儿车|推车|儿童锁|安全锁|安全扣)${C(10)}(弹开|松开|松脱|断了|断裂|脱开|崩开|失效|自己开了|打开了)|(掉|脱落|断|崩)${C(12)}(在|进|到)${C(6)}嘴里|差(一)?点(就|儿)?${C(4)}(吞|咽|卡|噎|窒息|砸|烫|伤|摔|触电|起火|着火|出事|出人命)|险些|窒息|误吞|噎住`,
  en(
    '(caught|catch|catches|catching|set) (on )?(fire|alight)|on fire|burst into flames|flames?|(start|started|starting|cause|caused) a fire',
  ),
  en(
    '(started|starts|was|were|is|began|begins|keeps|kept) smoking|smoke (came|coming|pouring|billowing|from)|smoking (from|at)|puff of smoke|smell(ed|s)? (of )?smoke',
  ),
  en(
    'sparks?|sparked|sparking|a flash and|(blue|bright|big) flash|(blue|bright|white|orange) (light|flash|glow) (inside|from|in|behind)|arc(ed|ing)',
  ),
  en(
    '(?=melt)(?<!(everything|ice|ice cream|food|snow|butter|chocolate|it all|all|lollies) (has |had |is |was |have )?)melt(ed|ing|s)?|(burned|burnt|scorched|melted) (the|my|our) (counter|countertop|worktop|table|carpet|floor|rug|desk|surface|sofa|bed|duvet|wall)|airbags?( warning)?[^.;!?]{0,30}(wouldnt|wont|didnt|not|failed to|fail to|never) (deploy|inflate|go off)|(smoke|fire|co|carbon monoxide|gas) (alarm|detector)s?[^.;!?]{0,30}(didnt|did not|doesnt|does not|wont|failed to|never) (go off|sound|detect|trigger)|scorch(ed|es|ing)?|charred|singed|burn(ing|t) (smell|plastic|odou?r)|burn(t|ed) (patch|spot|area|mark|marks|bit)|smell(ed|s)? (like )?(burning|burnt|melting|melted plastic)|(smelt|smelled|smell|smelling|smells) (something|a) (burning|burnt|melting|like burning)',
  ),
  en(
    `(battery|charging|charger|hoverboard|scooter|e ?bike|power bank)${S(60)}(hiss|hissing|hissed|a pop|popped|popping|bang)(?![a-z])|brakes? (failed|fail|fails|gave out|stopped working|didnt work)|trip(s|ped|ping)? (the )?(circuit|breaker|fuse|rcd|electrics)|button batter(y|ies)${S(80)}(son|daughter|child|kid|toddler|baby)|(son|daughter|child|kid|toddler|baby)${S(80)}button batter(y|ies)`,
  ),
  en('explod(e|ed|es|ing)|explosion|blew up|burst open|(loud )?bang and'),
  en(
    '(electric|electrical) shock|shocked (me|him|her|us|my)|got (a |an )?(electric )?shock|zap(s|ped)?|tingl(e|es|ed|ing)|(small|little|mild|slight) (shock|zap)|live (wire|casing)',
  ),
  en(`exposed wir(e|es|ing)|wiring${C(20)}(exposed|loose and exposed)`),
  en('rotten eggs?|gas (leak|smell)|smell(ed|s)? (of )?gas|leaking gas|carbon monoxide|co (alarm|detector)|fumes'),
  en('overheat(ed|ing|s)?|over heat(ed|ing)?|too hot to (touch|hold)|so hot (it|that)'),
  en(
    `swollen battery|(battery|battery pack|power bank|cells?)${C(20)}(swell(ing|ed|s)?|swollen|bulg(e|es|ed|ing)|puff(ed|ing)( up)?)`,
  ),
  en(
    `(plug|socket|outlet|lead|cable|cord|wire|wiring|charger|adapter|extension|power strip|power bank|battery|switch(?! (off|on))|fuse box)${C(30)}(hot|brown|black|blackened|discolou?red|melt|burn|scorch|smok|spark)[a-z]*|(smell|odou?r|stench) of (burning|smoke|gas|melting|burnt)`,
  ),
  en('(burn|burns|burned|burnt|scorch(ed)?) (a )?(hole|holes|mark|marks)|left (a )?(burn|scorch)'),
  en('(dangerous|hazardous|unsafe)|fire (hazard|risk)|safety (issue|hazard|risk|problem)|choking hazard'),
  en(
    '(went|slipped|fell) under (the )?water|drown(ed|ing)?|(could|might|will|going to) (fall|land|drop|come down) on (someone|somebody|anyone|a child|the baby|us|my)|hanging (by|from) (the |its )?wires?|(could|couldve|could have|might have|would have) (easily |clearly )?(started|caused|caught|burned|been (fatal|killed|seriously))|before someone (actually )?(gets|got|is) (hurt|injured|killed)',
  ),
  en(`(choked|choking|nearly swallowed|almost swallowed|swallowed)`),
  en(
    `(strap|buckle|harness|latch|guard rail|rail|clasp|lock)${C(25)}(snapped|broke|released|gave way|came (away|off|loose|undone)|failed|came apart|pops? open|popped open|comes? (undone|open)|(doesnt|dont|wont|will not|does not|didnt) (lock|latch|hold|stay (closed|locked|shut)))`,
  ),
  en(
    `(toddler|baby|child|kid|son|daughter|grandson|granddaughter)${C(20)}(fell|tumbled|slipped) (down|off|out|from|through)|(snapped|collapsed|gave way|came away|tipped|flipped|toppled|tipped over|fell (over|on))${C(40)}(baby|toddler|child|kid|son|daughter|month old|year old|father|mother)`,
  ),
];

/** Hurt, ill, allergic: harm to a person's body or health. */
export const INJURY_PATTERNS = [
  `烫${C(6)}(泡|疱)|肚子${C(2)}(疼|痛)|胃${C(2)}(疼|痛)|腹痛|(人|同事|老人|孩子|宝宝|小孩|我|他|她|妈|爸)${C(4)}摔(了)?(下去|下来|倒|伤|在地上)`,
  `(脸|皮肤|身上|手上|脖子|嘴|眼)${C(6)}(起|长|冒)(了)?${C(4)}(疙瘩|痘|疹|红点|小包)|又(痛|疼|红)又痒`,
  '受伤|伤到|伤了|烫伤|烧伤|割伤|划伤|砸伤|夹伤|摔伤|扭伤|刺伤|骨折|淤青|青紫|红肿|肿了|流血|出血|见血|划了一道|口子',
  `缝了?${C(3)}针|缝针|住院|送医|急诊|医院|看医生|就医|挂水|输液|开了药|皮肤科|儿科|拍了片`,
  `(烫|割|夹|磕|刺|扎|砸|撞)(破|出血|起泡|肿)|(烫|夹|砸|割|扎|磕|撞|刮)(到|伤)了?${C(2)}(手|手指|脚|头|脸|腿|胳膊|眼睛|孩子|宝宝|小孩|老人|人|我|他|她)`,
  '喘不(上|过)气|呼吸困难|(打|叫|拨)了?(个)?120(?!\\d)|120(急救|救护)|救护车|肿(起来|得)|上吐下泻|呕吐|吐了|拉肚子|腹泻|发烧|食物中毒|中毒|肠胃炎|过敏|红疹|起疹|疹子|皮炎|水泡|又痒又|瘙痒|头晕',
  `(孩子|宝宝|小孩)${S(30)}纽扣电池|纽扣电池${S(30)}(孩子|宝宝|小孩)|(开水|热水|热油|热汤|沸水)${C(8)}(溅|洒|泼|浇|倒|喷)(到|在|了)?${C(4)}(身上|手上|脚上|腿上|脸上|孩子|宝宝|我)|又红又肿|又肿又|肿(得|起)|疼得(睁不开|受不了|站不起|走不了|动不了|直哭|睡不着)|睁不开`,
  `人身安全|(孩子|宝宝|身体|健康)${C(6)}(伤害|危害)|(伤害|危害)${C(4)}(孩子|宝宝|身体|健康)`,
  en(
    'injur(ed|y|ies)|(got|was|were|is|been|get) (badly |seriously )?hurt|hurt (himself|herself|myself|themselves|his|her|my)',
  ),
  en(
    '(second|first|third) degree burns?|(got|has|have|had|left) (a |an )?(nasty |bad |severe )?burns?|burns? (on|to) (his|her|my|their|our)|burned (my|his|her|their)|burnt (my|his|her)|blister(s|ed)?|scald(ed|ing)?',
  ),
  en(
    'blood(?! (pressure|sugar|glucose|test|type|oxygen|orange|donor))|nick(ed)? (my|his|her|their)|(cut|cuts|gashed|sliced) (my|his|her|their|our|the)|(deep|bad|nasty) (cut|gash)|stitch(es|ed)|bleed(ing)?|bled',
  ),
  en(
    '(broke|broken|fractured?|sprained?|dislocated?) (his|her|my|their|a|the)? ?(wrist|arm|leg|ankle|collarbone|finger|toe|nose|rib|ribs|hip|bone|tooth|teeth)|fractur(e|ed)|sprain(ed)?|bruis(e|ed|es|ing)|concussion',
  ),
  en(
    'hospital(i[sz]ed)?|(the|to|in) er|a ?& ?e|urgent care|emergency room|ambulance|epipen|paramedics?|doctor (said|says|thinks|told|diagnosed)|(pediatrician|gp|nurse) (said|had)',
  ),
  en(
    'food poisoning|poison(ed|ing)|vomit(ing|ed)?|threw up|throwing up|diarrh(o)?ea|stomach (pain|cramps|ache|bug)|(got|became|fell|made (me|us|him|her|them)|been|was|were) (very |really |so |violently )?(sick|ill|unwell)',
  ),
  en(
    '(trouble|difficulty|difficulties|struggling|struggled) breathing|(couldnt|could not|cant|cannot) breathe|short of breath|took (him|her|them|me|my [a-z]+) to (the |a )?(doctor|hospital|er|a ?& ?e|clinic|vet|gp)|(in|with) (a lot of |so much |severe )?pain|needed (stitches|a doctor|treatment|medical)|(went|go|taken|rushed|had to go) to (the |a )?(doctor|hospital|clinic|gp|er|emergency)|ended up (in|at) (the )?(hospital|er|a ?& ?e|urgent care|emergency)|(his|her|my|their) (hand|hands|finger|fingers|arm|arms|leg|legs|face|cheek|neck|chest|back|foot|feet|toe|toes|head|nose|ear|knee|shoulder|scalp|wrist|ankle|eye|eyes|skin|mouth|lip|lips) (is|was|got|went|are|were) (now )?(red|swollen|burnt|burned|cut|bleeding|blistered|painful|raw)',
  ),
  en(
    '(hit|struck|landed on|fell on|fell onto|crushed|trapped|pinched|caught) (my|his|her|our|their|a|the) (son|daughter|child|kid|baby|toddler|wife|husband|mother|father|mum|mom|dad|grandmother|grandfather|head|hand|foot|leg|arm|finger|fingers|face|eye)',
  ),
  en(
    '(came|come|comes|coming|broken|broke) (up|out) in (sores|a rash|spots|hives|blisters|welts)|(open|weeping|skin) sores|allerg(ic|y) reaction|anaphyla[a-z]*|hives|rash(es)?|swell(ing|ed) up|broke out in|reaction (at|after)',
  ),
  en(
    `graz(e|ed|es)|scraped (my|his|her)|road rash|(i|he|she|we) (crashed|fell off|came off)|(boiling|hot) (water|oil|liquid|soup|coffee|tea)${C(40)}(over|onto|on) (my|his|her|their|the baby|the child)`,
  ),
];

/** Something in food, drink or baby products that should not be there, or food gone bad. */
export const CONTAMINATION_PATTERNS = [
  `(吃|喝|咬|嚼)(到|出)${C(6)}(金属|玻璃|虫|头发|异物|石子|石头|塑料|铁丝|钢丝|烟头|苍蝇|蟑螂|钉)`,
  `(里面|里|中|内|上面)${C(3)}(有|发现|飘着|混着|混有|爬)${C(6)}(虫|异物|金属|玻璃|头发|絮状物|霉|苍蝇|蟑螂|老鼠|沉淀)`,
  '胀袋|胀包|胀罐|涨袋|鼓袋|活的?小?虫|虫子|虫卵|蛆|絮状物|发霉|霉变|长毛了|长(了)?(绿|白|黑|灰)毛|长霉|食品安全|食安',
  `(食品|食物|奶粉|米粉|婴儿|宝宝|零食|饮料|牛奶|酸奶|面包|肉|水饺|罐头|辅食|果泥|奶|吃)${S(30)}过期|过期${S(10)}(食品|奶粉|米粉|婴儿|宝宝|食物|零食|牛奶)`,
  en(
    '(shards?|slivers?|splinters?|fragments?) of something|something (sharp|hard|metal|metallic) in (my|the|his|her|our|a)|(sliver|shard|piece|bits?|fragment|chunk)s? of (glass|metal|plastic|wire)|(glass|metal) (shards?|fragments?|shavings?|pieces?|splinters?)',
  ),
  en(
    '(visible |green |black |white )?(mold|mould|moldy|mouldy)|contaminat(ed|ion)|(insects?|bugs?|worms?|maggots?|weevils?|cockroach(es)?|larvae) (in|inside|crawling)|(dead|live) (insect|bug|fly|cockroach|worm)',
  ),
  en(
    '(smell(s|ed|ing)?|tast(e|es|ed|ing)) (sour|off|rotten|rancid|like chemicals|chemical)|(bulging|swollen|blown|puffed) (can|tin|pack|packet|carton|lid|pouch)',
  ),
  en(
    `(expired|out of date|past (its|the) (best before|use by|expiry))${S(30)}(food|milk|formula|baby|ate|eaten|drank|fed)`,
  ),
  en(
    '(glass|metal|plastic|hair|insects?|bugs?|worms?|maggots?|stones?|screws?|wire|bolts?|nails?|staples?|mouse|mice|rats?|droppings|flies|fly|beetles?|cockroach(es)?) ([a-z]+ )?(in|inside|into|within) (the |my |a |our |his |her )?([a-z]+ ){0,3}(food|jar|formula|milk|drink|meal|sandwich|bread|roll|cake|biscuit|cookie|pie|burger|sausage|cereal|yogh?urt|salad|soup|pizza|bar|snack|chocolate|juice|pouch|puree|rice|noodles|dumplings?|tin|can)',
  ),
  en('(contains?|contained|had) (nuts|peanuts|gluten|dairy|shellfish|traces of)'),
];

/** Regulators and consumer bodies, a complaint already made to them or threatened. */
export const REGULATOR_PATTERNS = [
  '(?<!\\d)(12315|12345|12331)(?!\\d)',
  '市长热线|政务热线|便民热线|信访|市场监管|市场监督|市监局|工商(?!银行)|消协|消费者协会|消保委|消费者权益|监管部门|监管机构|质监|质检局|网信办|公安|报警|派出所|药监|食药监|卫健委|银保监|金融监管|(?<!\\d)315(?!\\d)',
  `(向|到|去|给|找)${C(6)}(有关部门|相关部门|政府|主管部门)`,
  en(
    'regulators?|ombudsman|consumer (council|protection|affairs|rights|agency|watchdog|association|commission|bureau|body|group)|trading standards|better business bureau|(?<![a-z])(bbb|ftc|cpsc|cfpb|fda|ico|ofcom|ofgem|accc)(?![a-z])|attorney general|information commissioners?|data protection (authority|regulator|commission|office)|(the )?police|watchdog|(local )?authorities',
  ),
  en(
    `(report|reporting|reported|escalat(e|ing|ed)|complain(ing|ed)?|fil(e|ing|ed)) ${C(30)}(authorit(y|ies)|regulator|government|council|agency|commission)`,
  ),
];

/** The media and social platforms, threatened or already told, as opposed to merely mentioned. */
export const MEDIA_PATTERNS = [
  `(在|到|上)(微博|抖音|小红书|朋友圈|快手|b站|知乎|头条|贴吧|大众点评|黑猫|视频号|公众号)${C(12)}(发|写|曝光|说|讲|晒|挂|传)`,
  '曝光|上新闻|热搜|舆论|媒体|记者|电视台|报社|(去|到|上|在)(黑猫|微博|抖音|小红书|快手|知乎|大众点评|网上)(上)?(投诉|曝光|发|说|讲)',
  `(发|发到|发在|发个|发一?条|挂|晒|写|传|上传|放|告诉|联系|找|投诉|@)${C(10)}(微博|抖音|小红书|朋友圈|快手|b站|哔哩|知乎|头条|贴吧|大众点评|黑猫|网上|网络|视频号|公众号|weibo|douyin|tiktok)`,
  en(
    'journalists?|reporters?|the press|(the|local) papers|(local|the|a|evening|national|daily) (news)?paper(?! (towel|bag|cup|plate|straw|clip))|(consumer|news) desk|the media|(local|the|evening|national) news|newspapers?|news (station|desk|outlet|channel)|tv station|consumer (show|program(me)?)',
  ),
  en(
    `(post|posting|posted|share|sharing|tag|tagging|tagged|put|putting|upload|uploading|expose|exposing|write|writing|review|reviewing|go|going|complain|complaining|report|reporting|blast|blasting|tweet|tweeting)${C(30)}(weibo|douyin|tiktok|twitter|on x|facebook|instagram|youtube|reddit|trustpilot|yelp|google reviews?|social media|online|the internet|public|publicly)`,
  ),
  en(
    `(youtube|tiktok|reddit|instagram|twitter|facebook|weibo|douyin) (video|post|thread|story|followers)|\\d+k? followers|go(ing)? viral|(go|going|gone) public|(make|making) (this|it) public`,
  ),
  en(
    `(ill|i will|im going to|going to|gonna|about to) ${C(12)}(write|writing|post|posting|publish|publishing|share|sharing|tweet|expose|tell everyone)`,
  ),
];

/** Lawyers and the courts, as a threat or a step taken, not a profession mentioned. */
export const LEGAL_PATTERNS = [
  `律师函|(找|请|聘请|委托|咨询|联系)(了)?(过)?${C(3)}律师|我的律师|起诉|法院|打官司|诉讼|法律途径|法律手段|法律程序|追究${C(6)}(法律)?责任|告(你们|到)`,
  en(
    '(fil(e|ing|ed)|mak(e|ing)|bring(ing)?|lodg(e|ing|ed)) (a )?(legal )?(claim|case|suit) against|claim(ing)? (for )?(the )?damages|(will|going to|gonna|to|and|or|ll|shall|would|could|might|then) sue(?![a-z])|suing|sue (you|your|the company|them)|lawsuit|legal (action|proceedings|steps|team|counsel|advice)|small claims|(in |to )court|litigation|class action|demand letter',
  ),
  en(
    `(my|our|retained|hired|hire|hiring|contacted|contact|spoken to|speak to|speaking to|spoke to|talk to|talked to|involve|involving|consult|consulted|get|getting|call|called) ${C(12)}(lawyer|attorney|solicitor)`,
  ),
];

/** Several customers or several units with one fault: a batch defect, not one unlucky buyer. */
export const BATCH_PATTERNS = [
  `这批${S(20)}(一半|大部分|好多|很多|都是|全是|全部)|(一半|大半|大部分|多数)(都)?(是)?(坏|有问题|不能用|不良)|(客人|顾客|客户|买家)(们)?都(来)?(退|投诉|反映)|批量|整批|同一批|同批次?|同一批次|这一批(的|货)?(问题)?|同一(款|型号)${C(20)}(都|全部|一样|同样)`,
  `(好几|几十|十几|七八|五六|多|好多|很多|不少|许多|一堆)(台|个|户|家|位|名|把|套|件|只|箱|人)${S(30)}(都|全|同样|一样|同一)`,
  `(其中|里面|里头|当中|中间)(有)?${C(2)}[\\d一二两三四五六七八九十几]+${C(1)}(台|个|把|件|套|只|箱|户)|(已经|已|都|竟然)有(好几|十几|几十|一半|[\\d两三四五六七八九十]+)(台|个|把|件|套|只|箱|辆|张)`,
  en(
    `(\\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|most|half|all|a dozen|dozens) of (them|us|the units|our units|these|those|(the |our |my )?${NUM}? ?(chairs|units|machines|devices|items|pieces|ones|sets))`,
  ),
  en(
    `(\\d+|several|many|dozens of|lots of|loads of|a number of) (customers|people|users|buyers|owners|clients|families|guests)${C(20)}(have|had|came|come|returned|reported|complained|brought)${S(40)}same|${NUM} out of (the |our |my )?${NUM}(?! (stars|points))|${NUM} of (the |our |my )${NUM} (?!(boxes|parcels|packages|items|orders|deliveries|bags|cartons|days|weeks|months|times|stars|emails|calls)(?![a-z]))[a-z]+s`,
  ),
  en(
    `(every single one|every one of them|all of them|each of them|each one)${C(20)}(has|have|had|is|are|show|shows)|a dozen of us|dozens of (us|customers|people)|(on|in|with|from) (every single one|every one of them|all of them|each of them)`,
  ),
  en(
    'batch|production run|(multiple|several|many|other) (units|customers|buyers|owners|people) (have|had|are|report)|same (fault|defect|problem|issue|failure) (on|in|across|with) (all|several|multiple|many|every)',
  ),
];

/** Money the customer was charged and should not have been, or was owed and did not get. */
export const CHARGE_PATTERNS = [
  `(扣|收|付|支付|刷|扣款|扣费|扣钱)${C(4)}(两|2|二|三|3)(次|遍|笔)|(两|2)(次|笔)(钱|扣款|扣费)|重复(扣|收|支付|付款|扣款|扣费|收费)|(?<!(折扣|优惠|券|满减|积分|会员价|运费|邮费)[^。!?]{0,30})多扣|(?<!(运费|邮费|手续费|服务费|配送费|安装费|折扣|优惠|券|满减|积分|会员价)[^。!?]{0,30})多收了?(?![^,.;:!?。]{0,4}(运费|邮费|手续费|服务费|配送费))|多了一个零|(?<!(折扣|优惠|券|满减|积分|会员价|运费|邮费)[^。!?]{0,30})多付`,
  `(退款|钱|款|差价|返现|返利|余额|补偿|退回|返)${S(25)}(还|一直|迟迟|至今|到现在|都|也)?(没|未|没有)(到账|退|返|打款|打回|到|收到|回来|见着|见到|看到)`,
  `已经?退了${S(20)}(没有|没收到|没到|看不到|查不到)|只退(了|回来了?)`,
  `(根本|从来|从)?没有?(下单|下过单|下过订单|订购|订过|订阅过|开通过|办理过)|(没有?|从来没|从没|根本没有?)(同意|授权)${C(10)}(扣|付|购买|买|开通|续费|服务|订阅)|(扣|付|购买|开通|续费|费)${S(20)}(没有?|从来没|从没)(同意|授权)|莫名(其妙)?(扣|多|少)|(余额|账户|账上)${C(10)}少了|盗刷|多了一笔|(转账|付款|支付|汇款)(已经)?成功${S(40)}(没收到|没有收到|不发|没发|没到)|(钱|款|费)(已经|都)?(付|交|扣)了${S(20)}(没出|没有出|没开通|没有开通|没生成|没到账|查不到|没有记录|没记录|没有我的记录)|一直(在)?等(着)?(退款|退钱)|(自动|偷偷|擅自)(扣|续费|扣费|扣款|扣了)|(扣|收|续费)${S(20)}(根本|完全|都|一直)不知道`,
  en(
    `(pending )?(charge|charged|payment|debit)${S(60)}(no (orders?|record|booking)|(have|has) no (order|booking|record))|(deposit|paid|payment)${S(80)}no refund|waiting (for|on) (my|the|a|our) (refund|money|reimbursement|money back)|charged (me )?for ${NUM} [a-z]+${S(30)}(only|just) (received|got|given) ${NUM}|(charged|debited|paid|billed)${S(60)}(booking|order|reservation|ticket|account) (doesnt|does not|didnt|did not) (exist|show up|appear)|(charged|billed|debited|took)${S(30)}(\\$|£|€|¥)?\\d[\\d,.]* instead of (\\$|£|€|¥)?\\d|(didnt|did not|never|without) (give|giving|dispense|dispensing|get|getting) (me )?(the |my |any )?(cash|money|goods|item|order)${S(60)}(debited|charged|taken|deducted)|money (left|came out of|has left|went out of|taken from) my (account|card|bank)${S(60)}(but|still|never|no|nothing|not)`,
  ),
  `(扣|付款|支付|付了)${S(40)}(没有|没|查不到|找不到)${C(6)}订单|订单${C(4)}(查不到|找不到|不见了|没有生成|没生成|没了)|(说好|讲好|报价|谈好|约定|标价|写的是)${S(30)}\\d+${S(30)}(收|扣|要)了?我?${C(6)}\\d+|钱(没了|不见了|丢了)|(充值|充了|付了|转了)${S(30)}余额${C(8)}(0|零|没变|没到账|没有)(?!\\d)|(没有?|从来没|从没|根本没有?)(同意|授权|开通|订阅|办理|申请|购买|买)(过)?${S(30)}(扣|收|续费)了|余额(没了|不见了|被?清零)`,
  `(取消|关闭|关掉|退订|销户|注销|解约|停机|停用|退掉)(了)?${S(40)}(还是|仍然|依然|还|又|照样|继续|却|但)${C(6)}(扣|收(?!到|件|货)|续费|付款)|取消${S(25)}钱(已经|都)?扣了|(钱|money|款项?)(已经|都|却|还是)?(被)?扣(了|款了)|(订单|order)${C(4)}(被)?(取消|cancel+ed|cancel)${S(40)}(扣|付款|支付|交易成功)`,
  en(
    `(charged|billed|debited|took|taken|ran|run|paid|payment|deducted)${C(30)}(twice|2x|x2|two times|2 times|three times|3 times)|(refund|reverse|cancel) the duplicate|double (charged|charge|billed|billing|payment)|duplicate (charge|payment|transaction)s?|(two|2) (charges|payments|transactions|identical)|charged (me )?(again|another)|both (went through|charges)`,
  ),
  en(
    `(refund|money|credit|reimbursement|cashback|退款|退的钱)${S(40)}(not|never|hasnt|havent|hasnt been|still not|still havent|didnt|wasnt) ?(yet )?(been )?(receiv|arriv|reach|show|come|appear|paid|credited|process|returned|honou?r)[a-z]*`,
  ),
  en(
    '(havent|hasnt|didnt|have not|has not) (i|we) (got|gotten|received|been (refunded|paid))( (back )?(my|the|our) (refund|money))?|(not|never|havent|hasnt|still not|still havent|didnt|did not|do not|dont) ?(yet )?(received|got|gotten|seen|have|had|get) (my |the |a |any )?(refund|money|credit|reimbursement|deposit)|still no (refund|money|credit)|no refund yet|where is my (refund|money)|(weeks?|months?|cycles?|days?) later,? (still )?nothing|still have nothing|bounced back to you',
  ),
  en(
    `(\\$|£|€|¥|\\d)${S(30)}(not|never|hasnt|havent|wasnt|still not) (been )?(returned|refunded|credited|paid back|reimbursed)|(paid|ordered|bought) for ${NUM}${S(40)}charged (me )?for ${NUM}|charged (me )?for (an? )?(extra|additional|second)`,
  ),
  en(
    '(balance|card) (now )?(shows|showed|says|said|reads|is|was) (only )?(\\$|£|€|¥)?0(?![\\d.,]?\\d)|someone (else )?(used|spent|drained|emptied) (my|the|our) (card|account|balance|gift card|points)|(zero|0|\\$0) balance|balance (is |was )?(gone|missing|zero|wiped)|(redeemed|redemption|used) (by someone|in another|without)',
  ),
  en(
    '(never|didnt|did not) (placed?|made) (an |any )?order|never ordered|(never|didnt|did not) (authori[sz]ed?|agreed? to|sign(ed)? up|subscribed?|ask(ed)? for|purchased?|bought)|without (my )?(consent|permission|authori[sz]ation)|unauthori[sz]ed|fraudulent',
  ),
  en(
    `(cancel+ed|cancell?ation|closing my account|closed my account)${S(120)}(still )?(been )?(charged|billed|debited|taken|took|deducted|withdrew|renewed)|(charged|billed)${S(40)}after ${C(20)}(cancel|closing)[a-z]*|(charged|billed|took|taken|debited|deducted|renewed|charging|billing)${S(60)}(i|we) (had )?(already |previously )?cancel+ed`,
  ),
  en(
    `(quoted|agreed|told (me|us) (it would be|it was))${S(80)}(charged|billed|took|paid)|(money|balance|credit|funds|gift card)${C(40)}(vanished|disappeared|gone missing|is gone|was gone|just gone)|(vanished|disappeared) from my account|(paid|payment|charged)${S(40)}(no|never|without) (order|confirmation|goods)|charged${S(40)}(never (happened|came|arrived|took place)|was cancel+ed|didnt happen)|(paid|charged|payment|debited|money)${S(60)}(order|booking)${C(10)}(never|not|wasnt|failed)|(order|booking)${C(20)}(failed|never (created|placed|went through))${S(60)}(charged|debited|paid|money)|(refund|money)${S(60)}(nothing|no sign of it|not a penny)`,
  ),
];

/** Goods lost, stolen or missing in delivery: money lost too (001 二级 经济损失), owned by logistics. */
export const GOODS_LOST_PATTERNS = [
  `被人?(拿走|偷走|偷了|顺走|冒领)|(东西|包裹|快递|货)(也|都)?(没了|不见了)|(显示|已经?)(派送成功|已送达|送达|妥投|已投递)${S(40)}(没收到|没有收到|根本没|没人|没见到|没有人|没了|不见)|(包裹|快递|货|东西|件|商品)${C(6)}(丢了|丢失|被偷|被盗|被冒领|找不到了|不见了)|(说|告诉我|回复|表示)${C(6)}(找不到了|弄丢了|搞丢了|丢了|丢失了)|(lost|丢|弄丢|搞丢)${C(2)}在(物流|快递|路上|仓库|店里)|签收人不是我|不是(我|本人)签收|别人签收|冒签|丢件|冒领|空盒|盒子是空的|空包裹|(是|竟然是)空的|(显示|已经?)(被)?${C(12)}签收${S(30)}(没收到|没有收到|根本没|没人|没见到|没有人)`,
  en(
    `(lost|stolen|missing) (in transit|in the post|in delivery|at the (sort|depot|warehouse))|(carrier|courier|driver|they|it|parcel|package) ${C(20)}(lost|stole|stolen)|(was|been|got) (lost|stolen)|(says|shows|marked|showing|shown|status) (as )?delivered${S(60)}(never|not|didnt|nobody|no one|wrong)|(says|shows|marked|showing|status) (as |it was |its |(my|the) [a-z]+ (was|is) |that it was )?delivered[^]{0,160}?(it was not|it wasnt|nobody came|no one came|never (came|arrived)|vanished|gone|nothing (at|on|in|outside) (my|the|our)|(nobody|no one) (has|had|took|saw) it|not there|(theres|there is|there was) nothing (there|inside|in it)|someone elses|(another|a different|the wrong) (house|door|address|flat|building)|no sign of it)|(parcel|package|order|delivery|box|gear|items?)${C(30)}(vanished|disappeared|gone missing|is gone|was gone|are gone|nowhere to be found)|(they|staff|store|shop|centre|center|technician|warehouse|team|agent|you)${C(30)}(cant|cannot|couldnt|could not|unable to) (find|locate) (it|my|the|them)|(lost|misplaced) my (watch|phone|device|laptop|tablet|item|items|bike|ring|camera|unit)|(delivered|left) (it |my \\w+ )?(to|at) (the )?wrong (address|house|door|flat)|(left|dropped|delivered|put)${S(80)}(and )?(its|it is|it was|they are|they were|everything is) (gone|missing|stolen|nowhere)|(it|box|parcel|package|they|delivery|order) (was|were|got|has been|had been) (taken|nicked|swiped|pinched)|(\\$|£|€|¥)\\d[\\d,.]* (of|worth of) ([a-z]+ ){0,3}(gone|missing|stolen)|(handed|gave|given|delivered) (it|my [a-z]+|the [a-z]+) to (someone|somebody) else|empty (box|package|parcel)|(box|package|parcel) was empty|only ${NUM} of (the |my )?${NUM} (boxes|items|parcels|packages)|never (arrived|received|came|got it)`,
  ),
];

/** The product or service cannot be used at all (004 Ⅱ级 核心功能故障). */
export const CORE_FUNCTION_PATTERNS = [
  `(点不着|打不着火|进不了|什么都${C(3)}不了|屏幕?${C(2)}全黑|开不了|打不开|开不起来|启动不了|用不了|进不去|登不上|登不进去?|上不了网|连不上网|充不进|充不上)|(根本|完全|压根)(就)?[洗用开关做煮充登看听玩打烧启跑转连进上]{1,2}不了|(完全|根本|一点都?|压根|彻底)(就)?没有?(热水|冷气|暖气|热风|冷风|信号|网络?|声音|画面|图像)|没有?(热水|冷气|暖气|信号|网|声音|画面|图像|反应)了|没有?(画面|图像|影像)(?!${C(3)}(卡|问题|异常|延迟))|(屏幕?|幕布|画面|显示屏?)${C(3)}(一片黑|漆黑|全黑)|(一点|任何|什么)?反应都没有|毫无反应|没有任何反应|(制热|制冷|加热|出热水|吸力)${C(4)}(完全|根本|一点)?(都)?(没|没有)(效果|用|反应)|吹出来的?(都|全)是(冷风|热风)`,
  '(?<!能)(不|无法|不能|没法|没办法)(开机|制冷|制热|加热|出水|出热水|进水|排水|脱水|点火|打印|充电|结冰|工作|运行|启动|出风|出声|通电|联网|上网|登录|登陆|访问|观看|播放|支付)|(?<!能)(不能|没法|没办法|无法)(使用|用)',
  `(完全|根本|彻底|全部|所有|一点(都|也)?|压根)${C(4)}(不能|不会|没法|无法|用不了|进不去|听不到|没声音|没反应|不亮|不转|不凉|不冷|不热|不暖|不工作|不制冷|不制热|离线|offline|上不了|打不开)|(完全|根本|彻底)不${C(2)}(用|工作|制冷|制热|转|亮|动)|都(没反应|没声音|不亮|不转|听不到|进不去|用不了|离线|offline|无法使用|访问不了)`,
  `(开机|插上电?源?|通电|插电|插枪|电源键?|机器|整机|屏幕)${C(8)}(没反应|没有反应|没动静|没有动静|不亮|黑屏|黑的)`,
  '黑屏|死机|变砖|瘫痪|罢工|无权限|访问不了|听不到|没声音|不转了?|凉风都没有|热风都没有|服务器错误|(登录|登陆)' +
    C(8) +
    '(错误|失败|不了|不上)',
  en(
    `(wont|doesnt|dosent|dosnt|does not|will not|dont|cant|cannot|can not|nothing|isnt|not|no longer)${C(12)} (even )?(blow|blows|blowing|get|gets|getting|stay|stays|make|makes|give|gives|put out) (any )?(cold|cool|hot|warm)|no (internet|wifi|wi fi|network|connection)( at all)?|defrosted|(does not|doesnt|dosent|wont|will not|cant|cannot|didnt|did not|not) (wash|dry|clean|cook|brew|flush|pump|ignite|light|record|scan|dispense|suck|vacuum|open|close|lock|unlock)( \\w+)? at all`,
  ),
  en(
    '(wont|doesnt|dosent|dosnt|does not|will not|cant|cannot|can not|unable to|refuses? to|didnt|isnt|not|wouldnt|no longer) (even )?(turn|power|switch|boot|start|charge|cool|heat|connect|load|open|print|spin|drain|freeze|log|sign|run|respond|produce|control|play|pair)( (on|up|in|at all|anymore|any more))?|(wont|cant|cannot|unable to|not) (process|take|accept) (any )?(card )?(payments?|orders?|transactions?|payroll|contactless|chip|cards|card payments)|turn(ing|ed)? customers away',
  ),
  en(
    '(?=doesnt|dont|wont|isnt|not|stopped|no longer|nothing)(?<!(link|code|number|coupon|voucher|promo|button|discount|card) (does |do |will |is )?)(doesnt|dont|wont|isnt|not|stopped|no longer|nothing) (work|works|working)( at all| anymore| any more)?|stopped (cooling|heating|freezing|working|responding|charging|running)|(not|isnt|arent|no longer) (cooling|heating|freezing|charging|draining|spinning|printing)( at all)?',
  ),
  en(
    '(no|none of (our|the)) (customer|customers|one|user|users|client|clients) can (pay|log ?in|order|check ?out|buy|access)|checkout (is |has been )?(broken|down|not working)|defrosting|(heating|heater|boiler|hot water|cooling|air con|aircon)( is| was| has been| stays)? (stuck )?off|house is (freezing|cold)|stays? cold|no (power|sound|signal|display|picture|heat|cooling|hot water|power light)|(?<!(line|call|phone|chat) )(is|are|been|went|gone|totally|completely) (dead|offline|blank)|(cant|cannot|unable to) (sell|do|use) anything|blank screen|black screen|stuck on (the )?(logo|boot|loading|connecting)|(boot|login) loop|loops back to|completely (blocked|dead|broken|unusable|down)|unusable|(cant|cannot|can not|unable to) (hear|use|access|log ?in|sign in|get in|get into|pay|run|open|see anything)|(locked|shut) out',
  ),
  en(
    `(screen|display|monitor|tv|picture)${C(12)}(went|gone|goes|turned|stays|is) (totally |completely |all |just )?(black|blank|dark)`,
  ),
  en(
    `(neither|none|no)${C(20)}(produces?|makes?|gives?|works?) (any )?(sound|power|heat|signal)?|fails?${C(25)}every (run|time)|(is|are|was|went) down`,
  ),
];

/** How the customer was treated: attitude, rudeness, being passed around. */
export const ATTITUDE_PATTERNS = [
  '态度|不耐烦|挂(了)?(我的)?电话|推诿|踢皮球|推来推去|转来转去|敷衍|没人理|爱答不理|爱理不理|骂|吼|凶|甩脸|白眼|难堪|冷漠|不专业|不客气|语气|嫌我|没礼貌|不礼貌|歧视|冷嘲热讽|阴阳怪气|不归他们管|你自己(不会)?看|抽烟|说话不算话|不承认|不认账|不负责',
  en(
    'rude(ly)?|impolite|impatient|dismissive|condescending|patroni[sz]ing|sarcastic|disrespect(ful)?|unprofessional|unhelpful|attitude|yell(ed|ing)|shout(ed|ing)|swore|hung up|hanging up|talked over|sighed|called me a|insult(ed|ing)?|laughed at|ignor(ed|e|es|ing)|lied|lying|(wrong|incorrect|false) (information|info)|nobody (at your company )?(reads|listens)|on (his|her|their) phone the whole|experience was poor|refuses? responsibility|not okay',
  ),
];

/** Something late: delivery, installation, repair, refund handling, replies. */
export const DELAY_PATTERNS = [
  `(已经|都)第?\\s?${NUM}\\s?(天|周|个星期|个月)了|(说好|承诺|约定|保证)${C(16)}(天|小时|business days|工作日)(内|之内)?(到|发货|送达|上门|修好)|迟迟|至今(未|没)|一拖再拖|拖延|拖了|延迟|延误|逾期|延期|推迟|晚了|晚到|太慢|很慢|效率|排队|等了${C(8)}(天|周|星期|月|小时|分钟)|(已经|都|快)${C(4)}${NUM}?(天|周|个星期|星期|个月|多月)(了)?${C(6)}(还|都|也)?(没|不|未)`,
  `(咋|怎么|为什么|为啥)还(不|没|没有)|到现在(都|还)?(没|未|不)|一直(没|没有|不)(发货|到|回复|人|消息|更新|动|回)|才(来|到|送到|发货|回复)|没人(来|回|联系|通知)|(物流|快递|tracking)${C(10)}(不动|没更新|没有更新|停)|缺货|不知道什么时候`,
  en(
    `(still|yet to|hasnt|has not|havent|have not|not yet) ${C(15)}(arrived|shipped|received|heard|updated|moved|delivered|fixed|repaired|called|come|processed|been (shipped|delivered|fixed|sent))|been ${NUM} (days|weeks|months)|for ${NUM} (days|weeks|months)|${NUM} (days|weeks|months) (now|later|ago)|weeks now|still says|stuck (at|on|in)`,
  ),
  en(
    'no (call|reply|response|answer|update|word|callback|one came|show)|never (called|came|showed|replied|heard back|happened)|didnt (even )?show( up)?|show(ed)? up (at|late)|waiting (on|for)|on hold|out of stock|taking (too|so) long|how (much )?longer|(late|delay|delayed|overdue)|where is my (order|package|parcel)|hasnt (moved|updated|shipped)|(took|takes) (ages|forever)',
  ),
];

/** An error on the bill: invoice, fee, discount or points not applied (P3 when no money is lost). */
export const BILLING_ERROR_PATTERNS = [
  `(发票|抬头|税号)${C(10)}(错|不对|没开|没有开|未开|开不出|开成)|(优惠券?|满减|折扣|积分|返利|运费|包邮)${C(20)}(没减|没有减|没到账|没给|不给|没用上|收了|没)|账单${C(10)}(不对|错|显示)|计价错误|金额不对|价格错误|收了我${C(10)}运费`,
  en(
    `(charge|charged|fee)${S(60)}(said|says|advertised|promised|stated) (free|no charge|included)|(invoice|receipt|bill|statement|vat)${C(30)}(wrong|incorrect|error|confusing|mistake|missing|cant reconcile)|wrong (price|amount|vat|plan|tier)|(surcharge|fee|discount|coupon|promo code|points)${C(30)}(not applied|wasnt applied|didnt apply|without telling|expired|missing|never)|(points|discount)${C(30)}(expired|not credited|missing)`,
  ),
];

/** A defect or a fault that leaves the product usable: quality, cosmetics, missing parts, minor faults (P3). */
export const DEFECT_PATTERNS = [
  `缩了|电流声|杂音|沙沙|滋滋|缺口|豁口|破损|有个洞|涂层${C(2)}(脱落|掉)|掉涂层|掉皮|起皮|脱落|松了|松动|断了|划痕|刮痕|磕碰|缩水|变形|掉色|褪色|掉漆|开胶|脱胶|起球|开线|破洞|破了|裂了|裂缝|开裂|凹陷|凹痕|色差|异味|胶水味|少了|缺了|漏发|少发|错发|发错|缺少|不全|异响|响声|噪音|嗡嗡|咔咔|吱吱|重启|闪退|卡顿|掉帧|帧率|断连|断线|掉线|不灵敏|失灵|不准|漏水|渗水|生锈|做工|瑕疵|质量${C(4)}(差|一般|问题)|不新鲜|受潮|泡皱|湿了|坏了|故障|停一下|时好时坏|闪屏|花屏|闪(一下|烁)|卡纸|断断续续|吸力${C(4)}(小|下降|弱)`,
  `味道${C(3)}(太|很|特别)?(大|重|难闻)|一股${C(4)}味|(油漆|甲醛|塑料|化学|霉|汽油|橡胶)味|影响${C(4)}(使用|做饭|睡眠|休息|用)`,
  en(
    'holes?|(?<!wear and )tear|torn|ripped|(came|come|comes|coming) (loose|off|apart|unstitched)|fell off|snapped|split|bent|warped|frayed|scratch(ed|es)?|dent(ed|s)?|crack(ed|s)?|chip(ped|s)?|peel(ing|ed|s)|pilling|faded|fading|shrunk|shrank|stain(ed|s)?|stiff|wobbl(y|es|ing)|rattl(e|es|ing)|squeak(s|y|ing)?|noisy|noise|humming|flicker(s|ing)?|reboot(s|ing)?|restart(s|ing)?|freez(es|ing)|laggy|glitch(es|y)?|buggy|stale|slow(ly|er)?|(take|takes|taking|took) (a minute|minutes|ages|forever|so long|too long|a while) to (load|start|open|respond|boot|connect)|missing|wrong (item|size|colou?r|version|one|parts?)|broken|faulty|defect(ive|s)?|off by|inaccurate|leak(s|ing)?|rust(y|ed)?|odou?r|damaged|crushed|soaked|poor quality|shoddy|cheaply made|counts steps|disconnect(s|ing|ed)?|different shades',
  ),
  en(`(network|wifi|wi fi|connection|signal|bluetooth|call)${C(12)}(drops|cuts out|disconnects)`),
];

/**
 * A remedy demanded (money back, a price difference, compensation, a replacement): a complaint
 * asks us to put something right, so a question mark beside it ("哪里不符合了?") does not make it a
 * plain question (P3 at least, 003 product and billing disputes).
 */
export const REMEDY_DEMAND_PATTERNS = [
  `((?<![申邀聘宴])请|麻烦|必须|要求|赶紧|尽快)${C(12)}(退|补|赔|返还|退还|换)(给我|我|钱|款|货|差价|一[台个件])|(退|补|赔|返|还)给我|要求${C(4)}(退款|退钱|退货|赔偿|补偿|换货|补差价)|(补|退|返)(还)?差价|差价${C(10)}(补|退|返)`,
  en(
    '(i|we) (want|demand|expect|need|would like) (a |my |our |the )?(full )?(refund|replacement|compensation|money back)|(refund|compensate|reimburse) (me|us)|give (me|us) (my|our|a) (money|refund)|(money|refund) back (now|immediately|asap)',
  ),
];

/** Asked as a question: by its form, in both languages. */
export const QUESTION_PATTERNS = [
  `(是|从)${C(12)}还是${C(12)}\\?`,
  '请问|想问(?!清楚|明白)|想知道|问一下|咨询一下|想咨询|想了解|想确认|(是|用|有)什么(材料|材质|成分|原料|区别|标准|型号|规格)|什么时候|何时|多少钱|(大概|大约|一般)?(耗|用|要|需要|是)?多少(?!次|回|遍)|多大|多长|多重|多宽|多高|多长时间|哪款|哪个(好|更)|安不安全|好不好用|能不能用|该不该|值不值|适不适合|合不合适',
  `(是否|能否|可否|可不可以|能不能|可以|会不会|有没有|是不是|要不要|需不需要|支不支持|需要)${S(30)}吗|是否|能否|可否|可不可以|有没有|需要带什么`,
  `(如果|万一|要是|假如)${S(30)}怎么办`,
  '吗\\s?\\?|吗$|怎么(设置|用|使用|操作|办理|申请|预约|选|弄|查|注销|买|消毒)|如何|多久|哪里|哪儿|什么区别|几天',
  // A sentence that opens with a question word asks; "can you / could someone …" asks us to act, which a complaint does.
  en(
    '(?=how|what|where|when|which|who|is|are|do|does)(?<=^(hi|hello|hey|dear [a-z]+|good (morning|afternoon|evening))[,!]? ?)(how(?! come)|whats?|where|when|which|who|is|are|do|does)(?= )|(?<=, ?)(is|are|do|does|should|(can|could) (i|we))(?= )|(?<=^|[.!?:;\\-] ?)(how(?! come)|whats?|where|when|which|who|is|are|do|does|should|may|(can|could|will|would)(?= (i|we|it|they|this|these|the)(?![a-z])))(?= )|(can|could|would) (you|someone|somebody|anyone) (tell|explain|let me know|confirm|advise|clarify|recommend|suggest)',
  ),
  en(
    'how (do|can|often|long|much) (i|we|you)|quick (q|question)|(any|are there) plans (to|for)|(?<!why )is there (a|any)|(?<=^|[.!?] ?)any (discount|deals?|chance|way|plans|news|update|idea|info|offers?)|is it (normal|safe|possible|ok)|do you (offer|accept|have|ship|sell|take|share)|can i |could i |any chance|just (wondering|asking)|quick question|wondering (if|whether)|or should (i|we)',
  ),
];

/** A suggestion or a wish, by its form. */
export const SUGGESTION_PATTERNS = [
  // 希望 asks for something new, unless what is hoped for is this complaint's remedy ("希望尽快处理", "希望这次能修好").
  `期待${C(8)}(推出|出|上|增加|更新|支持)|(出|推出|增加|有)${C(10)}就(更)?好了|建议|希望(?!${C(6)}(给我|给个|尽快|赶紧|早点|这次|彻底|解决|处理|答复|回复|退款|退钱|赔|换货|换一|修好|重视|联系我|准确))|能不能${C(12)}(出|加|增加|添加|支持|做|推出|提供)|可以考虑|考虑一下|如果能${S(20)}就好了|小建议`,
  en(
    `just a thought|would be (really |very |so )?(handy|useful|helpful|nice|great|amazing|awesome|lovely|cool)(?! if (i|we|you) (could|got|received|had))|suggest(ion|ions|ed)?|(it ?d|it would) be (really |very |so |super )?(nice|great|good|helpful|useful|handy)|(it )?would help( a lot)? if|would be (helpful|useful) if|would love|i wish|i hope you (can|could|will)|please consider|(feature|product) request|could you add|can you add|any chance you could|ideas? (for|that)|would (make|be) ${C(30)}(better|nicer|easier|more useful|more convenient)|i think (a|an|it|the|you)${C(40)}(would|should|could) |have you (ever )?(thought|considered|thought about)|(why not|how about|you (should|could)) (sell|offer|add|make|introduce|stock|bring out|launch|do)[a-z]*|would (save|cut|reduce) (a lot of |so much )?(plastic|waste|time|packaging)`,
  ),
];

/** How the words around a signal change it (LanguageCues). */
export const LANGUAGE = {
  negations: [
    '没有|没|未曾|未|(?<![法论聊])无(?!法|论|聊|权|人|奈|线|效|故)|并非|不是|不想|不要|不会|不用|不再|从没|从来没|别|谈不上|算不上|不存在|不至于',
    '(?<![a-z])(not|no|never|nobody|none|nothing|neither|nor|without|dont|didnt|doesnt|isnt|wasnt|werent|arent|havent|hasnt|hadnt|wont|cant|cannot|couldnt|wouldnt|shouldnt|no one|avoid|in case|prevent|thinking|thought|assumed|if)(?![a-z])',
    // Asked before anything happened: "会不会有安全隐患?", "is it safe to …"
    '会不会|是否|有没有|会否|万一|如果|假如|要是|以免|避免|防止|is it safe|would it|will it|could it|does it|risk of|(?<![a-z])(is|has) (my|the|this|our)(?= (parcel|package|order|delivery|item|shipment) )',
  ],
  adjacentNegations: ['不(?!仅|但|管|得|少|停|断|了|到|久|知|敢|好|行|一样|光|过)'],
  notNegations: [
    '不仅|不但|不光|无论|不管|没想到|不得不|不知道|不好意思|不一样|没多久|没几天|没过多久|不久|不到|不敢|没法|没办法|没反应|没动静|没声音|没人',
    '(?<![a-z])(no longer|not only|not just|no idea|not sure|no doubt|dont know|didnt know|no matter|cant believe|couldnt believe|not even|nothing (but|short of)|not one person|no one (has|have|at)|nobody (has|have|at|reads|listens))(?![a-z])',
  ],
  scopeBreakers: [
    '就|才|却|否则|不然|要不|要是|如果',
    '(?<![a-z])(and (got|became|started|began|caught|burst|went|left|then)|then|unless|otherwise|until|if|or else|because|but|and (the|my|it|its|i|we|they|now|still|yet)|(i|we) (will|shall|am going to)|ill|well|im going to|were going to)(?![a-z])',
  ],
  negationReach: 32,
  degrees: [
    '(还是|仍然|依然)(能|可以)用|偶尔|有时候?|时不时|一点点|有一点|有点(?!用)|稍微|略微|轻微|小问题|不影响(使用|用|正常)?|还能用|(?<![不没])能(正常)?用|都能正常|基本正常|都正常|一两次|不太明显',
    '(?<![a-z])((i |we )?can still (use|access|get to|open)|occasionally|sometimes|once in a while|now and then|once or twice|once a day|a bit|a little|slightly|slight|minor|small (issue|thing)|mostly fine|works fine|otherwise fine|still works|still usable|not a big deal|no big deal|nothing serious|intermittent(ly)?)(?![a-z])',
  ],
  questions: [
    '请问|想问(?!清楚|明白)|问一下|咨询|是否|能否|可否|可不可以|会不会|吗(?=\\s?[?.!,。]|$)|多久|几天|怎么(?!回事|还|又|老是|总是|搞|会)|如何',
    '(?<![a-z])(what|how(?! come)|when|where|which|can i|could i|do you|is it(?! normal)|is there)(?![a-z])',
  ],
  clauseBreaks: [
    '但是|但|可是|不过|然而|而且|结果|然后|另外|只是',
    '(?<![a-z])(but|however|although|though|whereas|and then|except)(?![a-z])',
  ],
} satisfies LanguageCues;
