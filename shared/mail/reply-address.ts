import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The per-complaint reply address: `<local>+<complaint id, hex>-<tag>@<reply domain>`. The tag is
 * an HMAC of the complaint id under a key derived from the link-signing key, so an address can be
 * neither guessed nor enumerated from another one. Lower-case hex only: some mail systems fold
 * the case of local parts. 6 + 32 + 1 + 16 characters stay under the 64 a local part may have.
 */
export interface ReplyAddressSettings {
  /** The local part before '+', e.g. "reply". */
  localPart: string;
  /** The domain SES receives mail for, e.g. "reply.example.com". */
  domain: string;
  /** The link-signing key; a reply-address key is derived from it. */
  key: Uint8Array;
}

const TAG_HEX = 16;
const UUID = /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/;

function tag(complaintHex: string, key: Uint8Array): string {
  const derived = createHmac('sha256', key).update('closeloop reply-address v1').digest();
  return createHmac('sha256', derived).update(complaintHex).digest('hex').slice(0, TAG_HEX);
}

export function replyAddressFor(complaintId: string, settings: ReplyAddressSettings): string {
  const hex = complaintId.toLowerCase().replace(/-/g, '');
  if (!UUID.test(hex)) throw new Error('A reply address needs a complaint id that is a UUID');
  return `${settings.localPart}+${hex}-${tag(hex, settings.key)}@${settings.domain}`.toLowerCase();
}

/** The complaint a reply address names, or undefined for any address that is not one of ours or whose tag is wrong. */
export function complaintIdFromReplyAddress(address: string, settings: ReplyAddressSettings): string | undefined {
  const [local, domain] = address.trim().toLowerCase().split('@');
  if (!local || domain !== settings.domain.toLowerCase()) return undefined;
  const prefix = `${settings.localPart.toLowerCase()}+`;
  if (!local.startsWith(prefix)) return undefined;
  const match = /^([0-9a-f]{32})-([0-9a-f]+)$/.exec(local.slice(prefix.length));
  if (!match) return undefined;
  const [, hex, given] = match as unknown as [string, string, string];
  const expected = tag(hex, settings.key);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return undefined;
  const parts = UUID.exec(hex);
  return parts ? parts.slice(1).join('-') : undefined;
}
