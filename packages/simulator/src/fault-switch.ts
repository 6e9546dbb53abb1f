import { FAULT_DELAY_HEADER, FAULT_HEADER, type Fault, type FaultSpec, isFaultKind, toFaultSpec } from './fault-modes.js';

/** Which fault a request meets: its own header first, else the one in force (which may run out). */
export class FaultSwitch {
  #active: { spec: FaultSpec; remaining: number | undefined } | undefined;
  readonly #honourHeader: boolean;

  constructor(initial: Fault | undefined, honourHeader: boolean) {
    this.#honourHeader = honourHeader;
    this.set(initial);
  }

  /** A fault for every request from now on (or the next `times`), or undefined to clear it. */
  set(fault: Fault | undefined): void {
    if (fault === undefined) {
      this.#active = undefined;
      return;
    }
    const spec = toFaultSpec(fault);
    this.#active = { spec, remaining: spec.times };
  }

  /** The fault for one request, spending a use of the one in force. */
  forRequest(request: Request): FaultSpec | undefined {
    const named = this.#honourHeader ? request.headers.get(FAULT_HEADER) : null;
    if (named) {
      // A typo in a test's fault header must not pass silently as "no fault".
      if (!isFaultKind(named)) throw new TypeError(`Unknown ${FAULT_HEADER}: ${named}`);
      const delayHeader = Number(request.headers.get(FAULT_DELAY_HEADER) ?? Number.NaN);
      return Number.isFinite(delayHeader) ? { kind: named, delayMs: delayHeader } : { kind: named };
    }
    const active = this.#active;
    if (!active) return undefined;
    if (active.remaining !== undefined) {
      active.remaining -= 1;
      if (active.remaining <= 0) this.#active = undefined;
    }
    return active.spec;
  }
}
