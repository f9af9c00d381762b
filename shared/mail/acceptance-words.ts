import { saysNotFixed } from './not-fixed.js';

/**
 * Whether a customer's reply to the offer mail clearly accepts the solution or clearly asks for a
 * change (ACC, issue 10). A small list of phrasings, not a model, and never a guess: a reply that
 * says both, neither, asks a question, or says something is still broken is undefined, and lands as
 * an ordinary reply for the owner to read. Only the first lines count (the rest may quote our mail).
 */
export type ReadAnswer = { accepted: true } | { accepted: false; reason: string };

const LOOK_AT = 600;

const ZH_CHANGE =
  /(不同意|不接受|不认可|不满意|无法接受|不能接受|没法接受|不太满意|(要求|希望|想要?|请|能否|可否|可不可以)(改为|改成|换成|更换|换一?个|调整|重新|直接退|全额退|退款|退货|补偿)|换成|改成|调整(一下)?方案)/;
const EN_CHANGE =
  /\b((do not|don['’]t|cannot|can['’]t|won['’]t|will not|not) (accept|agree)|not (acceptable|good enough|ok|okay)|unacceptable|instead|rather than|i['’]?d rather|i would rather|prefer|change (the|your|this) (solution|offer|plan|proposal)|counter[- ]?offer)\b/;
const ZH_ACCEPT = /(同意|接受|认可|没问题|可以的?|好的|行的?|就这么办|按(这个|此)方案)/;
const ZH_ACCEPT_NEGATED = /(不|没|无法|不能|没法|未)(太|能)?(同意|接受|认可|可以|行)/;
const EN_ACCEPT =
  /\b(i (accept|agree)|accepted|agreed|(that|this|it)(['’]s| is) (fine|ok|okay|acceptable|good)|(fine|ok|okay|yes),? (go ahead|please proceed|proceed)|go ahead|sounds good|yes,? (i accept|please|that['’]s fine)|ok|okay|yes)\b/;

function firstLines(text: string): string {
  return text.slice(0, LOOK_AT).trim().toLowerCase();
}

export function readAcceptance(newText: string): ReadAnswer | undefined {
  const text = firstLines(newText);
  if (text === '') return undefined;
  // A question or a fault still there is for the owner to answer, not an answer to take.
  if (/[?？]/.test(text) || saysNotFixed(text)) return undefined;
  const change = ZH_CHANGE.test(text) || EN_CHANGE.test(text);
  const accept = (ZH_ACCEPT.test(text) && !ZH_ACCEPT_NEGATED.test(text)) || (EN_ACCEPT.test(text) && !change);
  if (change && !accept) return { accepted: false, reason: newText.trim().slice(0, 2000) };
  if (accept && !change) return { accepted: true };
  return undefined;
}
