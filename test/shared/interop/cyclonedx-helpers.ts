import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readCycloneDx, type CycloneDxReadResult } from '../../../shared/interop/cyclonedx';

const sbomDir = fileURLToPath(new URL('../../fixtures/interop/sbom/', import.meta.url));
const ownDir = fileURLToPath(new URL('../../fixtures/interop/cyclonedx/', import.meta.url));
const schemaDir = fileURLToPath(new URL('../../../assets/schemas/cyclonedx/', import.meta.url));

export const sbomBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(`${sbomDir}${name}`));
export const ownBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(`${ownDir}${name}`));
export const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

export const counter = () => {
  let n = 0;
  return () => `new-${++n}`;
};

export function readSbom(name: string, options: Parameters<typeof readCycloneDx>[2] = {}): CycloneDxReadResult {
  return readCycloneDx(sbomBytes(name), name, { newId: counter(), ...options });
}

export const productOf = (r: CycloneDxReadResult) => {
  const p = r.portfolio.products[0];
  if (!p) throw new Error(`no product: ${JSON.stringify(r.errors)}`);
  return p;
};

const readJson = (path: string): object => JSON.parse(readFileSync(path, 'utf8')) as object;

/** ajv with the official schemas (tests only: ajv compiles with eval, which the app's CSP forbids). */
export function ajvFor(version: '1.4' | '1.5' | '1.6' | '1.7') {
  // The schemas declare draft-07; iri-reference and idn-email are not in ajv-formats and are accepted unchecked.
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { 'iri-reference': true, 'idn-email': true } });
  addFormats(ajv);
  for (const s of ['spdx', 'jsf-0.82', 'cryptography-defs']) ajv.addSchema(readJson(`${schemaDir}${s}.schema.json`));
  return ajv.compile(readJson(`${schemaDir}bom-${version}.schema.json`));
}
