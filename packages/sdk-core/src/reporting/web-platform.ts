/**
 * The few Web-platform globals reporting needs, typed by minimal local
 * declarations: sdk-core compiles without DOM or Node types, yet Node >= 20
 * and every browser provide all of these on `globalThis`.
 */

interface TextCodecs {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (
    label?: string,
    options?: { fatal?: boolean },
  ) => { decode(bytes: Uint8Array): string };
  btoa(binary: string): string;
}

const codecs = globalThis as unknown as TextCodecs;

export function utf8Encode(text: string): Uint8Array {
  return new codecs.TextEncoder().encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return new codecs.TextDecoder('utf-8').decode(bytes);
}

export function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return codecs.btoa(binary);
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The subset of WebCrypto `SubtleCrypto` used here (AES-GCM and SHA-256). */
export interface SubtleCryptoLike {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'AES-GCM' },
    extractable: boolean,
    usages: ReadonlyArray<'encrypt' | 'decrypt'>,
  ): Promise<unknown>;
  encrypt(
    algorithm: { name: 'AES-GCM'; iv: Uint8Array; additionalData?: Uint8Array },
    key: unknown,
    data: Uint8Array,
  ): Promise<ArrayBuffer>;
  decrypt(
    algorithm: { name: 'AES-GCM'; iv: Uint8Array; additionalData?: Uint8Array },
    key: unknown,
    data: Uint8Array,
  ): Promise<ArrayBuffer>;
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

/** The subset of WebCrypto `Crypto` used here. */
export interface CryptoLike {
  subtle: SubtleCryptoLike;
  getRandomValues<T extends Uint8Array>(array: T): T;
  randomUUID(): string;
}

/** `globalThis.crypto`, or a clear error where a runtime lacks it. */
export function webCrypto(): CryptoLike {
  const crypto = (globalThis as unknown as { crypto?: CryptoLike }).crypto;
  if (!crypto?.subtle) {
    throw new Error(
      'WebCrypto (globalThis.crypto.subtle) is not available; pass a `crypto` option',
    );
  }
  return crypto;
}

interface AbortControllerLike {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}

/** `new AbortController()`, typed locally (the port's `AbortSignal` is what clocks accept). */
export function createAbortController(): AbortControllerLike {
  const { AbortController } = globalThis as unknown as {
    AbortController: new () => AbortControllerLike;
  };
  return new AbortController();
}

interface UrlGlobal {
  URL: new (url: string) => { protocol: string; hostname: string };
}

/**
 * Host name of an absolute http(s) URL as the WHATWG URL parser (fetch) reads it:
 * lowercased, without port or a trailing dot, with `\` read as `/`; undefined if
 * the URL does not parse or is not http(s). Compare hosts with this, never raw strings.
 */
export function urlHost(url: string): string | undefined {
  let parsed: { protocol: string; hostname: string };
  try {
    parsed = new (globalThis as unknown as UrlGlobal).URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.hostname.toLowerCase().replace(/\.+$/, '') || undefined;
}
