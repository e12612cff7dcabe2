/**
 * The built worker script as a string, provided at build time by the
 * inline-worker esbuild plugin in tsup.config.ts (from dist/worker.js).
 */
declare module 'virtual:hashguard-worker-source' {
  const source: string;
  export default source;
}
