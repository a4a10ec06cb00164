/**
 * The few platform globals the bundle code needs, typed here because shared/
 * compiles without DOM or Node types. Browsers, Electron and Node 20 all
 * provide them; Ed25519 in WebCrypto is available in Node 20 and in Chromium
 * from version 137 (Electron 37+), so no extra crypto library is needed.
 */

export interface KeyHandle {
  readonly type: string;
}

/** A JSON Web Key for an Ed25519 key (RFC 8037): `x` public, `d` private. */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d?: string;
}

export interface SubtleSurface {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  generateKey(
    algorithm: { name: 'Ed25519' },
    extractable: boolean,
    usages: ('sign' | 'verify')[],
  ): Promise<{ publicKey: KeyHandle; privateKey: KeyHandle }>;
  exportKey(format: 'raw', key: KeyHandle): Promise<ArrayBuffer>;
  exportKey(format: 'jwk', key: KeyHandle): Promise<Record<string, unknown>>;
  importKey(
    format: 'raw' | 'jwk',
    keyData: Uint8Array | Record<string, unknown>,
    algorithm: { name: 'Ed25519' },
    extractable: boolean,
    usages: ('sign' | 'verify')[],
  ): Promise<KeyHandle>;
  sign(algorithm: { name: 'Ed25519' }, key: KeyHandle, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: { name: 'Ed25519' }, key: KeyHandle, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

interface TextDecoderSurface {
  decode(input: Uint8Array): string;
}
interface TextEncoderSurface {
  encode(input: string): Uint8Array;
}

/** The parts of the Streams API that inflating through DecompressionStream uses. */
export interface StreamWriterSurface {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
export interface StreamReaderSurface {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}
export interface DecompressionStreamSurface {
  readonly writable: { getWriter(): StreamWriterSurface };
  readonly readable: { getReader(): StreamReaderSurface };
}
type DecompressionStreamConstructor = new (format: 'deflate-raw') => DecompressionStreamSurface;

interface Globals {
  crypto?: { subtle?: SubtleSurface };
  DecompressionStream?: DecompressionStreamConstructor;
  TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM?: boolean }) => TextDecoderSurface;
  TextEncoder: new () => TextEncoderSurface;
  btoa(data: string): string;
  atob(data: string): string;
}

const g = globalThis as unknown as Globals;

export function subtle(): SubtleSurface {
  const s = g.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available: bundles need a secure context');
  return s;
}

/**
 * The platform's raw-deflate decompressor (zlib inside Chromium, Electron and
 * Node 20), or null where there is none or it lacks `deflate-raw`. Several
 * times faster than inflating in JavaScript.
 */
export function rawInflateStream(): DecompressionStreamConstructor | null {
  const Ctor = g.DecompressionStream;
  if (!Ctor) return null;
  try {
    new Ctor('deflate-raw');
    return Ctor;
  } catch {
    return null;
  }
}

const encoder = new g.TextEncoder();
const strictDecoder = new g.TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Throws on malformed UTF-8 instead of inserting replacement characters. */
export function utf8DecodeStrict(bytes: Uint8Array): string {
  return strictDecoder.decode(bytes);
}

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]!);
  return g.btoa(bin);
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict: refuses anything that is not canonical padded base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (!BASE64_RE.test(text)) return null;
  const bin = g.atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  // Non-zero padding bits decode to the same bytes; refuse them so each value has one spelling.
  return toBase64(out) === text ? out : null;
}

/** base64url without padding, as JWK uses. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
}
