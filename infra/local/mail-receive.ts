/**
 * `npm run mail:receive -- file.eml [--to address]...`: hands a raw message to the running
 * `npm start` through its SMTP port (SMTP_PORT, default 2525), exactly as a mail server would, so
 * it is stored and processed like any inbound mail. Without --to, the message's To and Cc
 * addresses are the recipients; the envelope sender is its From (or Return-Path).
 */
import { readFileSync } from 'node:fs';
import { headerList } from './smtp.js';
import { sendRawMail } from './smtp-client.js';

/** The bare addresses in an address header value (`"Name" <a@b>, c@d`). */
export function addressesIn(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>\s]+@[^<>\s]+)>/g)].map((m) => m[1]!);
  if (bracketed.length > 0) return bracketed;
  return [...value.matchAll(/[^\s,;"<>]+@[^\s,;"<>]+/g)].map((m) => m[0]);
}

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run mail:receive -- file.eml [--to address]...`);
  process.exit(2);
}

const args = process.argv.slice(2);
const files: string[] = [];
const to: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--to') to.push(args[++i] ?? usage('--to needs an address'));
  else files.push(args[i]!);
}
if (files.length !== 1) usage('Name one .eml file.');
const raw = readFileSync(files[0]!);
const headers = headerList(raw);
const header = (name: string) =>
  headers
    .filter((h) => h.name.toLowerCase() === name)
    .map((h) => h.value)
    .join(', ') || undefined;
const recipients = to.length > 0 ? to : [...addressesIn(header('to')), ...addressesIn(header('cc'))];
if (recipients.length === 0) usage('The message names no To or Cc address: give one with --to.');
const from = addressesIn(header('return-path'))[0] ?? addressesIn(header('from'))[0] ?? '';
const port = Number(process.env.SMTP_PORT || 2525);

try {
  const result = await sendRawMail({ port, from, to: recipients, raw });
  for (const [address, reply] of Object.entries(result.recipients)) {
    console.log(`${address}: ${reply.code} ${reply.text}`);
  }
  if (result.delivered) console.log(`message: ${result.delivered.code} ${result.delivered.text}`);
  process.exit(result.delivered?.code === 250 ? 0 : 1);
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  console.error(
    e.code === 'ECONNREFUSED'
      ? `Nothing listens on 127.0.0.1:${port}: start Closeloop with \`npm start\` (or set SMTP_PORT).`
      : e.message,
  );
  process.exit(1);
}
