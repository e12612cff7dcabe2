import { describe, expect, it } from 'vitest';
import type { Clock } from '../../ports/clock';
import { utf8Decode, utf8Encode } from '../web-platform';
import { createEvidenceVault } from './evidence-vault';
import { createMemoryEvidenceStore, createStaticKeyProvider } from './memory-evidence-store';

const DAY = 24 * 60 * 60 * 1000;
const key = (fill: number) => new Uint8Array(32).fill(fill);

function setup(keys: Record<string, Uint8Array> = { k1: key(1) }, current = 'k1') {
  let now = Date.UTC(2026, 10, 25);
  const clock: Clock & { advance(ms: number): void } = {
    now: () => now,
    sleep: async () => {},
    advance: (ms) => {
      now += ms;
    },
  };
  const store = createMemoryEvidenceStore();
  const vault = createEvidenceVault({
    store,
    audit: store,
    keys: createStaticKeyProvider(keys, current),
    clock,
  });
  return { vault, store, clock };
}

describe('evidence vault', () => {
  it('stores ciphertext only, and reads back the plaintext', async () => {
    const { vault, store } = setup();
    const plain = utf8Encode('benign test bytes');
    const { id } = await vault.preserve({
      kind: 'file',
      bytes: plain,
      actor: 'forwarder',
      id: 'case-1/file-0',
    });
    const stored = store.items.get(id)!;
    expect(utf8Decode(stored.ciphertext)).not.toContain('benign');
    expect(stored.ciphertext.byteLength).toBe(plain.byteLength + 16);
    expect(utf8Decode(await vault.read(id, 'reviewer-7'))).toBe('benign test bytes');
  });

  it('fails with E_DECRYPT_FAILED when one ciphertext bit is flipped', async () => {
    const { vault, store } = setup();
    const { id } = await vault.preserve({
      kind: 'report',
      bytes: utf8Encode('{"a":1}'),
      actor: 'forwarder',
    });
    store.items.get(id)!.ciphertext[0]! ^= 1;
    await expect(vault.read(id, 'reviewer')).rejects.toMatchObject({
      name: 'EvidenceError',
      code: 'E_DECRYPT_FAILED',
    });
  });

  it('fails with E_DECRYPT_FAILED under the wrong key, and E_KEY_UNAVAILABLE for an unknown key', async () => {
    const a = setup({ k1: key(1) });
    const { id } = await a.vault.preserve({
      kind: 'file',
      bytes: utf8Encode('x'),
      actor: 'forwarder',
      id: 'i',
    });
    const wrong = createEvidenceVault({
      store: a.store,
      audit: a.store,
      keys: createStaticKeyProvider({ k1: key(2) }, 'k1'),
      clock: a.clock,
    });
    await expect(wrong.read(id, 'reviewer')).rejects.toMatchObject({ code: 'E_DECRYPT_FAILED' });
    const none = createEvidenceVault({
      store: a.store,
      audit: a.store,
      keys: createStaticKeyProvider({}, 'k9'),
      clock: a.clock,
    });
    await expect(none.read(id, 'reviewer')).rejects.toMatchObject({ code: 'E_KEY_UNAVAILABLE' });
  });

  it('binds a ciphertext to its id: copied under another id it does not decrypt', async () => {
    const { vault, store } = setup();
    await vault.preserve({ kind: 'file', bytes: utf8Encode('x'), actor: 'forwarder', id: 'a' });
    store.items.set('b', { ...store.items.get('a')!, id: 'b' });
    await expect(vault.read('b', 'reviewer')).rejects.toMatchObject({ code: 'E_DECRYPT_FAILED' });
  });

  it('purges by jurisdiction (CA 21 days, US one year) and leaves a verifiable audit chain', async () => {
    const { vault, store, clock } = setup();
    await vault.preserve({
      kind: 'file',
      bytes: utf8Encode('ca'),
      actor: 'forwarder',
      id: 'ca',
      jurisdiction: 'CA',
    });
    await vault.preserve({
      kind: 'file',
      bytes: utf8Encode('us'),
      actor: 'forwarder',
      id: 'us',
      jurisdiction: 'US',
    });
    await vault.read('ca', 'reviewer');
    clock.advance(20 * DAY);
    expect((await vault.purgeExpired()).purged).toEqual([]);
    clock.advance(2 * DAY);
    expect((await vault.purgeExpired()).purged).toEqual(['ca']);
    expect([...store.items.keys()]).toEqual(['us']);
    await expect(vault.read('ca', 'reviewer')).rejects.toMatchObject({
      code: 'E_EVIDENCE_NOT_FOUND',
    });
    clock.advance(344 * DAY);
    expect((await vault.purgeExpired()).purged).toEqual(['us']);
    expect(store.entries.map((e) => `${e.action}:${e.itemId}`)).toEqual([
      'preserve:ca',
      'preserve:us',
      'read:ca',
      'purge:ca',
      'purge:us',
    ]);
    expect(await vault.verifyAuditLog()).toMatchObject({ entries: 5 });
  });

  it('logs a purge before deleting: evidence never disappears without an audit entry', async () => {
    const { vault, store, clock } = setup();
    await vault.preserve({
      kind: 'file',
      bytes: utf8Encode('ca'),
      actor: 'f',
      id: 'ca',
      jurisdiction: 'CA',
    });
    clock.advance(22 * DAY);
    const loggedAtDelete: string[][] = [];
    store.delete = async () => {
      loggedAtDelete.push(store.entries.map((e) => `${e.action}:${e.itemId}`));
      throw new Error('disk full');
    };
    await expect(vault.purgeExpired()).rejects.toThrow('disk full');
    expect(loggedAtDelete).toEqual([['preserve:ca', 'purge:ca']]);
    expect(await vault.verifyAuditLog()).toMatchObject({ entries: 2 });
  });

  it('two vaults on one store both append: the loser of a race rebuilds its entry on the new tail', async () => {
    const { vault, store } = setup();
    const other = createEvidenceVault({
      store,
      audit: store,
      keys: createStaticKeyProvider({ k1: key(1) }, 'k1'),
      clock: { now: () => 0, sleep: async () => {} },
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? other : vault).preserve({
          kind: 'report',
          bytes: utf8Encode(`r${i}`),
          actor: 'f',
          id: `r${i}`,
        }),
      ),
    );
    expect(results).toHaveLength(6);
    expect(store.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await vault.verifyAuditLog()).toMatchObject({ entries: 6 });
  });

  it.each([
    [
      'an edited entry',
      (entries: { actor: string }[]) => {
        entries[1]!.actor = 'someone-else';
      },
    ],
    ['a removed entry', (entries: unknown[]) => void entries.splice(1, 1)],
    ['swapped entries', (entries: unknown[]) => void entries.reverse()],
  ])('detects %s in the audit log', async (_name, tamper) => {
    const { vault, store } = setup();
    for (const id of ['a', 'b', 'c'])
      await vault.preserve({ kind: 'file', bytes: utf8Encode(id), actor: 'forwarder', id });
    tamper(store.entries);
    await expect(vault.verifyAuditLog()).rejects.toMatchObject({ code: 'E_AUDIT_CHAIN_BROKEN' });
  });
});
