import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '@zen-leads/core';
import { GatewayConfigError } from '../gateway-options.js';
import type { FirstWriterWins } from '../store/watched-store.js';

/** The shortest session secret accepted: 32 characters of a random string carry 128+ bits. */
export const SESSION_SECRET_MIN_LENGTH: number = 32;
/**
 * A generated secret signs for one epoch and verifies for two, so a cookie stays valid across
 * the change; an epoch is at least a session's absolute lifetime (12 h), so no live session's
 * cookie was signed more than one epoch ago.
 */
export const GENERATED_SECRET_EPOCH_MS: number = 12 * 3_600_000;
const STORE_KEY = 'zen-leads-gateway:session-secret:';

/**
 * The secrets session cookies are signed with (HMAC-SHA-256). Never derived from the upstream
 * token, so a cookie says nothing about it: either given (`sessionSecret`, the first signs, all
 * verify: rotation is a new first entry with the old one kept until its sessions are over), or
 * random, generated per epoch and shared by every replica through the store (the first replica
 * to write an epoch's secret wins, with Redis by SET NX).
 */
export class SessionSecrets {
  readonly #given: Buffer[] | undefined;
  readonly #store: FirstWriterWins;
  readonly #clock: Clock;
  /** Generated secrets by epoch: a secret never changes once stored, so each is read once. */
  readonly #byEpoch = new Map<number, Promise<Buffer>>();

  constructor(options: { given: string | readonly string[] | undefined; upstreamToken: string; store: FirstWriterWins; clock: Clock }) {
    this.#given = options.given === undefined ? undefined : checkedSecrets(options.given, options.upstreamToken);
    this.#store = options.store;
    this.#clock = options.clock;
  }

  /** `value.signature`, signed with the current secret. */
  async sign(value: string): Promise<string> {
    const [current] = await this.#verifying();
    return `${value}.${mac(current as Buffer, value)}`;
  }

  /** The value of `signed` when one of the current or previous secrets signed it, else undefined. */
  async verify(signed: string): Promise<string | undefined> {
    const dot = signed.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const value = signed.slice(0, dot);
    const presented = Buffer.from(signed.slice(dot + 1));
    let valid = false;
    for (const secret of await this.#verifying()) {
      const expected = Buffer.from(mac(secret, value));
      // Every secret is tried, whichever matches: the time taken says nothing about which.
      if (expected.length === presented.length && timingSafeEqual(expected, presented)) valid = true;
    }
    return valid ? value : undefined;
  }

  /** The signing secret first, then the ones still accepted. */
  async #verifying(): Promise<Buffer[]> {
    if (this.#given) return this.#given;
    const epoch = Math.floor(this.#clock.now() / GENERATED_SECRET_EPOCH_MS);
    for (const known of this.#byEpoch.keys()) if (known < epoch - 1) this.#byEpoch.delete(known);
    return Promise.all([this.#generated(epoch), this.#generated(epoch - 1)]);
  }

  #generated(epoch: number): Promise<Buffer> {
    let secret = this.#byEpoch.get(epoch);
    if (!secret) {
      const mine = randomBytes(32).toString('base64url');
      secret = this.#store.setIfAbsent(`${STORE_KEY}${epoch}`, mine, 3 * GENERATED_SECRET_EPOCH_MS).then((shared) => Buffer.from(shared, 'utf8'));
      // A store outage is not remembered: the next request asks the store again.
      secret.catch(() => this.#byEpoch.delete(epoch));
      this.#byEpoch.set(epoch, secret);
    }
    return secret;
  }
}

function mac(secret: Buffer, value: string): string {
  return createHmac('sha256', secret).update(`zen-leads gateway session\n${value}`, 'utf8').digest('base64url');
}

function checkedSecrets(given: string | readonly string[], upstreamToken: string): Buffer[] {
  const list = typeof given === 'string' ? [given] : [...given];
  if (list.length === 0) throw secretError('missing', 'sessionSecret is an empty list.', undefined);
  list.forEach((secret, index) => {
    if (typeof secret !== 'string') throw secretError('type', 'is not a string.', index);
    if (secret.length < SESSION_SECRET_MIN_LENGTH) throw secretError('too-short', `is shorter than ${SESSION_SECRET_MIN_LENGTH} characters.`, index);
    if (secret.includes(upstreamToken)) throw secretError('format', 'contains the upstream token: the cookies it signs would be a way to test guesses of the token.', index);
  });
  return list.map((secret) => Buffer.from(secret, 'utf8'));
}

function secretError(reason: 'missing' | 'type' | 'too-short' | 'format', problem: string, index: number | undefined): GatewayConfigError {
  const which = index === undefined ? '' : `Session secret #${index + 1} `;
  return new GatewayConfigError('sessionSecret', reason, `${which}${problem}`, 'Leave sessionSecret out (the gateway generates one and shares it through the store), or pass a random string of 32+ characters: openssl rand -base64 32.', index);
}
