import { inject } from 'vitest';
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
  return {
    timeline,
    /** Waits until the complaint's timeline has `count` events of `type`, and returns the timeline. */
    waitForEvent: (id: string, type: string, count = 1, timeoutMs = 30_000) =>
      eventually(
        `${count} × ${type} on ${id}`,
        async () => {
          const t = await timeline(id);
          return t.filter((e) => e.type === type).length >= count ? t : undefined;
        },
        timeoutMs,
      ),
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
