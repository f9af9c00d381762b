import { strToU8, type Zippable, zipSync } from 'fflate';
import type { Complaint, TimelineEvent } from '../model/complaint.js';

/** One complaint as the export holds it: the record, its timeline and the stored objects its mails left. */
export interface ExportedComplaint {
  complaint: Complaint;
  timeline: TimelineEvent[];
  /** Raw received mails and the files taken from them, by their key in the raw-mail store. */
  objects: { key: string; content: Uint8Array }[];
  /** Keys the timeline names that the store no longer holds (expired by the bucket's lifecycle rule). */
  missing: string[];
}

/** Timeline events that record a mail we sent the customer, with what the timeline kept of it. */
const SENT_MAIL_EVENTS = new Set<TimelineEvent['type']>([
  'acknowledgement_sent',
  'progress_sent',
  'info_requested',
  'solution_offered',
  'result_sent',
  'delay_notified',
  'survey_sent',
]);

const README = `Closeloop 客户数据导出 / Closeloop customer data export

中文
本压缩包包含我们保存的与您相关的全部投诉信息（依据《个人信息保护法》第四十五条）。
每个投诉一个文件夹，以工单号命名：
- complaint.json：投诉记录（联系方式、描述、等级、状态、期限、解决方案、满意度调查）；
- timeline.json：投诉的完整处理记录（每一步操作、时间和处理人）；
- mails-sent.json：我们发给您的邮件，按处理记录保存的内容；
- mails-received/：您发给我们的原始邮件（.eml 格式，可用邮件客户端打开）；
- attachments/：您邮件中的附件。
manifest.json 列出全部文件；已按存储期限删除的邮件列在 missing 中。

English
This archive holds everything we keep about you in our complaint records (GDPR art. 15 and 20).
One folder per complaint, named by its ticket number:
- complaint.json: the complaint (contact details, description, grade, status, deadlines, solution, survey);
- timeline.json: its whole history (each step, when, and who);
- mails-sent.json: the mails we sent you, as our records keep them;
- mails-received/: the mails you sent us, as received (.eml, opens in any mail program);
- attachments/: the files attached to your mails.
manifest.json lists every file; mails already deleted under our retention rules are listed under missing.
`;

/** A name that is safe as one path segment in any unzip tool: no separators, no dot-dot, bounded. */
export function safeSegment(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
  return cleaned.slice(-120) || '_';
}

const json = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(value, null, 2)}\n`);

/**
 * The export as one zip archive. Object keys become file names by their last segment only, so a
 * customer's attachment name can never place a file outside its complaint's folder.
 */
export function exportArchive(complaints: readonly ExportedComplaint[], generatedAt: Date): Uint8Array {
  const files: Zippable = { 'README.txt': strToU8(README) };
  const manifest = {
    generatedAt: generatedAt.toISOString(),
    complaints: [] as { ticketNumber: string; files: string[]; missing: string[] }[],
  };
  for (const { complaint, timeline, objects, missing } of complaints) {
    const folder = `complaints/${safeSegment(complaint.ticketNumber)}`;
    const names: string[] = [];
    const add = (name: string, content: Uint8Array, stored = false) => {
      let path = `${folder}/${name}`;
      for (let n = 2; path in files; n++) path = `${folder}/${name.replace(/(\.[^./]*)?$/, `-${n}$1`)}`;
      files[path] = stored ? [content, { level: 0 }] : content;
      names.push(path);
    };
    add('complaint.json', json(complaint));
    add('timeline.json', json(timeline));
    add(
      'mails-sent.json',
      json(
        timeline
          .filter((e) => SENT_MAIL_EVENTS.has(e.type))
          .map(({ type, at, actor, data }) => ({ type, at, actor, data })),
      ),
    );
    for (const object of objects) {
      const base = safeSegment(object.key.split('/').pop() ?? object.key);
      const isAttachment = object.key.startsWith('attachments/');
      // Attachments are mostly photos and PDFs, compressed already: stored as they are, they cost no CPU
      // time, which is what bounds a large export (the function has 29 s, the time API Gateway waits).
      add(isAttachment ? `attachments/${base}` : `mails-received/${base}.eml`, object.content, isAttachment);
    }
    manifest.complaints.push({ ticketNumber: complaint.ticketNumber, files: names, missing });
  }
  files['manifest.json'] = json(manifest);
  return zipSync(files, { level: 6 });
}
