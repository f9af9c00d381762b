import * as z from 'zod';
import { taskHandler } from '../shared/task-handler.js';
import { sendAcknowledgement } from '../shared/usecases/send-acknowledgement.js';
import { clock, links, mailer, policyAndCalendar, store } from '../shared/wiring.js';

const { policy } = policyAndCalendar();
const deps = {
  store: store(),
  mailer: mailer(),
  clock,
  timezone: policy.calendar.timezone,
  statusLinkTtlDays: policy.statusLinkTtlDays,
  links: await links(),
};

/** Step Functions task: the acknowledgement mail. Throws on failure so the state machine retries. */
export const handler = taskHandler(z.object({ complaintId: z.uuid() }), ({ complaintId }) =>
  sendAcknowledgement(deps, complaintId),
);
