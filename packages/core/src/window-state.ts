import type { EnqueueOptions, QueueTicket, Reservation, WindowClaim } from './window-store.js';

/**
 * One token's window and queue as plain data, with the store operations on it. `MemoryStore`
 * keeps it in a map and `FileStore` in a JSON file under a lock; both run these same rules
 * (`RedisStore` runs them as Lua scripts).
 */
export interface WindowState {
  /** Who holds the window ('' = a 429's cooldown, held by nobody), for which day, until when. */
  window?: { holder: string; day: string; until: number };
  /** The last ticket sequence number handed out. */
  seq: number;
  tickets: StoredTicket[];
}

interface StoredTicket extends QueueTicket {
  seq: number;
  leaseUntil: number;
}

export function emptyWindowState(): WindowState {
  return { seq: 0, tickets: [] };
}

/** Drops expired windows and tickets whose process stopped renewing them. */
function prune(state: WindowState, now: number): void {
  if (state.window && state.window.until <= now) delete state.window;
  state.tickets = state.tickets.filter((ticket) => ticket.leaseUntil > now).sort((a, b) => a.seq - b.seq);
}

export function reserveIn(state: WindowState, claim: WindowClaim, now: number): Reservation {
  prune(state, now);
  const first = state.tickets[0];
  const free = state.window === undefined;
  if (free && (first === undefined || first.id === claim.holder)) {
    state.tickets = state.tickets.filter((ticket) => ticket.id !== claim.holder);
    state.window = { holder: claim.holder, day: claim.day, until: now + claim.windowMs };
    return { granted: true };
  }
  const holding = state.window && state.window.holder !== '' ? state.window.day : undefined;
  return {
    granted: false,
    waitMs: state.window ? state.window.until - now : 0,
    queue: state.tickets.map(({ id, day }) => ({ id, day })),
    ...(holding === undefined ? {} : { holding }),
  };
}

export function enqueueIn(state: WindowState, ticket: QueueTicket, options: EnqueueOptions, now: number): void {
  prune(state, now);
  const leaseUntil = now + options.leaseMs;
  const existing = state.tickets.find((stored) => stored.id === ticket.id);
  if (existing) {
    existing.leaseUntil = leaseUntil;
    return;
  }
  const seq = options.front ? Math.min(0, ...state.tickets.map((stored) => stored.seq)) - 1 : ++state.seq;
  state.tickets.push({ id: ticket.id, day: ticket.day, seq, leaseUntil });
  state.tickets.sort((a, b) => a.seq - b.seq);
}

export function dequeueIn(state: WindowState, ticketId: string, now: number): void {
  prune(state, now);
  state.tickets = state.tickets.filter((ticket) => ticket.id !== ticketId);
}

export function holdIn(state: WindowState, ms: number, replace: boolean, now: number): void {
  prune(state, now);
  const until = now + ms;
  if (replace) state.window = { holder: '', day: '', until };
  else if (!state.window) state.window = { holder: '', day: '', until };
  else if (state.window.until < until) state.window.until = until;
}

export function releaseIn(state: WindowState, holder: string, now: number): void {
  prune(state, now);
  if (holder !== '' && state.window?.holder === holder) delete state.window;
}

/** True when nothing in the state needs keeping (so a store may forget the key). */
export function isIdle(state: WindowState): boolean {
  return state.window === undefined && state.tickets.length === 0;
}
