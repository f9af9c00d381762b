import { z } from 'zod';

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

const Input = z.object({ complaintId: z.uuid() });

/** Step Functions task: the acknowledgement mail. Throws on failure so the state machine retries. */
export const handler = async (event: unknown) => {
  const { complaintId } = Input.parse(event);
  return sendAcknowledgement(deps, complaintId);
};
