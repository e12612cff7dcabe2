import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UploadChecker } from '@hashguard/sdk-node';
import type { DemoSessions } from './demo-sessions.ts';

/** Larger uploads are refused; the demo pictures are well under 1 MB. */
const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

export interface ReceivedUploads {
  /** Upload ids whose `checkUpload` verdict was not `allow`: held for review and reporting. */
  readonly quarantined: Set<string>;
  /** Upload ids that passed and would be published. */
  readonly published: Set<string>;
}

/**
 * `POST /api/upload`: the platform's own upload route. It runs
 * `checkUpload()` on every file it receives, whether or not the page checked
 * it first (a page can be modified or skipped), and quarantines anything
 * that is not `allow`. A real platform would also preserve the file and
 * queue the report; here the upload id goes into `quarantined`.
 *
 * The answer is the same for every file, `202 { "uploadId" }`: the uploader
 * is never told that a file was held.
 */
export function createUploadRoute(checker: UploadChecker, sessions: DemoSessions) {
  const received: ReceivedUploads = { quarantined: new Set(), published: new Set() };
  const route = (request: IncomingMessage, response: ServerResponse): void => {
    const client = sessions.authenticate(request.headers.cookie);
    if (!client) return void response.writeHead(401, JSON_HEADERS).end('{}');
    if (Number(request.headers['content-length']) > MAX_UPLOAD_BYTES) {
      return void response.writeHead(413, { ...JSON_HEADERS, connection: 'close' }).end('{}');
    }
    const chunks: Buffer[] = [];
    let total = 0;
    request.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_UPLOAD_BYTES) {
        response.writeHead(413, { ...JSON_HEADERS, connection: 'close' }).end('{}');
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', async () => {
      const uploadId = randomUUID();
      // Never rejects: an unreadable file gets the policy's fail-mode verdict (review).
      const result = await checker.checkUpload(new Uint8Array(Buffer.concat(chunks, total)), {
        ...client,
        uploadId,
        via: 'upload',
      });
      (result.verdict === 'allow' ? received.published : received.quarantined).add(uploadId);
      response.writeHead(202, JSON_HEADERS).end(JSON.stringify({ uploadId }));
    });
  };
  return { route, received };
}
