import { createHash } from 'node:crypto';

/**
 * A member platform's own upload pipeline, reduced to what the integration
 * test exercises: check an upload's MD5 against the hash list it syncs, and
 * when it matches, report it to the CyberTipline (submit, upload, fileinfo,
 * finish). Hand-written fetch calls until Hashguard's reporting SDK lands.
 */
export interface PipelineConfig {
  listUrl: string;
  cybertiplineUrl: string;
  username: string;
  password: string;
  reporterEmail: string;
}

export interface Upload {
  bytes: Uint8Array;
  fileName: string;
  uploaderId: string;
  uploaderIp: string;
  uploadedAt: string;
}

export async function handleUpload(config: PipelineConfig, upload: Upload) {
  const list = (await (await fetch(config.listUrl)).json()) as {
    entries: { algorithm: string; value: string }[];
  };
  const md5 = createHash('md5').update(upload.bytes).digest('hex');
  const matched = list.entries.some((entry) => entry.algorithm === 'md5' && entry.value === md5);
  if (!matched) return { matched: false as const };
  const reportId = await report(config, upload, md5);
  return { matched: true as const, reportId };
}

async function report(config: PipelineConfig, upload: Upload, md5: string): Promise<string> {
  const auth = { authorization: `Basic ${btoa(`${config.username}:${config.password}`)}` };
  const xml = { ...auth, 'content-type': 'text/xml; charset=utf-8' };
  const post = async (path: string, headers: Record<string, string>, body: BodyInit) => {
    const text = await (
      await fetch(`${config.cybertiplineUrl}${path}`, { method: 'POST', headers, body })
    ).text();
    // CyberTipline answers errors as HTTP 200 with a non-zero responseCode.
    const code = /<responseCode>(\d+)<\/responseCode>/.exec(text)?.[1];
    if (code !== '0') throw new Error(`CyberTipline ${path} failed: ${text}`);
    return text;
  };
  const opened = await post(
    '/submit',
    xml,
    `<?xml version="1.0" encoding="UTF-8"?><report>` +
      `<incidentSummary><incidentType>Child Pornography (possession, manufacture, and distribution)</incidentType>` +
      `<incidentDateTime>${upload.uploadedAt}</incidentDateTime></incidentSummary>` +
      `<reporter><reportingPerson><email>${config.reporterEmail}</email></reportingPerson></reporter>` +
      `<personOrUserReported><espIdentifier>${upload.uploaderId}</espIdentifier>` +
      `<ipCaptureEvent><ipAddress>${upload.uploaderIp}</ipAddress><eventName>Upload</eventName>` +
      `<dateTime>${upload.uploadedAt}</dateTime></ipCaptureEvent></personOrUserReported></report>`,
  );
  const reportId = /<reportId>(\d+)<\/reportId>/.exec(opened)![1]!;
  const form = new FormData();
  form.set('id', reportId);
  form.set('file', new Blob([upload.bytes]), upload.fileName);
  const uploaded = await post('/upload', auth, form);
  const fileId = /<fileId>([^<]+)<\/fileId>/.exec(uploaded)![1]!;
  await post(
    '/fileinfo',
    xml,
    `<fileDetails><reportId>${reportId}</reportId><fileId>${fileId}</fileId>` +
      `<originalFileName>${upload.fileName}</originalFileName>` +
      // Matched automatically: nobody at the platform looked at the file.
      `<fileViewedByEsp>false</fileViewedByEsp>` +
      `<originalFileHash hashType="MD5">${md5}</originalFileHash></fileDetails>`,
  );
  await post('/finish', auth, new URLSearchParams({ id: reportId }));
  return reportId;
}
