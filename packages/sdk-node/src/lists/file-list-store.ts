import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, type ListStore } from '@hashguard/sdk-core';

export interface FileListStoreOptions {
  /** Directory holding one snapshot file per name; created if missing. */
  dir: string;
}

const TEMP_PREFIX = '.tmp-';
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/**
 * Snapshots on the local disk. `write` is atomic and durable: the bytes go to
 * a temporary file in the same directory, are fsynced, then renamed over the
 * old name (rename(2) is atomic within a file system) and the directory is
 * fsynced, so a crash or a concurrent reader sees the old file or the new
 * one, never a torn write.
 */
export function createFileListStore(
  options: FileListStoreOptions,
): ListStore & { readonly dir: string } {
  if (!options?.dir) throw new ConfigError('E_MISSING_OPTION', 'createFileListStore needs `dir`.');
  const dir = options.dir;
  let ready: Promise<unknown> | undefined;
  const ensureDir = () => {
    ready ??= mkdir(dir, { recursive: true });
    return ready;
  };

  function pathOf(name: string): string {
    // Names come from list ids; refuse anything that could escape the directory.
    if (!SAFE_NAME.test(name)) {
      throw new ConfigError(
        'E_INVALID_OPTIONS',
        `Snapshot name "${name}" must match ${SAFE_NAME}.`,
      );
    }
    return join(dir, name);
  }

  return {
    dir,
    async read(name) {
      try {
        return new Uint8Array(await readFile(pathOf(name)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(name, bytes) {
      const target = pathOf(name);
      await ensureDir();
      const temp = join(dir, `${TEMP_PREFIX}${name}-${randomBytes(6).toString('hex')}`);
      try {
        const handle = await open(temp, 'w', 0o644);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await syncDirectory(dir);
    },
    async remove(name) {
      await rm(pathOf(name), { force: true });
      await syncDirectory(dir).catch(() => {});
    },
    async list() {
      try {
        const names = await readdir(dir);
        return names.filter((name) => !name.startsWith(TEMP_PREFIX)).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
  };
}

/** Makes the rename itself durable; some platforms (Windows) cannot open a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}
