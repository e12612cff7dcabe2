/**
 * `build` run on the first call, its result returned from then on. For
 * objects that are costly to create or pull in a large library (zod schemas,
 * XML parsers): created at module scope they survive tree-shaking, so every
 * bundle that imports sdk-core (the browser's hashing worker) would carry
 * them. Call it as `/* @__PURE__ *\/ memoise(...)` so that bundlers drop an
 * unused getter as well.
 */
export function memoise<T>(build: () => T): () => T {
  let value: { current: T } | undefined;
  return () => {
    value ??= { current: build() };
    return value.current;
  };
}
