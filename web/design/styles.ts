import { COLORS, type ColorScheme, FONT_MONO, FONT_SANS, RADIUS, SPACE, TYPE_SCALE } from './tokens.js';

/**
 * Closeloop's one stylesheet, served as /assets/closeloop.css: the tokens of tokens.ts as custom
 * properties, then every class of web/design/README.md. Pages never carry inline style (the
 * Content-Security-Policy forbids it), so everything a page looks like is here.
 */

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const colors = (scheme: ColorScheme) =>
  Object.entries(scheme)
    .map(([name, value]) => `--cl-color-${kebab(name)}:${value};`)
    .join('');
const scale = (prefix: string, values: Record<string, string>) =>
  Object.entries(values)
    .map(([name, value]) => `--cl-${prefix}-${name}:${value};`)
    .join('');

const TOKENS = `
:root{${colors(COLORS.light)}${scale('text', TYPE_SCALE)}${scale('space', SPACE)}${scale('radius', RADIUS)}
--cl-font-sans:${FONT_SANS};--cl-font-mono:${FONT_MONO};
--cl-leading:1.6;--cl-page-max:72rem;--cl-page-narrow:44rem;
--cl-shadow-1:0 1px 2px rgb(16 24 40 / 6%),0 1px 3px rgb(16 24 40 / 8%);
--cl-shadow-2:0 4px 12px rgb(16 24 40 / 10%);
color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{${colors(COLORS.dark)}
--cl-shadow-1:0 1px 2px rgb(0 0 0 / 40%);--cl-shadow-2:0 4px 16px rgb(0 0 0 / 50%)}}
`;

const BASE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:var(--cl-font-sans);font-size:var(--cl-text-base);line-height:var(--cl-leading);
color:var(--cl-color-text);background:var(--cl-color-bg);-webkit-font-smoothing:antialiased;text-rendering:optimizeLegibility}
:lang(zh-CN){line-height:1.7}
h1,h2,h3,h4{line-height:1.3;font-weight:700;margin:0 0 var(--cl-space-3);letter-spacing:-0.01em}
:lang(zh-CN) :is(h1,h2,h3,h4){letter-spacing:0}
h1{font-size:var(--cl-text-2xl)}
h2{font-size:var(--cl-text-xl)}
h3{font-size:var(--cl-text-lg)}
p,ul,ol,dl,blockquote,pre,table{margin:0 0 var(--cl-space-4)}
a{color:var(--cl-color-accent);text-decoration-thickness:1px;text-underline-offset:0.2em}
a:hover{color:var(--cl-color-accent-hover);text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--cl-color-focus);outline-offset:2px}
strong,b{font-weight:700}
small{font-size:var(--cl-text-sm)}
hr{border:0;border-top:1px solid var(--cl-color-border);margin:var(--cl-space-5) 0}
[hidden]{display:none!important}
@media (min-width:48rem){h1{font-size:var(--cl-text-3xl)}}
`;

const LAYOUT = `
.cl-shell{min-height:100vh;min-height:100dvh;display:flex;flex-direction:column}
.cl-skip{position:absolute;left:var(--cl-space-3);top:-10rem;z-index:10;padding:var(--cl-space-2) var(--cl-space-4);
background:var(--cl-color-surface);border-radius:var(--cl-radius-md);box-shadow:var(--cl-shadow-2)}
.cl-skip:focus{top:var(--cl-space-3)}
.cl-header{display:flex;flex-wrap:wrap;align-items:center;gap:var(--cl-space-2) var(--cl-space-5);
padding:var(--cl-space-3) max(var(--cl-space-4),calc((100% - var(--cl-page-max)) / 2 + var(--cl-space-4)));
background:var(--cl-color-surface);border-bottom:1px solid var(--cl-color-border)}
.cl-shell--narrow .cl-header,.cl-shell--narrow .cl-footer{padding-inline:max(var(--cl-space-4),calc((100% - var(--cl-page-narrow)) / 2 + var(--cl-space-4)))}
.cl-brand{display:inline-flex;align-items:center;gap:var(--cl-space-2);font-weight:700;font-size:var(--cl-text-lg);
color:var(--cl-color-text);text-decoration:none;margin-inline-end:auto}
.cl-brand::before{content:"";width:1.5rem;height:1.5rem;border-radius:var(--cl-radius-md);flex:none;
background:linear-gradient(135deg,var(--cl-color-accent) 0 55%,var(--cl-color-accent-hover) 55% 100%)}
a.cl-brand:hover{color:var(--cl-color-text)}
.cl-brand small{font-weight:500;color:var(--cl-color-muted);font-size:var(--cl-text-sm)}
.cl-nav{display:flex;flex-wrap:wrap;align-items:center;gap:var(--cl-space-1) var(--cl-space-2);margin:0;padding:0;list-style:none}
.cl-nav ul{display:flex;flex-wrap:wrap;align-items:center;gap:var(--cl-space-1) var(--cl-space-2);margin:0;padding:0;list-style:none}
.cl-nav a{display:inline-flex;align-items:center;min-height:2.5rem;padding:0 var(--cl-space-3);border-radius:var(--cl-radius-md);
color:var(--cl-color-muted);font-weight:500;text-decoration:none}
.cl-nav a:hover{color:var(--cl-color-text);background:var(--cl-color-sunken)}
.cl-nav a[aria-current="page"]{color:var(--cl-color-text);font-weight:700;box-shadow:inset 0 -3px 0 var(--cl-color-accent);border-radius:0}
.cl-main{flex:1;width:100%;max-width:var(--cl-page-max);margin-inline:auto;padding:var(--cl-space-6) var(--cl-space-4) var(--cl-space-7)}
.cl-main--narrow{max-width:var(--cl-page-narrow)}
.cl-main:focus{outline:none}
.cl-footer{padding:var(--cl-space-4) max(var(--cl-space-4),calc((100% - var(--cl-page-max)) / 2 + var(--cl-space-4)));
color:var(--cl-color-muted);font-size:var(--cl-text-sm);border-top:1px solid var(--cl-color-border)}
.cl-footer p{margin:0}
.cl-stack{display:flex;flex-direction:column;gap:var(--cl-space-4)}
.cl-stack>*{margin:0}
.cl-stack--tight{gap:var(--cl-space-2)}
.cl-stack--loose{gap:var(--cl-space-6)}
.cl-row{display:flex;flex-wrap:wrap;align-items:center;gap:var(--cl-space-2) var(--cl-space-3)}
.cl-row--between{justify-content:space-between}
.cl-row>*{margin:0}
.cl-grid{display:grid;gap:var(--cl-space-4);grid-template-columns:repeat(auto-fit,minmax(min(15rem,100%),1fr))}
.cl-grid>*{margin:0}
.cl-card{background:var(--cl-color-surface);border:1px solid var(--cl-color-border);border-radius:var(--cl-radius-lg);
padding:var(--cl-space-5);box-shadow:var(--cl-shadow-1)}
.cl-card>:last-child{margin-bottom:0}
.cl-card>h2:first-child,.cl-card>h3:first-child{font-size:var(--cl-text-lg)}
.cl-lead{font-size:var(--cl-text-lg);color:var(--cl-color-muted)}
.cl-muted{color:var(--cl-color-muted)}
.cl-small{font-size:var(--cl-text-sm)}
.cl-mono{font-family:var(--cl-font-mono);font-variant-numeric:tabular-nums;letter-spacing:0.02em}
.cl-quote{margin:0;padding:var(--cl-space-3) var(--cl-space-4);border-inline-start:4px solid var(--cl-color-accent);
background:var(--cl-color-sunken);border-radius:0 var(--cl-radius-md) var(--cl-radius-md) 0;white-space:pre-wrap;overflow-wrap:anywhere}
.cl-sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap;border:0}
@media (max-width:40rem){.cl-main{padding:var(--cl-space-5) var(--cl-space-3) var(--cl-space-6)}.cl-card{padding:var(--cl-space-4)}}
`;

const FORMS = `
button,input,select,textarea{font:inherit;color:inherit;letter-spacing:inherit}
.cl-form{display:flex;flex-direction:column;gap:var(--cl-space-4)}
.cl-form>*{margin:0}
.cl-field{display:flex;flex-direction:column;gap:var(--cl-space-1);min-width:0}
.cl-field>label,.cl-label,legend{font-weight:600}
.cl-optional{font-weight:400;color:var(--cl-color-muted);font-size:var(--cl-text-sm)}
:where(input:not([type="checkbox"],[type="radio"],[type="hidden"],[type="submit"],[type="button"],[type="reset"]),select,textarea){
display:block;width:100%;min-height:2.75rem;padding:var(--cl-space-2) var(--cl-space-3);
background:var(--cl-color-surface);color:var(--cl-color-text);border:1px solid var(--cl-color-border-strong);
border-radius:var(--cl-radius-md);transition:border-color .15s,box-shadow .15s}
:where(input,select,textarea):hover{border-color:var(--cl-color-text)}
:where(input,select,textarea):focus-visible{outline:3px solid var(--cl-color-focus);outline-offset:1px;border-color:var(--cl-color-focus)}
:where(input,select,textarea)[aria-invalid="true"]{border-color:var(--cl-color-danger);box-shadow:inset 0 0 0 1px var(--cl-color-danger)}
:where(input,select,textarea):disabled{background:var(--cl-color-sunken);cursor:not-allowed;opacity:.7}
textarea{min-height:9rem;resize:vertical;line-height:1.5}
select{appearance:none;padding-inline-end:2.5rem;cursor:pointer;
background-image:linear-gradient(45deg,transparent 50%,currentColor 50%),linear-gradient(135deg,currentColor 50%,transparent 50%);
background-position:calc(100% - 1.2rem) calc(50% + .1rem),calc(100% - .85rem) calc(50% + .1rem);background-size:.35rem .35rem;background-repeat:no-repeat}
input[type="checkbox"],input[type="radio"]{width:1.15rem;height:1.15rem;margin:0;accent-color:var(--cl-color-accent);flex:none}
::placeholder{color:var(--cl-color-muted);opacity:1}
.cl-hint{color:var(--cl-color-muted);font-size:var(--cl-text-sm);margin:0}
.cl-error{display:flex;gap:.4em;align-items:baseline;color:var(--cl-color-danger);font-size:var(--cl-text-sm);font-weight:600;margin:0}
.cl-error::before{content:"⚠";content:"⚠" / "";flex:none}
.cl-error:empty{display:none}
fieldset{margin:0;padding:var(--cl-space-3) var(--cl-space-4) var(--cl-space-4);border:1px solid var(--cl-color-border);border-radius:var(--cl-radius-md);min-width:0}
legend{padding:0 var(--cl-space-1)}
.cl-section{border:0;padding:0;display:flex;flex-direction:column;gap:var(--cl-space-4)}
.cl-section>legend{padding:0;margin-bottom:var(--cl-space-3);font-size:var(--cl-text-lg);font-weight:700}
.cl-form>.cl-section+.cl-section{margin-top:var(--cl-space-3)}
.cl-choices{display:flex;flex-wrap:wrap;gap:var(--cl-space-2);margin-top:var(--cl-space-2)}
.cl-scale{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:var(--cl-space-2);margin-top:var(--cl-space-2)}
.cl-choice{display:inline-flex;align-items:center;gap:var(--cl-space-2);min-height:2.75rem;padding:var(--cl-space-2) var(--cl-space-3);
border:1px solid var(--cl-color-border-strong);border-radius:var(--cl-radius-md);background:var(--cl-color-surface);cursor:pointer;font-weight:500}
.cl-scale .cl-choice{justify-content:center;font-variant-numeric:tabular-nums;font-weight:700;font-size:var(--cl-text-lg)}
.cl-choice:hover{border-color:var(--cl-color-text);background:var(--cl-color-surface-hover)}
.cl-choice:has(:checked){border-color:var(--cl-color-accent);background:var(--cl-color-accent-soft);box-shadow:inset 0 0 0 1px var(--cl-color-accent);font-weight:700}
.cl-choice:has(:focus-visible){outline:3px solid var(--cl-color-focus);outline-offset:2px}
.cl-choice:has(:focus-visible) :focus-visible{outline:none}
.cl-check{display:flex;align-items:center;gap:var(--cl-space-2);cursor:pointer;font-weight:500}
.cl-actions{display:flex;flex-wrap:wrap;align-items:center;gap:var(--cl-space-3)}
.cl-actions>*{margin:0}
.cl-live{display:contents}
.cl-live>:empty{display:none}
.cl-honeypot{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
`;

const BUTTONS = `
.cl-button{display:inline-flex;align-items:center;justify-content:center;gap:.5em;min-height:2.75rem;padding:var(--cl-space-2) var(--cl-space-5);
border:1px solid var(--cl-color-border-strong);border-radius:var(--cl-radius-md);background:var(--cl-color-surface);color:var(--cl-color-text);
font-weight:600;line-height:1.2;text-decoration:none;cursor:pointer;white-space:nowrap;transition:background-color .15s,border-color .15s}
.cl-button:hover{background:var(--cl-color-sunken);color:var(--cl-color-text);text-decoration:none}
.cl-button:active{transform:translateY(1px)}
.cl-button--primary{background:var(--cl-color-accent);border-color:var(--cl-color-accent);color:var(--cl-color-on-accent)}
.cl-button--primary:hover{background:var(--cl-color-accent-hover);border-color:var(--cl-color-accent-hover);color:var(--cl-color-on-accent)}
.cl-button--danger{background:var(--cl-color-danger);border-color:var(--cl-color-danger);color:var(--cl-color-on-danger)}
.cl-button--danger:hover{background:var(--cl-color-danger-hover);border-color:var(--cl-color-danger-hover);color:var(--cl-color-on-danger)}
.cl-button--quiet{background:transparent;border-color:transparent;color:var(--cl-color-accent)}
.cl-button--quiet:hover{background:var(--cl-color-accent-soft);color:var(--cl-color-accent)}
.cl-button--small{min-height:2.25rem;padding:var(--cl-space-1) var(--cl-space-3);font-size:var(--cl-text-sm)}
.cl-button:disabled,.cl-button[aria-disabled="true"]{opacity:.55;cursor:not-allowed;transform:none}
.cl-button[aria-busy="true"]{cursor:progress}
@media (max-width:40rem){.cl-form .cl-button--primary{width:100%}}
`;

const DATA = `
.cl-table{width:100%;border-collapse:separate;border-spacing:0;background:var(--cl-color-surface);
border:1px solid var(--cl-color-border);border-radius:var(--cl-radius-lg);font-size:var(--cl-text-sm);font-variant-numeric:tabular-nums}
.cl-table caption{text-align:start;font-weight:700;padding-bottom:var(--cl-space-2)}
.cl-table th,.cl-table td{padding:var(--cl-space-3) var(--cl-space-4);text-align:start;vertical-align:top}
.cl-table thead th{background:var(--cl-color-sunken);color:var(--cl-color-muted);font-weight:600;font-size:var(--cl-text-xs);
letter-spacing:.04em;white-space:nowrap;border-bottom:1px solid var(--cl-color-border)}
.cl-table thead th:first-child{border-start-start-radius:var(--cl-radius-lg)}
.cl-table thead th:last-child{border-start-end-radius:var(--cl-radius-lg)}
.cl-table tbody tr+tr>*{border-top:1px solid var(--cl-color-border)}
.cl-table tbody tr:hover>*{background:var(--cl-color-surface-hover)}
.cl-table a{font-weight:600}
@media (max-width:40rem){
.cl-table,.cl-table tbody,.cl-table tr,.cl-table td,.cl-table tbody th{display:block;width:100%}
.cl-table{background:none;border:0}
.cl-table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.cl-table tbody tr{background:var(--cl-color-surface);border:1px solid var(--cl-color-border);border-radius:var(--cl-radius-md);
padding:var(--cl-space-2) var(--cl-space-4);margin-bottom:var(--cl-space-3);box-shadow:var(--cl-shadow-1)}
.cl-table tbody tr+tr>*{border-top:0}
.cl-table tbody tr:hover>*{background:none}
.cl-table td,.cl-table tbody th{padding:var(--cl-space-1) 0}
.cl-table td[data-label]{display:grid;grid-template-columns:minmax(5.5rem,35%) 1fr;gap:var(--cl-space-3)}
.cl-table td[data-label]>*{justify-self:start}
.cl-table td[data-label]::before{content:attr(data-label);color:var(--cl-color-muted);font-weight:600}
.cl-table caption{display:block}
}
.cl-tabs{display:flex;gap:var(--cl-space-1);margin:0 0 var(--cl-space-4);padding:0;list-style:none;overflow-x:auto;
border-bottom:1px solid var(--cl-color-border);scrollbar-width:thin}
.cl-tabs li{display:flex}
.cl-tabs a{display:inline-flex;align-items:center;gap:var(--cl-space-2);min-height:2.75rem;padding:0 var(--cl-space-3);
margin-bottom:-1px;border-bottom:3px solid transparent;color:var(--cl-color-muted);font-weight:500;text-decoration:none;white-space:nowrap}
.cl-tabs a:hover{color:var(--cl-color-text);border-bottom-color:var(--cl-color-border-strong)}
.cl-tabs a[aria-current="page"]{color:var(--cl-color-text);font-weight:700;border-bottom-color:var(--cl-color-accent)}
.cl-tabs .cl-count{font-size:var(--cl-text-xs);font-weight:700;padding:0 .45em;border-radius:var(--cl-radius-pill);background:var(--cl-color-sunken);color:var(--cl-color-text)}
.cl-facts{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:var(--cl-space-2) var(--cl-space-5);margin:0 0 var(--cl-space-4)}
.cl-facts dt{color:var(--cl-color-muted);font-weight:500}
.cl-facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
@media (max-width:40rem){.cl-facts{grid-template-columns:1fr;gap:0}.cl-facts dd{margin-bottom:var(--cl-space-3)}}
.cl-timeline{list-style:none;margin:0 0 var(--cl-space-4);padding:0}
.cl-timeline>li{position:relative;padding:0 0 var(--cl-space-4) var(--cl-space-6);margin:0}
.cl-timeline>li::before{content:"";position:absolute;left:.3rem;top:.5em;width:.8rem;height:.8rem;border-radius:50%;
background:var(--cl-color-surface);border:2px solid var(--cl-color-accent)}
.cl-timeline>li::after{content:"";position:absolute;left:calc(.7rem - 1px);top:calc(.5em + .9rem);bottom:.1rem;width:2px;background:var(--cl-color-border)}
.cl-timeline>li:last-child{padding-bottom:0}
.cl-timeline>li:last-child::before{background:var(--cl-color-accent)}
.cl-timeline>li:last-child::after{display:none}
.cl-timeline time,.cl-timeline .cl-when{display:block;color:var(--cl-color-muted);font-size:var(--cl-text-sm);font-variant-numeric:tabular-nums}
.cl-stat{display:flex;flex-direction:column;gap:var(--cl-space-1);padding:var(--cl-space-4);background:var(--cl-color-surface);
border:1px solid var(--cl-color-border);border-radius:var(--cl-radius-lg);color:var(--cl-color-text);text-decoration:none;box-shadow:var(--cl-shadow-1)}
.cl-stat>*{margin:0}
a.cl-stat:hover{border-color:var(--cl-color-border-strong);color:var(--cl-color-text)}
.cl-stat :is(strong,.cl-stat__value,dd){order:-1;font-size:var(--cl-text-3xl);font-weight:700;line-height:1.1;font-variant-numeric:tabular-nums}
.cl-stat :is(span,dt,.cl-stat__label){color:var(--cl-color-muted);font-size:var(--cl-text-sm);font-weight:500}
.cl-stat--alert{border-color:var(--cl-color-danger);border-width:2px}
.cl-stat--alert :is(strong,.cl-stat__value,dd){color:var(--cl-color-danger)}
`;

/**
 * Grades, statuses, deadlines and messages. The text always says what the mark means; colour,
 * border, weight and an icon only repeat it. Icons are written twice: plain, then with empty
 * alternative text (`content: "⚠" / ""`) so that screen readers skip them where supported.
 */
const MARKS = `
.cl-badge,.cl-status{display:inline-flex;align-items:center;gap:.35em;padding:.05rem .55rem;border-radius:var(--cl-radius-pill);
font-size:var(--cl-text-xs);font-weight:700;line-height:1.6;white-space:nowrap;vertical-align:middle;
background:var(--cl-color-sunken);color:var(--cl-color-text);border:1px solid var(--cl-color-border-strong)}
.cl-badge::before{font-size:.85em;line-height:1}
.cl-badge--p1{background:var(--cl-color-danger);border-color:var(--cl-color-danger);color:var(--cl-color-on-danger)}
.cl-badge--p1::before{content:"◆";content:"◆" / ""}
.cl-badge--p2{background:var(--cl-color-warning-soft);border:2px solid var(--cl-color-warning);color:var(--cl-color-warning)}
.cl-badge--p2::before{content:"▲";content:"▲" / ""}
.cl-badge--p3{background:var(--cl-color-accent-soft);border-color:var(--cl-color-accent);color:var(--cl-color-accent);font-weight:600}
.cl-badge--p3::before{content:"●";content:"●" / ""}
.cl-badge--p4{background:var(--cl-color-surface);border-style:dashed;color:var(--cl-color-muted);font-weight:500}
.cl-badge--p4::before{content:"○";content:"○" / ""}
.cl-status{font-weight:600;border-color:var(--cl-color-border)}
.cl-status::before{content:"";width:.5em;height:.5em;border-radius:50%;background:currentColor;opacity:.7}
.cl-due{display:inline-flex;align-items:center;gap:.35em;font-variant-numeric:tabular-nums;white-space:nowrap;
padding:0 .45em;border-radius:var(--cl-radius-sm);border:1px solid transparent}
.cl-due::before{line-height:1}
.cl-due--ok{color:var(--cl-color-muted)}
.cl-due--ok::before{content:"◷";content:"◷" / ""}
.cl-due--soon{color:var(--cl-color-warning);background:var(--cl-color-warning-soft);border:1px dashed var(--cl-color-warning);font-weight:600}
.cl-due--soon::before{content:"◔";content:"◔" / ""}
.cl-due--overdue{color:var(--cl-color-danger);background:var(--cl-color-danger-soft);border:2px solid var(--cl-color-danger);font-weight:700}
.cl-due--overdue::before{content:"⚠";content:"⚠" / ""}
.cl-alert{display:flex;gap:var(--cl-space-3);align-items:flex-start;padding:var(--cl-space-3) var(--cl-space-4);margin:0 0 var(--cl-space-4);
background:var(--cl-color-surface);color:var(--cl-color-text);border:1px solid var(--cl-color-border);border-inline-start-width:4px;border-radius:var(--cl-radius-md)}
.cl-alert>:last-child,.cl-alert :is(p,ul,ol):last-child{margin-bottom:0}
.cl-alert::before{flex:none;display:inline-grid;place-items:center;width:1.4rem;height:1.4rem;border-radius:50%;font-weight:700;font-size:var(--cl-text-sm);line-height:1}
.cl-alert:empty{display:none}
.cl-alert--error{background:var(--cl-color-danger-soft);border-color:var(--cl-color-danger)}
.cl-alert--error::before{content:"!";content:"!" / "";background:var(--cl-color-danger);color:var(--cl-color-on-danger)}
.cl-alert--success{background:var(--cl-color-success-soft);border-color:var(--cl-color-success)}
.cl-alert--success::before{content:"✓";content:"✓" / "";background:var(--cl-color-success);color:var(--cl-color-success-soft)}
.cl-alert--info{background:var(--cl-color-accent-soft);border-color:var(--cl-color-accent)}
.cl-alert--info::before{content:"i";content:"i" / "";background:var(--cl-color-accent);color:var(--cl-color-on-accent);font-family:Georgia,serif;font-style:italic}
.cl-alert--warning{background:var(--cl-color-warning-soft);border-color:var(--cl-color-warning)}
.cl-alert--warning::before{content:"!";content:"!" / "";background:var(--cl-color-warning);color:var(--cl-color-warning-soft)}
.cl-empty{display:flex;flex-direction:column;align-items:center;gap:var(--cl-space-2);text-align:center;padding:var(--cl-space-7) var(--cl-space-4);
color:var(--cl-color-muted);background:var(--cl-color-surface);border:2px dashed var(--cl-color-border);border-radius:var(--cl-radius-lg)}
.cl-empty::before{content:"";width:2.75rem;height:2.75rem;border-radius:50%;border:2px solid var(--cl-color-border-strong);
background:radial-gradient(circle,var(--cl-color-border-strong) 0 .3rem,transparent .33rem)}
.cl-empty>*{margin:0}
.cl-empty :is(h2,h3,strong){color:var(--cl-color-text);font-size:var(--cl-text-lg)}
`;

/** A complaint printed for a file or a meeting: ink on paper, no navigation, the link targets written out. */
const PRINT = `
@media print{
:root{${colors(COLORS.light)}--cl-shadow-1:none;--cl-shadow-2:none}
body{background:#fff;color:#000;font-size:11pt}
.cl-header .cl-nav,.cl-footer,.cl-skip,.cl-tabs,.cl-actions,.cl-button,form{display:none!important}
.cl-shell .cl-header{padding:0 0 var(--cl-space-3);border-bottom:1px solid #000}
.cl-main{max-width:none;padding:var(--cl-space-4) 0}
.cl-card,.cl-stat,.cl-table,.cl-table tbody tr{box-shadow:none;border-color:#999;break-inside:avoid}
.cl-timeline>li{break-inside:avoid}
.cl-main a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em;color:#444;overflow-wrap:anywhere}
}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{transition:none!important;animation:none!important}}
`;

export const STYLESHEET = [TOKENS, BASE, LAYOUT, FORMS, BUTTONS, DATA, MARKS, PRINT]
  .map((part) => part.trim())
  .join('\n');
