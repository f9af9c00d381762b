/**
 * The address bounced or complained before: the mail was not sent. Not a failure of ours: the
 * change path records it as `mail_skipped`, and staff reach the customer another way.
 */
export class AddressUnreachableError extends Error {
  constructor() {
    // The address stays out of the message: messages reach logs, and an address is personal data.
    super('the recipient address is marked unreachable');
    this.name = 'AddressUnreachableError';
  }
}
