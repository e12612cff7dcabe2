/**
 * Where list snapshots live. `write` must be atomic: a reader sees either the
 * previous complete snapshot or the new complete one, never a mix.
 */
export interface ListStore {
  read(name: string): Promise<Uint8Array | undefined>;
  write(name: string, bytes: Uint8Array): Promise<void>;
  remove(name: string): Promise<void>;
  list(): Promise<string[]>;
}
