/**
 * The alert engine: each of today's snapshots is judged by the rules (`evaluateRules`); a
 * condition that starts holding fires one alert, handed to delivery; it re-arms when the condition
 * clears. Replicas share a store, and the first replica to claim a condition posts it: the others
 * adopt that alert and post nothing.
 */
import type { Clock } from '@zen-leads/core';
import { addDays, saoPauloDateOf } from '@zen-leads/core';
import { sha256Hex } from '@zen-leads/core/internal';
import { ALERT_KINDS, type Alert, type AlertKind, type TodaySnapshot } from './alert.js';
import type { AlertRules } from './alert-rules.js';
import { evaluateRules, type Condition } from './evaluate-rules.js';

/** A store where the first of several writers wins (the gateway's `WatchedStore`, `RedisStore`). */
export interface AlertClaimStore {
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<string>;
}

export interface AlertEngineOptions {
  rules: AlertRules;
  /** Hands a fired alert to delivery (`WebhookDelivery.deliver`); must not block. */
  deliver?: (alert: Alert) => void;
  /** Shared between replicas so that one alert is posted once; memory (this process) when absent. */
  store?: AlertClaimStore;
  clock?: Pick<Clock, 'now'>;
  log: (line: string) => void;
}

export interface ObserveContext {
  /** The day's snapshot before this one, when the caller has it (from the history after a restart). */
  previous?: TodaySnapshot;
  /** The typical cumulative total at the end of each São Paulo hour (`typicalCurve`), for below-typical. */
  typical?: readonly number[];
}

const CLAIM_PREFIX = 'zen-leads-alert:';
/** A claim outlives its day (keys name the day), with room for clocks a little apart. */
const CLAIM_TTL_MS = 26 * 3_600_000;
/** Tries for a fresh claim past stale ones; each re-arm of a condition in a day uses one more. */
const MAX_EPISODES = 200;
/** Alerts kept for `alerts()`: today's and yesterday's, at most this many. */
const MAX_RECENT = 1_000;
/** Snapshots kept past the longest seller-silent span: one more window of margin. */
const KEEP_MARGIN_MS = 10 * 60_000;

interface ConditionState {
  /** The alert while the condition holds. */
  firing?: Alert;
  /** When this replica last saw the condition not hold: a claim older than that is a past episode's. */
  clearedAt: number;
  /** The claim slot this condition's current or next episode uses. */
  episode: number;
}

export class AlertEngine {
  readonly #rules: AlertRules;
  readonly #options: AlertEngineOptions;
  readonly #clock: Pick<Clock, 'now'>;
  #date = '';
  #snapshots: TodaySnapshot[] = [];
  #states = new Map<string, ConditionState>();
  #recent: Alert[] = [];
  #fired = Object.fromEntries(ALERT_KINDS.map((kind) => [kind, 0])) as Record<AlertKind, number>;
  /** Observations run one at a time, in order: state is read and written by one of them at once. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #keepMs: number;
  /** This engine's name in claims: random, so two replicas never take each other's claim for their own. */
  readonly #replica: string = crypto.randomUUID();

  constructor(options: AlertEngineOptions) {
    this.#options = options;
    this.#rules = options.rules;
    this.#clock = options.clock ?? { now: () => Date.now() };
    const longest = Math.max(0, ...options.rules.rules.map((rule) => (rule.kind === 'seller-silent' ? rule.minutes * 60_000 : 0)));
    this.#keepMs = longest + KEEP_MARGIN_MS;
  }

  /**
   * Judges a snapshot of today: returns the alerts that fired now (already handed to `deliver`).
   * A snapshot not newer than the last one seen, or of an earlier day, fires nothing.
   *
   * @example
   * ```ts
   * const fired = await engine.observe({ fetchedAt, totals }, { previous, typical });
   * ```
   */
  observe(snapshot: TodaySnapshot, context: ObserveContext = {}): Promise<Alert[]> {
    const run = this.#queue.then(() => this.#observe(snapshot, context));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Recent alerts, newest first: today's and yesterday's (São Paulo). */
  alerts(): readonly Alert[] {
    const today = saoPauloDateOf(this.#clock.now());
    const yesterday = addDays(today, -1);
    return this.#recent.filter((alert) => alert.date === today || alert.date === yesterday);
  }

  /** Alerts whose condition still holds, newest first. */
  firing(): readonly Alert[] {
    return [...this.#states.values()].flatMap((state) => (state.firing ? [state.firing] : [])).sort((a, b) => b.at.localeCompare(a.at));
  }

  /** Alerts this replica fired (posted), by kind, since it started: for metrics. */
  firedByKind(): Readonly<Record<AlertKind, number>> {
    return { ...this.#fired };
  }

  async #observe(snapshot: TodaySnapshot, context: ObserveContext): Promise<Alert[]> {
    const date = snapshot.totals.date;
    if (date < this.#date) return [];
    if (date > this.#date) this.#startDay(date);
    const last = this.#snapshots.at(-1);
    if (last && snapshot.fetchedAt <= last.fetchedAt) return [];
    this.#addPrevious(context.previous, snapshot);
    const conditions = evaluateRules(this.#rules, { snapshot, earlier: this.#snapshots, typical: context.typical });
    const holding = new Map(conditions.map((condition) => [conditionKey(condition), condition]));
    for (const [key, state] of this.#states) {
      if (holding.has(key)) continue;
      // Cleared: re-armed; the next episode claims a fresh slot.
      if (state.firing) state.episode += 1;
      state.firing = undefined;
      state.clearedAt = snapshot.fetchedAt.getTime();
    }
    const fired: Alert[] = [];
    for (const [key, condition] of holding) {
      const state = this.#stateOf(key);
      if (state.firing) continue;
      const alert = await this.#claim(key, state, await alertOf(condition, date, snapshot.fetchedAt));
      if (alert) fired.push(alert);
    }
    this.#snapshots.push(snapshot);
    this.#trim(snapshot.fetchedAt.getTime());
    return fired;
  }

  #startDay(date: string): void {
    this.#date = date;
    this.#snapshots = [];
    this.#states.clear();
  }

  /** The caller's previous snapshot (e.g. read from the history after a restart) joins those seen. */
  #addPrevious(previous: TodaySnapshot | undefined, snapshot: TodaySnapshot): void {
    if (!previous || previous.totals.date !== snapshot.totals.date || previous.fetchedAt >= snapshot.fetchedAt) return;
    const time = previous.fetchedAt.getTime();
    if (this.#snapshots.some((seen) => seen.fetchedAt.getTime() === time)) return;
    this.#snapshots.push(previous);
    this.#snapshots.sort((a, b) => a.fetchedAt.getTime() - b.fetchedAt.getTime());
  }

  #stateOf(key: string): ConditionState {
    let state = this.#states.get(key);
    if (!state) {
      state = { clearedAt: Number.NEGATIVE_INFINITY, episode: 0 };
      this.#states.set(key, state);
    }
    return state;
  }

  /**
   * Claims the condition's episode in the store: the first replica's alert wins. A claim made
   * before this replica last saw the condition clear is a past episode's: the next slot is tried.
   * Returns the alert when this replica fired it; undefined when another did, or the store failed.
   */
  async #claim(key: string, state: ConditionState, mine: Alert): Promise<Alert | undefined> {
    const store = this.#options.store;
    let winner: Claim = { by: this.#replica, alert: mine };
    if (store) {
      try {
        for (; state.episode < MAX_EPISODES; state.episode += 1) {
          const slot = `${CLAIM_PREFIX}${this.#date}:${await sha256Hex(`${key}\n${state.episode}`)}`;
          winner = parseClaim(await store.setIfAbsent(slot, JSON.stringify(winner), CLAIM_TTL_MS)) ?? winner;
          if (winner.by === this.#replica || Date.parse(winner.alert.at) > state.clearedAt) break;
          winner = { by: this.#replica, alert: mine };
        }
      } catch (error) {
        // Not fired and not marked: the next snapshot tries again, rather than risk a second post.
        this.#options.log(`alerts: could not claim alert ${mine.rule} in the store (${error instanceof Error ? error.message : String(error)}); trying again with the next snapshot`);
        return undefined;
      }
    }
    state.firing = winner.alert;
    this.#remember(winner.alert);
    if (winner.by !== this.#replica) return undefined;
    this.#fired[mine.kind] += 1;
    this.#options.log(`alerts: ${mine.rule} fired${mine.seller === undefined ? '' : ` for ${mine.seller}`} (${mine.kind}, ${mine.value} against ${mine.threshold})`);
    try {
      this.#options.deliver?.(mine);
    } catch (error) {
      this.#options.log(`alerts: delivery refused alert ${mine.rule}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return mine;
  }

  #remember(alert: Alert): void {
    if (this.#recent.some((known) => known.id === alert.id)) return;
    this.#recent.unshift(alert);
    this.#recent.sort((a, b) => b.at.localeCompare(a.at));
    if (this.#recent.length > MAX_RECENT) this.#recent.length = MAX_RECENT;
  }

  #trim(now: number): void {
    const keepFrom = now - this.#keepMs;
    const firstKept = this.#snapshots.findIndex((snapshot) => snapshot.fetchedAt.getTime() >= keepFrom);
    // One snapshot at or before the span's start stays: the baseline a silence is measured from.
    if (firstKept > 1) this.#snapshots.splice(0, firstKept - 1);
  }
}

function conditionKey(condition: Condition): string {
  return `${condition.rule}\u0000${condition.seller ?? ''}\u0000${condition.facet}`;
}

async function alertOf(condition: Condition, date: string, at: Date): Promise<Alert> {
  const start = at.toISOString();
  const id = await sha256Hex(`${condition.rule}\n${date}\n${condition.seller ?? ''}\n${condition.facet}\n${start}`);
  const alert: Alert = { id, rule: condition.rule, kind: condition.kind, date, at: start, value: condition.value, threshold: condition.threshold, text: condition.text, texts: condition.texts };
  if (condition.seller !== undefined) alert.seller = condition.seller;
  return alert;
}

/** A claim as stored: the alert, and which replica fired it (replicas compute the same alert id for one snapshot). */
interface Claim {
  by: string;
  alert: Alert;
}

/** A claim as a replica stored it; undefined for anything else under the key. */
function parseClaim(text: string): Claim | undefined {
  try {
    const value = JSON.parse(text) as Partial<Claim>;
    const alert = value.alert;
    return typeof value.by === 'string' && typeof alert?.id === 'string' && typeof alert.at === 'string' ? (value as Claim) : undefined;
  } catch {
    return undefined;
  }
}
