import type { SignInRefusal } from '../../shared/console/sign-in.js';
import { SIGN_IN_PATH } from '../../shared/console/sign-in.js';
import type { Locale } from '../../shared/model/complaint.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import { assetPath } from '../assets.js';

/** The few pages of signing in and out: where a sign-in that went wrong ends, and the signed-out page. */

const COPY = {
  en: {
    product: 'Closeloop staff console',
    signIn: 'Sign in',
    signInAgain: 'Sign in again',
    signedOutTitle: 'You have signed out',
    signedOut: 'Your console session has ended on this browser.',
    refusedTitle: 'Sign-in did not complete',
    unknownTitle: 'No access to the console',
    refusals: {
      expired: 'The sign-in took too long or was started in another window. Please start again.',
      state_mismatch: 'This sign-in answer does not belong to the sign-in started here. Please start again.',
      provider_error: 'The sign-in was cancelled or refused at the sign-in page.',
      code_refused: 'The sign-in service did not confirm this sign-in. Please start again.',
      token_invalid: 'The sign-in could not be verified. Please start again.',
      unknown_staff:
        'You signed in, but this account is not in the staff directory with its role. Ask an administrator to add it.',
      csrf: 'This sign-out request did not come from the console. Use the sign-out button in the console.',
    } satisfies Record<SignInRefusal, string>,
    account: 'Account',
  },
  'zh-CN': {
    product: 'Closeloop 员工控制台',
    signIn: '登录',
    signInAgain: '重新登录',
    signedOutTitle: '您已退出登录',
    signedOut: '此浏览器上的控制台会话已结束。',
    refusedTitle: '登录未完成',
    unknownTitle: '无权使用控制台',
    refusals: {
      expired: '登录耗时过长，或是在其他窗口中发起的。请重新登录。',
      state_mismatch: '此登录应答与本页发起的登录不符。请重新登录。',
      provider_error: '登录已在登录页被取消或拒绝。',
      code_refused: '登录服务未确认此次登录。请重新登录。',
      token_invalid: '无法验证此次登录。请重新登录。',
      unknown_staff: '您已登录，但该账号未以相应角色列入员工名录。请联系管理员添加。',
      csrf: '此退出请求并非来自控制台。请使用控制台中的退出按钮。',
    } satisfies Record<SignInRefusal, string>,
    account: '账号',
  },
} as const;

/** What a sign-in refusal answers: 403 for a person the directory refuses or a forged form, 400 for a flow to start again. */
export const REFUSAL_STATUS: Record<SignInRefusal, number> = {
  expired: 400,
  state_mismatch: 400,
  provider_error: 400,
  code_refused: 400,
  token_invalid: 400,
  unknown_staff: 403,
  csrf: 403,
};

export function renderSignInRefusedPage(refusal: SignInRefusal, locale: Locale, username?: string): string {
  const t = COPY[locale];
  const title = refusal === 'unknown_staff' ? t.unknownTitle : t.refusedTitle;
  return shell(
    locale,
    title,
    html`<h1>${title}</h1>
<div class="cl-alert cl-alert--error" role="alert">
  <p>${t.refusals[refusal]}</p>
  ${username ? html`<p>${t.account}: <span class="cl-mono">${username}</span></p>` : ''}
</div>
<p><a class="cl-button cl-button--primary" href="${SIGN_IN_PATH}">${t.signInAgain}</a></p>`,
  );
}

export function renderSignedOutPage(locale: Locale): string {
  const t = COPY[locale];
  return shell(
    locale,
    t.signedOutTitle,
    html`<h1>${t.signedOutTitle}</h1>
<p class="cl-alert cl-alert--success" role="status">${t.signedOut}</p>
<p><a class="cl-button cl-button--primary" href="${SIGN_IN_PATH}">${t.signIn}</a></p>`,
  );
}

function shell(locale: Locale, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${COPY[locale].product}</title><link rel="stylesheet" href="${assetPath('closeloop.css')}"></head>
<body class="cl-shell"><header class="cl-header"><strong>${COPY[locale].product}</strong></header>
<main class="cl-main cl-stack">${body}</main></body>
</html>`.value;
}
