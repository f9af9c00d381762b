/**
 * Whether a customer's mail on a resolved complaint says the problem is not fixed ("还是不行",
 * "still not working"). A small list of phrasings, not a model: a miss leaves the reply on the
 * timeline for the owner to read, a false alarm reopens a complaint one grade higher, so the
 * patterns are specific and a negated phrase ("不是还不行", "not broken anymore") does not count.
 */

const ZH: readonly RegExp[] = [
  /(还是|仍然|仍|依然|依旧|照样|还)(不行|不能|不可以|没用|用不了|不好用|无法|打不开|开不了|坏|漏|有问题|一样|老样子|没(有)?(好|解决|修好|反应))/,
  /(没有|没|未|并没有|并未|还没有?)(被)?(解决|修好|修复|处理好|弄好|好转)/,
  /问题(依旧|依然|还在|仍在|仍然存在|还是存在|没变)/,
  /(又|再次|重新)(出现|坏|不行|不能用|漏|死机|黑屏|出问题|发生)/,
  /(同样|一样)的(问题|毛病|故障|情况)/,
];

const EN: readonly RegExp[] = [
  /\bstill\s+(not|n['’]t|doesn['’]?t|does not|isn['’]?t|is not|won['’]?t|will not|can['’]?t|cannot|broken|faulty|the same|having|getting|leaking|failing|crashing|dead|has the same|shows?)\b/,
  /\b(not|never|n['’]t)\s+(been\s+)?(fixed|resolved|solved|repaired|sorted)\b/,
  /\b(has|have|was|were|is|are)\s*(not|n['’]t)\s+(been\s+)?(fixed|resolved|solved|repaired)\b/,
  /\bsame\s+(problem|issue|fault|error|defect)\b/,
  /\b(happening|happened|broke|broken|failed|failing|stopped|crashed|leaking|back)\s+again\b/,
  /\b(fix|repair|solution|replacement)\s+(did\s+not|didn['’]t|does\s+not|doesn['’]t)\s+(work|help)\b/,
  /\bnothing\s+has\s+changed\b/,
  /\b(doesn['’]t|does not|won['’]t|will not)\s+(work|turn on|start|charge)\b/,
];

/** A phrase that negates what follows: "不是还不行" (it is not that it still fails). */
const ZH_NEGATION_BEFORE = /(不是|并非|没说|并不是)$/;
/** Phrases that say it works, which outweigh a trigger in the same sentence ("not broken anymore"). */
const EN_RESOLVED =
  /\b(not|no longer)\s+(broken|faulty|a problem)\s*(any\s?more)?\b|\bno more problems?\b|\b(it['’]s|is|now)\s+(fixed|working|solved|resolved)\b|\bworks (fine|now)\b/;
const ZH_RESOLVED = /(已经|已)(解决|修好|好了|可以用|正常)|没有问题了|没问题了|一切正常/;

/** The sentences of a text, so a "thanks, it is fixed" in one sentence does not cancel a complaint in another. */
function sentences(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[。！？!?\n;；]+|\.(?=\s|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function zhSays(sentence: string): boolean {
  for (const pattern of ZH) {
    const match = pattern.exec(sentence);
    if (!match) continue;
    if (ZH_NEGATION_BEFORE.test(sentence.slice(0, match.index))) continue;
    if (ZH_RESOLVED.test(sentence) && !/(没有|没|未)(解决|修好)/.test(match[0])) continue;
    return true;
  }
  return false;
}

function enSays(sentence: string): boolean {
  if (EN_RESOLVED.test(sentence)) return false;
  return EN.some((pattern) => pattern.test(sentence));
}

/** Only the first lines count: the customer's point comes first, and a long mail may quote anything later. */
const LOOK_AT = 800;

export function saysNotFixed(newText: string): boolean {
  return sentences(newText.slice(0, LOOK_AT)).some((s) => zhSays(s) || enSays(s));
}
