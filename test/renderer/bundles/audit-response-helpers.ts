/** Responses for the screen tests, built by the same code the auditor's app runs. */
import { unzipSync, zipSync } from 'fflate';
export { buildAuditResponse, findingIdentity, generateSigningKey, readBundle } from '../../../shared/bundle';

/** The review changed after signing, the manifest left as it was. */
export function tamperedCopy(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const review = files['review.json']!.slice();
  const at = review.indexOf(0x22 /* " */, Math.floor(review.length / 2));
  review[at + 1] = review[at + 1]! ^ 0x01;
  return zipSync({ ...files, 'review.json': review });
}
