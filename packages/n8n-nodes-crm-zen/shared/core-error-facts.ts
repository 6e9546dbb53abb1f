import type { ZenError } from './zen-core';

/**
 * The structured facts of a core error, which each host words for itself. The one place that
 * reads the error's fields: core v2 adds `problem`, `reason` on input errors, `source` and
 * `windowMs` on rate limits; until then they are simply absent. Never the `message`, which is
 * worded for library users (it names options such as `allowInsecureHttp`).
 */
export interface CoreErrorFacts {
	code: string;
	status?: number;
	apiMessage?: string;
	/** Input errors: which input (`url`, `token`, `date`, …). */
	field?: string;
	/** Input, auth and network errors: why (`insecure-http`, `disabled`, `timeout`, …). */
	reason?: string;
	/** Core v2: what went wrong, one sentence, no advice. */
	problem?: string;
	/** Rate limits: when the next request is possible. */
	retryAt?: Date;
	retryAfterMs?: number;
	/** Rate limits: `api` for a real 429, `guard` when refused before sending. */
	source: 'api' | 'guard' | undefined;
	/** Rate limits (core v2): the configured window. */
	windowMs?: number;
	/** Response errors: the payload path that broke the shape. */
	path?: string;
}

export function coreErrorFacts(error: ZenError): CoreErrorFacts {
	const fields = error as unknown as Record<string, unknown>;
	const text = (name: string): string | undefined => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
	const count = (name: string): number | undefined => (typeof fields[name] === 'number' ? (fields[name] as number) : undefined);
	const retryAt = fields.retryAt instanceof Date ? fields.retryAt : undefined;
	const source = text('source');
	return {
		code: error.code,
		...(error.status === undefined ? {} : { status: error.status }),
		...(error.apiMessage === undefined ? {} : { apiMessage: error.apiMessage }),
		...optional('field', text('field')),
		...optional('reason', text('reason')),
		...optional('problem', text('problem')),
		...optional('retryAt', retryAt),
		...optional('retryAfterMs', count('retryAfterMs')),
		// Core v1 has no `source`: a rate limit with an HTTP status came from the API.
		source: error.code === 'ZEN_RATE_LIMITED' ? (source === 'api' || error.status === 429 ? 'api' : 'guard') : undefined,
		...optional('windowMs', count('windowMs')),
		...optional('path', text('path')),
	};
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
	return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
