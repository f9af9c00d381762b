import { expect, inject } from 'vitest';
import { eventually, LocalClient, type MailboxMail } from '../../infra/local/client.js';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../infra/local/runtime.js';

export type Timeline = { type: string; at: string; data?: Record<string, unknown> }[];

/** A local runtime for an end-to-end test file: its own table on the run's DynamoDB Local, no rate limit unless asked. */
export async function lifecycleRuntime(name: string, opts: Partial<LocalRuntimeOptions> = {}) {
  const runtime = await startLocalRuntime({
    port: 0,
    sesPort: 0,
    sfnPort: 0,
    quiet: true,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tableName: `e2e-${name}-${Date.now()}`,
    env: { RATE_LIMIT_PER_MINUTE: '0' },
    ...opts,
  });
  const client = new LocalClient(runtime.apiUrl, runtime.sesUrl);
  return { runtime, client, ...helpers(client) };
}

function helpers(client: LocalClient) {
  const timeline = async (id: string): Promise<Timeline> =>
    (await client.view('supervisor.wang', id)).timeline as Timeline;
  /** Waits until the complaint's timeline has `count` events of `type`, and returns the timeline. */
  const waitForEvent = (id: string, type: string, count = 1, timeoutMs = 30_000) =>
    eventually(
      `${count} × ${type} on ${id}`,
      async () => {
        const t = await timeline(id);
        return t.filter((e) => e.type === type).length >= count ? t : undefined;
      },
      timeoutMs,
    );
  return {
    timeline,
    waitForEvent,
    acceptSolution: (id: string, nth = 1) => acceptSolution(client, id, nth),
    waitForStatus: (id: string, status: string, timeoutMs = 30_000) =>
      eventually(
        `status ${status} on ${id}`,
        async () => {
          const { complaint } = await client.view('supervisor.wang', id);
          return complaint.status === status ? complaint : undefined;
        },
        timeoutMs,
      ),
    waitForMail: (to: string, subject: RegExp, timeoutMs = 30_000): Promise<MailboxMail> =>
      eventually(
        `a mail to ${to} matching ${subject}`,
        async () => (await client.mails(to)).find((m) => subject.test(m.subject)),
        timeoutMs,
      ),
  };
}

/**
 * The customer accepts the solution as the default policy asks them to before it is carried out
 * (003 步骤3, 004 3.2.3): from their mailbox, the `nth` offer mail of this complaint, its signed
 * link, "accept". Returns the offer mail and the timeline once the acceptance is on it.
 */
export async function acceptSolution(
  client: LocalClient,
  id: string,
  nth = 1,
): Promise<{ offer: MailboxMail; timeline: Timeline }> {
  const { complaint } = await client.view('supervisor.wang', id);
  if (!complaint.customer.email) throw new Error(`${complaint.ticketNumber} has no email: the owner logs the call`);
  const answered = await client.answerOffer(
    complaint.customer.email,
    complaint.ticketNumber,
    { answer: 'accept' },
    nth,
  );
  expect(answered.status, JSON.stringify(answered.body)).toBe(200);
  expect(answered.body).toMatchObject({ answer: 'accepted' });
  const timeline = await eventually(`acceptance ${nth} on ${id}`, async () => {
    const t = (await client.view('supervisor.wang', id)).timeline as Timeline;
    return t.filter((e) => e.type === 'solution_accepted').length >= nth ? t : undefined;
  });
  return { offer: answered.offer, timeline };
}

export function types(timeline: Timeline): string[] {
  return timeline.map((e) => e.type);
}

export function stop(runtime: LocalRuntime | undefined) {
  return runtime?.stop();
}

/**
 * Waits until the runtime's workflow clock reaches `instant`: how a test lets scaled time pass
 * (a deadline fires, a pause lasts) without a sleep that guesses how fast the machine is.
 */
export function untilWorkflowTime(runtime: LocalRuntime, instant: Date | number | string): Promise<Date> {
  const target = new Date(instant).getTime();
  return eventually(`workflow time ${new Date(target).toISOString()}`, async () => {
    const now = runtime.clock.now();
    return now.getTime() >= target ? now : undefined;
  });
}
