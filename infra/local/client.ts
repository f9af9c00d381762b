import type { Complaint, TimelineEvent } from '../../shared/model/complaint.js';

/**
 * A small client for a running local Closeloop: what a person does through the form, the staff
 * API and the links in the mail. The lifecycle tests and bench/workflow drive the system with it,
 * through HTTP only, as a user would.
 */
export interface MailboxMail {
  messageId: string;
  destination: { to: string[] };
  /** The Reply-To addresses the mail was sent with (a complaint's reply address for customer mail). */
  replyTo?: string[];
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export class LocalClient {
  private readonly tokens = new Map<string, string>();

  constructor(
    readonly apiUrl: string,
    readonly sesUrl: string,
  ) {}

  async submit(
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{
    id: string;
    ticketNumber: string;
    grade: string;
    department: string;
    receivedAt: string;
    statusUrl: string;
    deadlines: { assign: string; firstContact: string; solution?: string; resolve: string };
  }> {
    const response = await fetch(`${this.apiUrl}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`submit answered ${response.status}: ${await response.text()}`);
    return response.json() as never;
  }

  /** A staff member's JWT from the local issuer (POST /_local/token). */
  async tokenFor(user: string): Promise<string> {
    const cached = this.tokens.get(user);
    if (cached) return cached;
    const response = await fetch(`${this.apiUrl}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user }),
    });
    if (!response.ok) throw new Error(`token for ${user}: ${response.status} ${await response.text()}`);
    const { token } = (await response.json()) as { token: string };
    this.tokens.set(user, token);
    return token;
  }

  /** POST /staff/complaints/{id}/{action} as `user`; returns the status and the parsed answer. */
  async act(
    user: string,
    complaintId: string,
    action: string,
    body: unknown = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.apiUrl}/staff/complaints/${complaintId}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.tokenFor(user)}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async view(user: string, complaintId: string): Promise<{ complaint: Complaint; timeline: TimelineEvent[] }> {
    const response = await fetch(`${this.apiUrl}/staff/complaints/${complaintId}`, {
      headers: { authorization: `Bearer ${await this.tokenFor(user)}` },
    });
    if (!response.ok) throw new Error(`view answered ${response.status}: ${await response.text()}`);
    return response.json() as never;
  }

  async mails(to?: string): Promise<MailboxMail[]> {
    const store = (await (await fetch(`${this.sesUrl}/store`)).json()) as { emails: MailboxMail[] };
    return to ? store.emails.filter((m) => m.destination.to.includes(to)) : store.emails;
  }

  /** The first link in a mail's text that starts with the API's base URL and the given path. */
  static linkIn(mail: MailboxMail, path: string): string | undefined {
    return mail.body.text?.match(new RegExp(`https?://\\S+/${path}/[A-Za-z0-9._-]+`))?.[0];
  }

  async answerSurvey(surveyUrl: string, answer: unknown): Promise<{ status: number; body: unknown }> {
    return postJson(surveyUrl, answer);
  }

  async reply(statusUrl: string, message: string): Promise<{ status: number; body: unknown }> {
    return postJson(`${statusUrl}/reply`, { message });
  }

  /**
   * The customer answers the solution they were offered as they would: the `nth` offer mail of
   * complaint `ticketNumber` to `email` (waited for), its status link, then accept or ask for a change
   * (POST /status/{token}/acceptance). Returns the mail answered and the endpoint's answer.
   */
  async answerOffer(
    email: string,
    ticketNumber: string,
    answer: { answer: 'accept' } | { answer: 'change'; reason: string } = { answer: 'accept' },
    nth = 1,
  ): Promise<{ offer: MailboxMail; status: number; body: unknown }> {
    // Ours only: a mailbox may outlive a runtime, and another table numbers its tickets the same.
    const ours = (m: MailboxMail) => LocalClient.linkIn(m, 'status')?.startsWith(`${this.apiUrl}/`);
    const offer = await eventually(
      `offer mail ${nth} of ${ticketNumber} to ${email}`,
      async () => (await this.mails(email)).filter((m) => isOfferOf(m, ticketNumber) && ours(m))[nth - 1],
    );
    return { offer, ...(await postJson(`${LocalClient.linkIn(offer, 'status')}/acceptance`, answer)) };
  }
}

/** The offer mail (shared/templates/offer-mail.ts), in either language, of one complaint. */
const isOfferOf = (mail: MailboxMail, ticketNumber: string) =>
  mail.subject.includes(ticketNumber) && /The solution we propose|的解决方案$/.test(mail.subject);

/** A customer's POST from a link in our mail: JSON in, status and parsed JSON out. */
async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs` with `what`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
