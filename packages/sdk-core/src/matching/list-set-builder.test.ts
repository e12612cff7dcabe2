import { describe, expect, it } from 'vitest';
import { listSetEntries } from './list-set';
import { createListSetBuilder } from './list-set-builder';

const md5 = (n: number) => n.toString(16).padStart(32, '0');

describe('createListSetBuilder', () => {
  it('applies removals to earlier adds only, so an update is remove then add', () => {
    const builder = createListSetBuilder();
    builder.addList({ listId: 'ncmec', version: '1', source: 'ncmec' });
    builder.add({ algorithm: 'md5', value: md5(1), listId: 'ncmec', entryId: 'keep' });
    builder.add({
      algorithm: 'md5',
      value: md5(2),
      listId: 'ncmec',
      entryId: 'update',
      category: 'A1',
    });
    builder.add({ algorithm: 'pdq', value: 'a'.repeat(64), listId: 'ncmec', entryId: 'gone' });
    builder.remove('ncmec', 'gone');
    builder.remove('ncmec', 'update');
    builder.add({
      algorithm: 'md5',
      value: md5(3),
      listId: 'ncmec',
      entryId: 'update',
      category: 'A2',
    });
    const set = builder.build();
    expect(
      [...listSetEntries(set)].map((e) => `${e.entryId}:${e.value.slice(-1)}:${e.category ?? ''}`),
    ).toEqual(['keep:1:', 'update:3:A2']);
    expect(set.lists[0]?.entryCount).toBe(2);
    expect(set.columns.pdq?.count).toBe(0);
  });

  it('carries a previous set forward (incremental sync) and rejects undeclared lists', () => {
    const first = createListSetBuilder();
    first.addList({ listId: 'a', version: '1', source: 's' });
    first.add({
      algorithm: 'sha1',
      value: 'c'.repeat(40),
      listId: 'a',
      entryId: 'x',
      category: 'B',
    });
    const next = createListSetBuilder();
    next.addList({ listId: 'b', version: '1', source: 's' });
    next.addSet(first.build());
    next.add({ algorithm: 'sha1', value: 'd'.repeat(40), listId: 'b', entryId: 'y' });
    const set = next.build();
    expect(
      [...listSetEntries(set)].map((e) => `${e.listId}/${e.entryId}/${e.category ?? ''}`),
    ).toEqual(['a/x/B', 'b/y/']);
    expect(() =>
      next.add({ algorithm: 'md5', value: md5(1), listId: 'zzz', entryId: 'q' }),
    ).toThrow(/undeclared/);
  });
});
