let scriptUrl: Promise<string> | undefined;

/**
 * Starts the bundled hashing worker from a Blob URL of its inlined source, so
 * no bundler configuration, copy step or server route is needed. The source
 * is a separate chunk, fetched on first use; its URL is created once and kept
 * for the page's lifetime, so every worker started later reuses it. Pages
 * whose Content-Security-Policy lacks `worker-src blob:` pass their own
 * `worker` factory instead, loading `@hashguard/sdk-browser/worker` from
 * their own origin.
 */
export async function spawnInlineWorker(): Promise<Worker> {
  scriptUrl ??= import('./worker-source').then(({ default: source }) =>
    URL.createObjectURL(new Blob([source], { type: 'text/javascript' })),
  );
  try {
    return new Worker(await scriptUrl, { name: 'hashguard-hashing' });
  } catch (error) {
    scriptUrl = undefined;
    throw error;
  }
}
