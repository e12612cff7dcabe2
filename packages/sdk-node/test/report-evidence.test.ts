import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createEvidenceVault, createStaticKeyProvider } from '@hashguard/sdk-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteEvidenceStore } from '../src/reporting/index';
import { benignFileBytes, realClock } from './report-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'hashguard-evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keys = createStaticKeyProvider({ 'kms-1': new Uint8Array(32).fill(7) }, 'kms-1');

describe('sqlite evidence store', () => {
  it('keeps encrypted evidence and its audit chain across reopening; on-disk tampering is caught', async () => {
    const path = join(dir, 'evidence.db');
    const first = createSqliteEvidenceStore({ path });
    const vault = createEvidenceVault({ store: first, audit: first, keys, clock: realClock });
    const bytes = benignFileBytes(3, 1024);
    await vault.preserve({
      kind: 'file',
      bytes,
      actor: 'forwarder',
      id: 'case-1/file-0',
      jurisdiction: 'US',
    });
    first.close();

    const second = createSqliteEvidenceStore({ path });
    const reopened = createEvidenceVault({ store: second, audit: second, keys, clock: realClock });
    expect(await reopened.read('case-1/file-0', 'reviewer-1')).toEqual(bytes);
    expect(await reopened.verifyAuditLog()).toMatchObject({ entries: 2 });

    const raw = new DatabaseSync(path);
    raw
      .prepare("UPDATE evidence_items SET ciphertext = zeroblob(1040) WHERE id = 'case-1/file-0'")
      .run();
    expect(() => raw.prepare('DELETE FROM evidence_audit').run()).toThrow(/append-only/);
    raw.close();
    await expect(reopened.read('case-1/file-0', 'reviewer-1')).rejects.toMatchObject({
      code: 'E_DECRYPT_FAILED',
    });
    second.close();
  });

  it('purge deletes expired items and logs it; the chain still verifies', async () => {
    const store = createSqliteEvidenceStore({ path: join(dir, 'purge.db') });
    let now = Date.UTC(2026, 0, 1);
    const clock = { now: () => now, sleep: async () => {} };
    const vault = createEvidenceVault({
      store,
      audit: store,
      keys,
      clock,
      retentionDays: { GB: 90 },
    });
    await vault.preserve({
      kind: 'report',
      bytes: benignFileBytes(1),
      actor: 'forwarder',
      id: 'gb',
      jurisdiction: 'GB',
    });
    await vault.preserve({
      kind: 'report',
      bytes: benignFileBytes(2),
      actor: 'forwarder',
      id: 'ca',
      jurisdiction: 'CA',
    });
    now += 22 * 24 * 3600 * 1000;
    expect((await vault.purgeExpired()).purged).toEqual(['ca']);
    expect(await store.get('ca')).toBeUndefined();
    expect(await store.get('gb')).toBeDefined();
    expect((await store.list()).map((e) => e.action)).toEqual(['preserve', 'preserve', 'purge']);
    expect(await vault.verifyAuditLog()).toMatchObject({ entries: 3 });
    store.close();
  });

  it('two vaults (processes) on one file both preserve concurrently; the chain stays whole', async () => {
    const path = join(dir, 'shared.db');
    const stores = [createSqliteEvidenceStore({ path }), createSqliteEvidenceStore({ path })];
    const vaults = stores.map((store) =>
      createEvidenceVault({ store, audit: store, keys, clock: realClock }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        vaults[i % 2]!.preserve({
          kind: 'report',
          bytes: benignFileBytes(i + 1),
          actor: `worker-${i % 2}`,
          id: `case-${i}/report`,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('fulfilled'));
    const entries = await stores[0]!.list();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(entries.map((e) => e.itemId)).size).toBe(8);
    expect(await vaults[1]!.verifyAuditLog()).toMatchObject({ entries: 8 });
    for (const store of stores) store.close();
  });

  it('wraps store failures in EvidenceError', async () => {
    const store = createSqliteEvidenceStore({ path: join(dir, 'closed.db') });
    store.close();
    await expect(store.get('x')).rejects.toMatchObject({
      name: 'EvidenceError',
      code: 'E_EVIDENCE_STORE',
    });
    await expect(store.list()).rejects.toMatchObject({ code: 'E_EVIDENCE_STORE' });
  });
});
