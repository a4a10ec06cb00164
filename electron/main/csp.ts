/**
 * The Content-Security-Policy and other response headers of every app:// response.
 *
 * Everything the renderer loads comes from its own origin. `style-src 'unsafe-inline'`
 * is the one relaxation: React's `style={...}` props and Recharts' SVG layout write
 * inline style attributes, which CSP treats as inline styles. Inline styles cannot run
 * code, and `script-src 'self'` (no 'unsafe-inline', no 'unsafe-eval') still blocks
 * every injected script. `blob:` is allowed for images (exported charts previewed
 * before saving) and workers (bundled analysis workers); `data:` for small images.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self' blob:"],
  ['manifest-src', "'self'"],
  ['media-src', "'none'"],
  ['frame-src', "'none'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** Headers on every response of the app protocol (errors included). */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // The files change with every build; revalidation is cheap from local disk.
    'Cache-Control': 'no-cache',
  };
}
