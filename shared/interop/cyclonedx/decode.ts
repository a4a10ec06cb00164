/** Bytes of an SBOM file to text: UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused. */

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; error: string };

export function decodeSbomBytes(bytes: Uint8Array): Decoded {
  const b0 = bytes[0];
  const b1 = bytes[1];
  let encoding = 'utf-8';
  if (b0 === 0xff && b1 === 0xfe) encoding = 'utf-16le';
  else if (b0 === 0xfe && b1 === 0xff) encoding = 'utf-16be';
  try {
    // TextDecoder drops the BOM of the encoding it decodes.
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return { ok: true, text, encoding: encoding === 'utf-8' ? (b0 === 0xef && b1 === 0xbb ? 'UTF-8 with BOM' : 'UTF-8') : encoding.toUpperCase() };
  } catch {
    return { ok: false, error: `the file is not ${encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()} text, which CycloneDX requires` };
  }
}
