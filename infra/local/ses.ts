import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { SentMailCopies } from '../../shared/privacy/ports.js';

export interface LocalSes {
  /** SES endpoint for AWS_ENDPOINT_URL_SESV2; also the mailbox viewer (`/`) and the mail as JSON (`/store`). */
  url: string;
  /** Mails restored from the mailbox file at start. */
  restored: number;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

type StartSes = (config: { host: string; port: number }) => Promise<Server>;

/** The emulator's in-memory mailbox (aws-ses-v2-local/dist/store.js): the module its server uses. */
interface SesStoreModule {
  saveEmail(email: StoredEmail): void;
  clearStore(): void;
  getStoreReadonly(): { emails: StoredEmail[] };
}
interface StoredEmail {
  messageId: string;
  destination?: { to?: string[]; cc?: string[]; bcc?: string[] };
  subject?: string;
  body?: { text?: string; html?: string };
}

const require = createRequire(import.meta.url);
const sesStore = require('aws-ses-v2-local/dist/store.js') as SesStoreModule;

/**
 * The emulator keeps mail in memory only, so a restart of `npm start` emptied the mailbox while the
 * table kept everything. With a mailbox file every accepted mail is appended to it as one JSON line
 * (written before SES answers, as the table is), and a start restores it; the viewer's "clear"
 * empties the file too. Its server calls the store module's exports by name at each request, so
 * wrapping them here is seen there; one file at a time (the latest runtime's).
 */
let mailboxFile: string | undefined;
const original = { saveEmail: sesStore.saveEmail, clearStore: sesStore.clearStore };
sesStore.saveEmail = (email) => {
  if (mailboxFile) appendFileSync(mailboxFile, `${JSON.stringify(email)}\n`);
  original.saveEmail(email);
};
sesStore.clearStore = () => {
  if (mailboxFile) writeFileSync(mailboxFile, '');
  original.clearStore();
};

/** Loads the mails kept in `file` into the emulator's mailbox (skipping any it already holds). */
function restoreMailbox(file: string): number {
  if (!existsSync(file)) return 0;
  const emails = sesStore.getStoreReadonly().emails;
  const known = new Set(emails.map((e) => e.messageId));
  let restored = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let email: StoredEmail;
    try {
      email = JSON.parse(line) as StoredEmail;
    } catch {
      continue; // a line cut short by a crash mid-write
    }
    if (known.has(email.messageId)) continue;
    emails.push(email);
    known.add(email.messageId);
    restored++;
  }
  return restored;
}

/**
 * Starts aws-ses-v2-local in this process. Its mailbox is one per process (module state), so
 * several runtimes in one test process share it: tell their mail apart by recipient. With
 * `mailboxFile` the mailbox survives restarts (see above).
 */
export async function startSesLocal(
  opts: { port?: number; host?: string; mailboxFile?: string } = {},
): Promise<LocalSes> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 0;
  let restored = 0;
  if (opts.mailboxFile) {
    mkdirSync(dirname(opts.mailboxFile), { recursive: true });
    restored = restoreMailbox(opts.mailboxFile);
    mailboxFile = opts.mailboxFile;
  }
  // A CommonJS module with an ES-style default export: depending on the loader, the function is
  // the namespace's default or that default's default.
  const mod = (await import('aws-ses-v2-local')) as unknown as { default: StartSes | { default: StartSes } };
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default;
  const server = await start({ host, port });
  // Express reports a failed listen through the callback it also uses for success: check.
  if (!server.listening) {
    if (mailboxFile === opts.mailboxFile) mailboxFile = undefined;
    throw new PortInUseError(`The SES emulator cannot listen on ${host}:${port}; is the port in use? Set SES_PORT.`);
  }
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    restored,
    stop: () =>
      new Promise<void>((resolve) => {
        if (opts.mailboxFile && mailboxFile === opts.mailboxFile) mailboxFile = undefined;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The bare address of `Name <a@b>` or `a@b`, lower case. */
const bareAddress = (recipient: string): string => (/<([^>]+)>/.exec(recipient)?.[1] ?? recipient).trim().toLowerCase();

/**
 * What an erasure forgets from the emulator's mailbox (shared/privacy/sent-mail.ts): every mail to one
 * of the addresses, and every mail whose subject or body names one of the ticket numbers (the notices
 * staff got about the complaint quote the customer too). Forgotten from memory and from the mailbox
 * file alike, so a restart does not bring them back. On AWS SES keeps no copy: this is local only.
 */
export const localSentMail: SentMailCopies = {
  forget: async ({ addresses, ticketNumbers }) => {
    const gone = new Set(addresses.map(bareAddress));
    // A whole ticket number only: 202611-0001 is not named by 202611-00012.
    const named = ticketNumbers.map((t) => new RegExp(`(?<![0-9])${t.replace(/[^0-9A-Za-z]/g, '\\$&')}(?![0-9])`));
    const mentions = (email: StoredEmail) =>
      named.some((n) => [email.subject, email.body?.text, email.body?.html].some((part) => part && n.test(part)));
    const forgotten = (email: StoredEmail) =>
      [...(email.destination?.to ?? []), ...(email.destination?.cc ?? []), ...(email.destination?.bcc ?? [])].some(
        (r) => gone.has(bareAddress(r)),
      ) || mentions(email);
    const store = sesStore.getStoreReadonly();
    const kept = store.emails.filter((email) => !forgotten(email));
    const count = store.emails.length - kept.length;
    if (count === 0) return 0;
    store.emails = kept;
    if (mailboxFile) writeFileSync(mailboxFile, kept.map((email) => `${JSON.stringify(email)}\n`).join(''));
    return count;
  },
};

/** Empties the emulator's in-memory mailbox without touching any file: what a new process starts with (tests). */
export function forgetMailboxInMemory(): void {
  original.clearStore();
}
