import { describe, expect, it } from 'vitest';
import { complaintIdFromReplyAddress, replyAddressFor } from '../../shared/mail/reply-address.js';

const settings = { localPart: 'reply', domain: 'reply.example.com', key: new TextEncoder().encode('k'.repeat(32)) };
const id = '3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60';

describe('the per-complaint reply address', () => {
  it('names its complaint and reads back to it, whatever the case a mail system gave it', () => {
    const address = replyAddressFor(id, settings);
    expect(address).toMatch(/^reply\+[0-9a-f]{32}-[0-9a-f]{16}@reply\.example\.com$/);
    expect(address.split('@')[0]?.length).toBeLessThanOrEqual(64);
    expect(complaintIdFromReplyAddress(address, settings)).toBe(id);
    expect(complaintIdFromReplyAddress(address.toUpperCase(), settings)).toBe(id);
  });

  it('cannot be made for another complaint by changing its id (the tag no longer fits)', () => {
    const address = replyAddressFor(id, settings);
    const other = address.replace('3f1c2a9e', '3f1c2a9f');
    expect(complaintIdFromReplyAddress(other, settings)).toBeUndefined();
  });

  it('is not ours under another key, another domain or another local part', () => {
    const address = replyAddressFor(id, settings);
    expect(complaintIdFromReplyAddress(address, { ...settings, key: new Uint8Array(32) })).toBeUndefined();
    expect(complaintIdFromReplyAddress(address.replace('reply.example.com', 'example.com'), settings)).toBeUndefined();
    expect(complaintIdFromReplyAddress(address.replace('reply+', 'help+'), settings)).toBeUndefined();
    expect(complaintIdFromReplyAddress('support@reply.example.com', settings)).toBeUndefined();
  });
});
