import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHashguardListDocument } from './hashguard-list-document';
import { readListFile } from './read-list-file';

// Any bytes over the cap: it must be refused for its size, before JSON or schema.
const oversized = new TextEncoder().encode(
  JSON.stringify({ format: 'hashguard-list-v1', padding: 'x'.repeat(200) }),
);

describe('parseHashguardListDocument', () => {
  it('refuses a document over its cap with a ListError, whatever the body length', async () => {
    await expect(parseHashguardListDocument(oversized, 'lists/a.json', 100)).rejects.toMatchObject({
      name: 'ListError',
      code: 'E_LIST_MALFORMED',
      message: expect.stringMatching(/^lists\/a\.json: .*larger than 100 bytes/),
    });
  });
});

describe('readListFile hashguard-json', () => {
  it('refuses a file over maxJsonBytes with a ListError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hashguard-json-cap-'));
    try {
      const path = join(dir, 'list.json');
      await writeFile(path, oversized);
      await expect(
        readListFile(path, { format: 'hashguard-json', maxJsonBytes: 100 }),
      ).rejects.toMatchObject({
        name: 'ListError',
        code: 'E_LIST_MALFORMED',
        message: expect.stringContaining('larger than 100 bytes'),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
