import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The `crmZenApi` credential's fields, as the core takes them. */
export interface CrmZenCredential {
	url: string;
	token: string;
	allowInsecureHttp: boolean;
}

/**
 * The credential as stored, made usable: URL and token trimmed, because they are pasted and a
 * trailing newline or space is never part of either (the credential's `authenticate` trims the
 * token header the same way).
 */
export function crmZenCredentialOf(data: ICredentialDataDecryptedObject | undefined): CrmZenCredential {
	const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
	return { url: text(data?.url), token: text(data?.token), allowInsecureHttp: data?.allowInsecureHttp === true };
}
