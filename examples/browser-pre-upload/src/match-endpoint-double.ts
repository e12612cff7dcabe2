import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A TEST DOUBLE of the member's match endpoint, for this demo only: it
 * answers from a small benign demo list (demo/demo-list.json) with a generic
 * verdict, and records request bodies so the demo's test can check what the
 * browser sent. A real platform mounts sdk-node's `createMatchHandler` here
 * instead, which matches against the hotline lists, records the hashes and
 * the account, and applies the member's policy.
 */
export interface DemoList {
  description: string;
  md5: string[];
  sha1: string[];
  sha256: string[];
  /** PDQ hashes; a file within `pdqThreshold` bits of one is blocked too. */
  pdq: string[];
  pdqThreshold: number;
}

export interface MatchEndpointDouble {
  /** Raw request bodies, oldest first. */
  readonly bodies: string[];
  handle(request: IncomingMessage, response: ServerResponse): void;
}

function hamming(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < 64; i += 8) {
    let x = Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16);
    for (; x; x &= x - 1) distance++;
  }
  return distance;
}

function verdictFor(list: DemoList, hashes: Record<string, unknown>): 'allow' | 'block' {
  const exact = (['md5', 'sha1', 'sha256'] as const).some((algorithm) =>
    list[algorithm].includes(String(hashes[algorithm])),
  );
  const pdq = typeof hashes.pdq === 'string' ? hashes.pdq : undefined;
  const near =
    pdq !== undefined && list.pdq.some((listed) => hamming(listed, pdq) <= list.pdqThreshold);
  return exact || near ? 'block' : 'allow';
}

export async function createMatchEndpointDouble(listFile: URL): Promise<MatchEndpointDouble> {
  const list = JSON.parse(await readFile(listFile, 'utf8')) as DemoList;
  const bodies: string[] = [];
  return {
    bodies,
    handle(request, response) {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        bodies.push(body);
        let hashes: Record<string, unknown>;
        try {
          // The body is the hashes themselves (sdk-core's CheckHashes), as createMatchHandler takes them.
          hashes = JSON.parse(body) as Record<string, unknown>;
        } catch {
          response.writeHead(400).end();
          return;
        }
        // Generic on purpose: no list name, hash or distance in the answer.
        const verdict = verdictFor(list, hashes);
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ verdict }));
      });
    },
  };
}
