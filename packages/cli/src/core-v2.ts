/**
 * The core v2 API (issues 10 and 11) this CLI is written against, declared here until v2 lands:
 * the fields v2 adds to errors and wait events, optional because today's core lacks them. On
 * the rebase this file shrinks to re-exports and the `??` fallbacks in its callers can go.
 */
import { API_WINDOW_MS as CORE_API_WINDOW_MS, WINDOW_SAFETY_MARGIN_MS, type ZenError, type ZenNetworkError } from '@zen-leads/core';

/** Why a `ZenInputError` was raised (v2). */
export type ZenInputReason =
  | 'missing'
  | 'type'
  | 'format'
  | 'nonexistent'
  | 'future'
  | 'not-absolute'
  | 'scheme'
  | 'userinfo'
  | 'token-in-url'
  | 'insecure-http'
  | 'characters'
  | 'too-long'
  | 'range';

declare module '@zen-leads/core' {
  interface ZenError {
    /** v2: what went wrong, one sentence, no advice, never the token. */
    readonly problem?: string;
  }
  interface ZenInputError {
    readonly reason?: ZenInputReason;
  }
  interface RateLimitedError {
    /** v2: `api` a real 429; `guard` refused here, nothing sent. */
    readonly source?: 'api' | 'guard';
    readonly reason?: 'api' | 'fail-mode' | 'max-wait';
    /** v2: 1-based place in the token's queue. */
    readonly position?: number;
    /** v2: the configured window (the API's, without the margin). */
    readonly windowMs?: number;
  }
}

/** v2's `WaitEvent`; today's core sends only `waitMs` and `retryAt`, once per wait. */
export interface WaitEvent {
  date?: string;
  reason?: 'window' | 'queue' | 'in-flight';
  /** 1 = next. */
  position?: number;
  waitMs: number;
  /** The scheduler's estimate of when this caller's answer comes. */
  retryAt: Date;
}

export const API_WINDOW_MS: number = CORE_API_WINDOW_MS;
/** v2 calls it `WINDOW_MARGIN_MS` (in `@zen-leads/core/internal`). */
export const WINDOW_MARGIN_MS: number = WINDOW_SAFETY_MARGIN_MS;

/** What went wrong: v2's `problem`, or today's whole message (which ends in the core's own hint). */
export function problemOf(error: ZenError): string {
  return error.problem ?? error.message;
}

/** Today's messages already hold the response path and excerpt; v2's `problem` holds neither. */
export function problemHoldsDetails(error: ZenError): boolean {
  return error.problem === undefined;
}

/**
 * The client's window option for the API's window: v2 takes the API's window and adds its margin
 * (`windowMarginMs`) itself; today's core takes the sum.
 */
export function windowOptions(apiWindowMs: number): { minIntervalMs: number } {
  return { minIntervalMs: apiWindowMs + WINDOW_MARGIN_MS };
}

/** v2's `unreachable` (refused, DNS): nothing was sent, no window spent. Today: `connection`. */
export function isUnreachable(error: ZenNetworkError): boolean {
  return String(error.reason) === 'unreachable';
}
