import { CONSOLE_SCRIPT } from './console/client-script.js';
import { STYLESHEET } from './design/styles.js';
import { FORM_SCRIPT } from './scripts/form.js';
import { REPLY_SCRIPT } from './scripts/reply.js';
import { SURVEY_SCRIPT } from './scripts/survey.js';

const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

/**
 * The files /assets serves, by name. Only the assets function (and tests) import this module:
 * a page needs an asset's versioned path (web/assets.ts), never its body.
 */
export const ASSET_FILES = {
  'closeloop.css': { contentType: CSS, body: STYLESHEET },
  'console.js': { contentType: JS, body: CONSOLE_SCRIPT },
  'form.js': { contentType: JS, body: FORM_SCRIPT },
  'reply.js': { contentType: JS, body: REPLY_SCRIPT },
  'survey.js': { contentType: JS, body: SURVEY_SCRIPT },
} as const;
