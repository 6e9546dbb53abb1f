import type { Reservation } from './window-store.js';

/** Why a caller waits: for the window, behind others in the queue, or for its day already on its way. */
export type WaitReason = 'window' | 'queue' | 'in-flight';

/** A wait, as hooks and per-call listeners see it. Never holds the token. */
export interface WaitEvent {
  date: string;
  reason: WaitReason;
  /** This caller's place in the token's queue: 1 = next. */
  position: number;
  /** How long until this caller's answer is expected. */
  waitMs: number;
  retryAt: Date;
}

/** A refused reservation, read from one caller's point of view. */
export interface QueueEstimate {
  reason: WaitReason;
  position: number;
  waitMs: number;
  /** False when the caller's ticket has dropped out of the queue (it stopped renewing in time). */
  queued: boolean;
}

/**
 * Where a caller stands and when its answer is expected: each distinct day ahead of it takes one
 * window; a day equal to its own ahead (or being fetched) means its answer comes with that one.
 */
export function estimateWait(
  refused: Extract<Reservation, { granted: false }>,
  caller: { holder: string; day: string },
  windowMs: number,
): QueueEstimate {
  const index = refused.queue.findIndex((ticket) => ticket.id === caller.holder);
  const ahead = index === -1 ? refused.queue : refused.queue.slice(0, index);
  const position = ahead.length + 1;
  const base = { position, queued: index !== -1 };
  if (refused.holding === caller.day) return { ...base, reason: 'in-flight', waitMs: 0 };
  // Each distinct day ahead takes a window, but the day already being fetched takes none.
  const days: string[] = [];
  for (const ticket of ahead) if (ticket.day !== refused.holding && !days.includes(ticket.day)) days.push(ticket.day);
  const sameDay = days.indexOf(caller.day);
  const windowsAhead = sameDay === -1 ? days.length : sameDay;
  return {
    ...base,
    reason: ahead.length === 0 ? 'window' : 'queue',
    waitMs: refused.waitMs + windowsAhead * windowMs,
  };
}
