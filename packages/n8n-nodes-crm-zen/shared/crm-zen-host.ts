/**
 * Where an error is shown, so that its hint names the fields the user can change there: the
 * action node's options, the trigger's own options, or the credential's test.
 */
export type CrmZenHost =
	| { kind: 'node'; onRateLimit: 'wait' | 'fail'; maxWaitMs: number; date?: string }
	| { kind: 'trigger'; manual: boolean }
	| { kind: 'credential' };

/** What a user reads: the message (the problem) and the description (the fix). */
export interface CrmZenErrorText {
	message: string;
	description: string;
}
