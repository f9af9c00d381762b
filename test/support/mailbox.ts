/** Reads the local SES mailbox (aws-ses-v2-local's GET /store). */
export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export async function mailsTo(sesUrl: string, address: string): Promise<StoredMail[]> {
  const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.destination.to.includes(address));
}

/** Waits until `count` mails have reached the address (the workflow sends them asynchronously). */
export async function waitForMails(
  sesUrl: string,
  address: string,
  count = 1,
  timeoutMs = 20_000,
): Promise<StoredMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(sesUrl, address);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`expected ${count} mail(s) to ${address}, found ${mails.length}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
