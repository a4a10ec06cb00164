/**
 * Imported first by the entry points that run under the app's Content-Security-Policy
 * (renderer, preload). zod probes `new Function` when the first object schema is built,
 * to decide whether to use its compiled parsers; under `script-src 'self'` the probe
 * fails quietly but is still reported as a CSP violation. Without eval those parsers
 * cannot run anyway, so they are switched off before any schema exists.
 */
import { z } from 'zod';

z.config({ jitless: true });
