/**
 * `TextDecoder`/`TextEncoder` exist in every runtime we support (Node, browsers,
 * workers, Deno, Bun), but sdk-core compiles without DOM or Node types, so we
 * reach them through `globalThis` with the few members we use.
 */
export interface Utf8Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

interface TextCodecGlobals {
  TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => Utf8Decoder;
  TextEncoder: new () => { encode(input: string): Uint8Array };
}

const codecs = globalThis as unknown as TextCodecGlobals;

/** A strict (fatal) UTF-8 decoder that drops a leading byte-order mark. */
export function createUtf8Decoder(): Utf8Decoder {
  return new codecs.TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
}

const encoder = /* @__PURE__ */ new codecs.TextEncoder();

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

const lenientDecoder = /* @__PURE__ */ new codecs.TextDecoder('utf-8', {
  fatal: false,
  ignoreBOM: true,
});

/** Decodes bytes we wrote ourselves (snapshot string tables). */
export function decodeUtf8(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes);
}
