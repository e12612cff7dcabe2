import { snapshotName } from './snapshot-name';

/**
 * `text-<escaped id>.hgtxt`: its own prefix and extension, so a URL list and
 * a hash list may share an id and a store, and `hashguard check --list <dir>`
 * (which loads every `*.hgsnap`) never picks up a text-list snapshot.
 */
export function textListSnapshotName(listId: string): string {
  // Same escaping as hash-list snapshots; only the prefix and extension differ.
  return `text-${snapshotName(listId).slice('list-'.length, -'.hgsnap'.length)}.hgtxt`;
}
