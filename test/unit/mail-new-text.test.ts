import { describe, expect, it } from 'vitest';
import { htmlToText, newTextOf, stripQuotedText } from '../../shared/mail/new-text.js';

const kept = (text: string) => stripQuotedText(text).text;

describe('keeping only the new text of a plain-text reply', () => {
  it('cuts at a Gmail attribution in English, and at one wrapped over two lines', () => {
    expect(kept('Still broken.\n\nOn Mon, 30 Nov 2026 at 10:00, Support <s@x.com> wrote:\n> old')).toBe(
      'Still broken.',
    );
    expect(kept('Still broken.\n\nOn Mon, 30 Nov 2026 at 10:00, Support <s@x.com>\nwrote:\n> old')).toBe(
      'Still broken.',
    );
  });

  it('cuts at Gmail, iPhone and 163 attributions in Chinese, even when the time wraps onto its own line', () => {
    expect(kept('还是坏的。\n\n在 2026年11月30日 10:00，客服 <s@x.com> 写道：\n> 旧')).toBe('还是坏的。');
    expect(kept('还是坏的。\n\n客服 <s@x.com> 于2026年11月30日周一\n10:00写道：\n> 旧')).toBe('还是坏的。');
    expect(kept('还是坏的。\n\n在 2026-11-30 10:00:00，"客服" <s@x.com> 写道：\n 旧')).toBe('还是坏的。');
    expect(kept('還是壞的。\n\n於 2026年11月30日 上午10:00，客服 <s@x.com> 寫道：\n> 舊')).toBe('還是壞的。');
  });

  it('cuts at attributions in other languages Gmail writes', () => {
    expect(kept('Toujours en panne.\n\nLe lun. 30 nov. 2026 à 10:00, Support <s@x.com> a écrit :\n> old')).toBe(
      'Toujours en panne.',
    );
    expect(kept('Immer noch kaputt.\n\nAm Mo., 30. Nov. 2026 um 10:00 Uhr schrieb Support <s@x.com>:\n> old')).toBe(
      'Immer noch kaputt.',
    );
    expect(kept('Sigue roto.\n\nEl lun, 30 nov 2026 a las 10:00, Support (<s@x.com>) escribió:\n> old')).toBe(
      'Sigue roto.',
    );
  });

  it('cuts at an Outlook header block in English and Chinese, with or without the underscore divider', () => {
    const en =
      'Refund please.\n\n________________________________\nFrom: Support <s@x.com>\nSent: Monday, November 30, 2026 10:00 AM\nTo: Me\nSubject: Case';
    expect(kept(en)).toBe('Refund please.');
    const zh = '请退款。\n\n发件人: 客服 <s@x.com>\n发送时间: 2026年11月30日 10:00\n收件人: 我\n主题: 投诉';
    expect(kept(zh)).toBe('请退款。');
    const bold = 'Refund please.\n\n*From:* Support <s@x.com>\n*Sent:* Monday\n*To:* Me\n*Subject:* Case';
    expect(kept(bold)).toBe('Refund please.');
  });

  it('keeps a line that only starts like a header when no header block follows', () => {
    expect(kept('From: my kitchen, the fridge is loud.\nIt started on Monday.')).toBe(
      'From: my kitchen, the fridge is loud.\nIt started on Monday.',
    );
  });

  it('cuts at the Original Message dividers of Outlook, QQ Mail and Foxmail', () => {
    expect(kept('OK.\n-----Original Message-----\nFrom: s')).toBe('OK.');
    expect(kept('好的。\n-----原始邮件-----\n发件人: s')).toBe('好的。');
    expect(kept('好的。\n\n------------------ 原始邮件 ------------------\n发件人: s')).toBe('好的。');
    expect(kept('好的。\n\n------------------\u00a0Original\u00a0------------------\nFrom: s')).toBe('好的。');
  });

  it('drops signatures clients add: "-- ", iPhone, 网易邮箱大师, Outlook for iOS', () => {
    expect(kept('Thanks.\n-- \nJonas Weber\nACME GmbH')).toBe('Thanks.');
    expect(kept('Thanks.\n\nSent from my iPhone')).toBe('Thanks.');
    expect(kept('谢谢。\n\n发自我的iPhone')).toBe('谢谢。');
    expect(kept('谢谢。\n\n来自网易邮箱大师')).toBe('谢谢。');
    expect(kept('Thanks.\n\nGet Outlook for iOS')).toBe('Thanks.');
  });

  it('drops > lines but keeps answers written between them', () => {
    const interleaved = 'On 30/11/2026 10:00, Support wrote:\n> Which model?\n\nKX-200.\n\n> When?\n\nMarch.';
    expect(kept(interleaved)).toBe('KX-200.\n\nMarch.');
  });

  it('never strips everything: a reply with nothing new keeps the first lines and says so', () => {
    const result = stripQuotedText(
      'On Mon, 30 Nov 2026 at 10:00, Support <s@x.com> wrote:\n> Dear customer\n> We got it',
    );
    expect(result.fallback).toBe(true);
    expect(result.text).toBe('On Mon, 30 Nov 2026 at 10:00, Support <s@x.com> wrote:\n> Dear customer\n> We got it');
  });

  it('gives an empty mail an empty new text, not a fallback', () => {
    expect(stripQuotedText(' \n\n')).toEqual({ text: '', fallback: false });
  });
});

describe('keeping only the new text of an HTML reply', () => {
  it('stops at a gmail_quote, a blockquote, Outlook divRplyFwdMsg and its border-top divider', () => {
    const history = [
      '<div class="gmail_quote"><div class="gmail_attr">On … wrote:</div><blockquote>old</blockquote></div>',
      '<blockquote type="cite">old</blockquote>',
      '<hr><div id="divRplyFwdMsg"><b>From:</b> s</div><div>old</div>',
      '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p><b>发件人:</b> s</p></div><p>old</p>',
      '<div style="font-size: 12px;">------------------&nbsp;原始邮件&nbsp;------------------</div><div>old</div>',
    ];
    for (const quote of history) {
      expect(newTextOf({ html: `<div>New words.</div>${quote}` }).text).toBe('New words.');
    }
  });

  it('works on the HTML when the text part is an empty or placeholder conversion', () => {
    const html = '<p>Real message.</p><blockquote type="cite">old</blockquote>';
    expect(newTextOf({ text: '', html }).text).toBe('Real message.');
    expect(newTextOf({ text: 'This is an HTML message.', html }).text).toBe('Real message.');
  });

  it('prefers a good text part over the HTML', () => {
    expect(newTextOf({ text: 'From the text part.', html: '<p>From the HTML part.</p>' }).text).toBe(
      'From the text part.',
    );
  });
});

describe('HTML to text', () => {
  it('drops scripts, styles and the head, decodes entities and breaks lines at blocks', () => {
    const { text } = htmlToText(
      '<head><title>t</title><style>p{}</style></head><script>alert(1)</script><p>a &amp; b&nbsp;&lt;c&gt;</p><div>d<br>e</div><ul><li>f</li></ul>',
    );
    expect(text).toBe('a & b <c>\n\nd\ne\n- f');
  });

  it('keeps deeply nested markup without running out of stack', () => {
    const deep = `${'<div>'.repeat(20_000)}deep${'</div>'.repeat(20_000)}`;
    expect(htmlToText(deep).text).toBe('deep');
  });
});

describe('quote marks seen in more clients', () => {
  it('cuts at a line that names an address and ends with a colon when quoted lines follow (Gmail in Japanese, Korean)', () => {
    expect(kept('まだ壊れています。\n\n2026年11月30日(月) 10:00 Support <s@x.com>:\n\n> old')).toBe(
      'まだ壊れています。',
    );
    expect(kept('아직 고장입니다.\n\n2026년 11월 30일 (월) 오전 10:00, Support <s@x.com>님이 작성:\n> old')).toBe(
      '아직 고장입니다.',
    );
    expect(kept('Please write to my colleague bob@example.com:\nhe has the receipt.')).toBe(
      'Please write to my colleague bob@example.com:\nhe has the receipt.',
    );
  });

  it('reads a divider whose &nbsp; QQ Mail wrote into the text part literally', () => {
    expect(kept('好的。\n\n------------------&nbsp;原始邮件&nbsp;------------------\n发件人: s')).toBe('好的。');
  });

  it('cuts at Apple Mail forwards and Thunderbird dividers', () => {
    expect(kept('See below.\n\nBegin forwarded message:\n\nFrom: Shop')).toBe('See below.');
    expect(kept('见下面。\n\n-------- 转发的消息 --------\n主题: x')).toBe('见下面。');
  });

  it('drops Outlook mobile signatures in Chinese', () => {
    expect(kept('好的。\n\n获取 Outlook for iOS')).toBe('好的。');
  });

  it('keeps a blockquote Gmail uses to indent, but not one that quotes', () => {
    const indent =
      '<div>Steps:</div><blockquote style="margin:0 0 0 40px;border:none;padding:0px"><div>1. plug in</div></blockquote><div>Then it burns.</div>';
    expect(newTextOf({ html: indent }).text).toBe('Steps:\n1. plug in\n\nThen it burns.');
    expect(newTextOf({ html: '<div>New.</div><blockquote type="cite">old</blockquote>' }).text).toBe('New.');
  });

  it('stops at an HTML signature block and at QQ Mail includetail', () => {
    expect(newTextOf({ html: '<div>New.</div><div class="gmail_signature">Anna<br>ACME</div>' }).text).toBe('New.');
    expect(newTextOf({ html: '<div>新的。</div><includetail><div>旧的</div></includetail>' }).text).toBe('新的。');
  });
});

describe('what a customer writes that only looks like a quote mark', () => {
  it('keeps a sentence that starts like a signature line', () => {
    expect(kept('发自内心地说，你们的服务太差了，这是我第三次投诉，请认真处理，不要再敷衍了。\n谢谢')).toBe(
      '发自内心地说，你们的服务太差了，这是我第三次投诉，请认真处理，不要再敷衍了。\n谢谢',
    );
    expect(kept('发自内心感谢。')).toBe('发自内心感谢。');
  });

  it('keeps parcel details written like a header block but without a subject', () => {
    const parcel = '快递信息：\n寄件人：张三\n收件人：李四\n日期：11月28日\n包裹到的时候已经破了。';
    expect(kept(parcel)).toBe(parcel);
  });
});

describe('choosing between the text part and the HTML part', () => {
  it('uses the HTML quote element when the text part was converted without any quote mark', () => {
    const text = 'Still broken.\n\nDear customer,\nwe received your complaint.';
    const html =
      '<div>Still broken.</div><blockquote type="cite"><div>Dear customer,</div><div>we received your complaint.</div></blockquote>';
    expect(newTextOf({ text, html }).text).toBe('Still broken.');
  });
});
