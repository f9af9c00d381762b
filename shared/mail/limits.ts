import type { AttachmentRefusal, InboundAttachment, RefusedAttachment } from './types.js';

/**
 * What a customer may attach to a mail, as data an operator can replace. A type is allowed when
 * its MIME type is listed (a `type/*` entry allows the whole family) and its file name does not
 * end in a refused extension: the declared type is the sender's claim, so "invoice.pdf.exe" sent
 * as application/pdf is still refused, and so is content that starts like a program.
 */
export interface AttachmentPolicy {
  maxFileBytes: number;
  maxFiles: number;
  maxTotalBytes: number;
  allowedTypes: string[];
  refusedExtensions: string[];
}

const MB = 1024 * 1024;

export const DEFAULT_ATTACHMENT_POLICY: AttachmentPolicy = {
  maxFileBytes: 10 * MB,
  maxFiles: 10,
  maxTotalBytes: 25 * MB,
  allowedTypes: [
    'image/jpeg',
    'image/png',
    'image/gif',
    'image/webp',
    'image/heic',
    'image/heif',
    'image/bmp',
    'image/tiff',
    'application/pdf',
    'text/plain',
    'text/csv',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation',
    'application/rtf',
    'audio/*',
    'video/*',
  ],
  refusedExtensions: [
    // programs and installers
    'exe',
    'com',
    'scr',
    'pif',
    'msi',
    'msp',
    'dll',
    'cpl',
    'apk',
    'app',
    'dmg',
    'deb',
    'rpm',
    'jar',
    'bin',
    'elf',
    // scripts and documents that run code
    'bat',
    'cmd',
    'ps1',
    'psm1',
    'vbs',
    'vbe',
    'js',
    'jse',
    'mjs',
    'wsf',
    'wsh',
    'hta',
    'sh',
    'py',
    'pl',
    'php',
    'lnk',
    'reg',
    'inf',
    'svg',
    'htm',
    'html',
    'xhtml',
    'docm',
    'xlsm',
    'pptm',
    'dotm',
    'xltm',
    'one',
    'chm',
    'iso',
    'img',
    'vhd',
    'vhdx',
    // archives, which would carry anything past this policy
    'zip',
    'rar',
    '7z',
    'tar',
    'gz',
    'tgz',
    'bz2',
    'xz',
    'cab',
    'arj',
    'lzh',
    'ace',
    'z',
  ],
};

export interface PolicyOutcome {
  kept: InboundAttachment[];
  refused: RefusedAttachment[];
}

function typeAllowed(contentType: string, allowed: string[]): boolean {
  const type = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  return allowed.some((entry) => {
    const rule = entry.toLowerCase();
    return rule.endsWith('/*') ? type.startsWith(rule.slice(0, -1)) : type === rule;
  });
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

/** Windows programs (MZ), ELF binaries and scripts with a #! line, whatever their name claims. */
function looksExecutable(content: Uint8Array): boolean {
  const [a, b, c, d] = content;
  if (a === 0x4d && b === 0x5a) return true;
  if (a === 0x7f && b === 0x45 && c === 0x4c && d === 0x46) return true;
  return a === 0x23 && b === 0x21;
}

function refusalOf(attachment: InboundAttachment, policy: AttachmentPolicy): AttachmentRefusal | undefined {
  if (!typeAllowed(attachment.contentType, policy.allowedTypes)) return 'type_not_allowed';
  if (policy.refusedExtensions.includes(extensionOf(attachment.filename))) return 'type_not_allowed';
  if (looksExecutable(attachment.content)) return 'type_not_allowed';
  if (attachment.size > policy.maxFileBytes) return 'file_too_large';
  return undefined;
}

/**
 * Splits attachments into those kept and those refused, in the order they came; the count and
 * total limits keep the earliest files, as the sender is most likely to have attached the main
 * evidence first.
 */
export function applyAttachmentPolicy(
  attachments: InboundAttachment[],
  policy: AttachmentPolicy = DEFAULT_ATTACHMENT_POLICY,
): PolicyOutcome {
  const kept: InboundAttachment[] = [];
  const refused: RefusedAttachment[] = [];
  let total = 0;
  for (const attachment of attachments) {
    let reason = refusalOf(attachment, policy);
    if (!reason && kept.length >= policy.maxFiles) reason = 'too_many_files';
    if (!reason && total + attachment.size > policy.maxTotalBytes) reason = 'total_too_large';
    if (reason) {
      const { filename, contentType, size } = attachment;
      refused.push({ filename, contentType, size, reason });
    } else {
      kept.push(attachment);
      total += attachment.size;
    }
  }
  return { kept, refused };
}
