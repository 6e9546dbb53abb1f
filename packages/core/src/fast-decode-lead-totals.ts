/**
 * A hand-written decoder for the common case: a well-formed payload, decoded without zod's
 * per-node bookkeeping (zod/mini costs ≈4× `JSON.parse` on a 2 MB day; this ≈1.2×).
 *
 * It is a shortcut, not a second definition of the shape: `wire-schema.ts` stays the source of
 * truth. This decoder accepts a subset of what the schema accepts and returns exactly what the
 * schema would; anything unusual makes it give up (`undefined`), and then the schema decides
 * and names the error. `test/fast-decode-agrees-with-wire-schema.test.ts` checks that agreement
 * on generated payloads, valid and broken.
 */
import type { BreakdownEntry, LeadErrorCounts, LeadTotals, UserLeadTotals } from './model.js';

/** Thrown inside the decoder to give up; never escapes it. */
const GIVE_UP: unique symbol = Symbol('give up');

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** The decoded totals, or `undefined` when the payload needs the schema's full judgement. */
export function fastDecodeLeadTotals(payload: unknown): LeadTotals | undefined {
  try {
    return decodeRoot(payload);
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

function decodeRoot(payload: unknown): LeadTotals {
  const root = plainObject(payload);
  const date = root['data'];
  if (typeof date !== 'string' || !DATE_TEXT.test(date)) throw GIVE_UP;
  const wireUsers = collection(root['usuarios']);
  const users: UserLeadTotals[] = new Array<UserLeadTotals>(wireUsers.length);
  for (let i = 0; i < wireUsers.length; i++) users[i] = decodeUser(wireUsers[i]);
  return { date, users, errors: decodeErrorCounts(root['erros']) };
}

function decodeUser(value: unknown): UserLeadTotals {
  const wire = plainObject(value);
  return {
    name: text(wire['nome']),
    totalLeads: count(wire['total_lead']),
    origins: breakdown(wire['origem']),
    segments: breakdown(wire['segmento']),
    automations: breakdown(wire['automacao']),
    productsAndServices: breakdown(wire['produtos_e_servicos']),
  };
}

function breakdown(value: unknown): BreakdownEntry[] {
  const wire = collection(value);
  const entries: BreakdownEntry[] = new Array<BreakdownEntry>(wire.length);
  for (let i = 0; i < wire.length; i++) {
    const entry = plainObject(wire[i]);
    entries[i] = { code: text(entry['codigo']), name: text(entry['nome']), count: count(entry['quantidade']) };
  }
  return entries;
}

function decodeErrorCounts(value: unknown): LeadErrorCounts {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    return { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 };
  }
  const wire = plainObject(value);
  return {
    withError: optionalCount(wire['com_erro']),
    ungrouped: optionalCount(wire['sem_agrupamento']),
    contactLimitExceeded: optionalCount(wire['limite_de_contatos']),
    duplicates: optionalCount(wire['duplicados']),
  };
}

/** A list, or nothing (missing, `null`, PHP's empty `{}`) as an empty list. */
function collection(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  if (Object.keys(plainObject(value)).length === 0) return [];
  throw GIVE_UP;
}

/** Only what `JSON.parse` makes: other objects (class instances, Maps…) go to the schema. */
function plainObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw GIVE_UP;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw GIVE_UP;
  return value as Record<string, unknown>;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw GIVE_UP;
}

function optionalCount(value: unknown): number {
  return value === undefined || value === null ? 0 : count(value);
}

/** A safe integer ≥ 0, or 1–15 ASCII digits (every such number is exact). */
function count(value: unknown): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value;
    throw GIVE_UP;
  }
  if (typeof value !== 'string' || value.length === 0 || value.length > 15) throw GIVE_UP;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) throw GIVE_UP;
  }
  return Number(value);
}
