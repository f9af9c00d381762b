import type { Mailer, OutgoingMail, Workflow, WorkflowInput } from '../../shared/ports/index.js';

/** A workflow that records every wake signal instead of completing a real task token. */
export class RecordingWorkflow implements Workflow {
  signals: { token: string; output: unknown }[] = [];
  async start(input: WorkflowInput) {
    return { executionArn: `arn:aws:states:local:0:execution:m:${input.complaintId}`, alreadyStarted: false };
  }
  async signal(token: string, output: unknown): Promise<'delivered' | 'stale'> {
    this.signals.push({ token, output });
    return 'delivered';
  }
  to(token: string): unknown[] {
    return this.signals.filter((s) => s.token === token).map((s) => s.output);
  }
}

/** A mailer that keeps what it sent, and can be told to fail (as SES does when throttled). */
export class RecordingMailer implements Mailer {
  sent: (OutgoingMail & { messageId: string })[] = [];
  failing = false;
  async send(mail: OutgoingMail) {
    if (this.failing) throw Object.assign(new Error('SES unavailable'), { name: 'ServiceUnavailable' });
    const messageId = `msg-${this.sent.length + 1}`;
    this.sent.push({ ...mail, messageId });
    return { messageId };
  }
  to(address: string): (OutgoingMail & { messageId: string })[] {
    return this.sent.filter((m) => m.to === address);
  }
}
