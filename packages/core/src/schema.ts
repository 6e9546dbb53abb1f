/**
 * `@zen-leads/core/schema`: the wire format as a zod schema (zod/v4/mini), and the synchronous
 * decoder built on it. The main entry leaves these out so that zod loads only when a response
 * is malformed; import them from here to validate payloads yourself.
 */
export { decodeLeadTotals, formatPath } from './decode-lead-totals.js';
export { leadTotalsWireSchema } from './wire-schema.js';
