/**
 * The console's one script, served as /assets/console.js (the Content-Security-Policy allows scripts
 * from our own origin only, never inline): live deadline countdowns and queue refresh.
 */
// TODO(issue 8, console engineer): the script.
export const CONSOLE_SCRIPT = '';
