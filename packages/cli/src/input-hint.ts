import type { ZenInputField } from '@zen-leads/core';
import type { ZenInputReason } from './core-v2.js';

export const INTEGRATION_SCREEN = 'CRM Zen (gear icon → Integração)';

/**
 * How to fix bad input, worded for the command line: the flag or env var to change. Chosen by
 * the core error's `field` and `reason`, never by its text.
 */
export function inputHint(field: ZenInputField, reason: ZenInputReason | undefined): string {
  switch (field) {
    case 'url':
      return urlHint(reason);
    case 'token':
      return tokenHint(reason);
    case 'date':
      return reason === 'future'
        ? 'Ask for today or an earlier day: DATE is a São Paulo calendar day.'
        : 'Write DATE as YYYY-MM-DD, "today" or "yesterday".';
    case 'maxWaitMs':
      return 'Check --max-wait: a duration like 30s, 5m or 1h.';
    case 'minIntervalMs':
      return 'Check --min-interval: a duration like 5m (the API\'s window).';
    case 'timeoutMs':
      return 'Check --timeout: a duration like 30s.';
    case 'onRateLimit':
      return 'Pass --on-rate-limit wait or --on-rate-limit fail.';
    default:
      return 'Run the command with --help for its options.';
  }
}

function urlHint(reason: ZenInputReason | undefined): string {
  switch (reason) {
    case 'missing':
      return `Set ZEN_URL (or pass --url) to the integration URL from ${INTEGRATION_SCREEN}.`;
    case 'userinfo':
      return 'Remove the user name and password from ZEN_URL (or --url); the token goes in ZEN_TOKEN.';
    case 'token-in-url':
      return 'Remove the token from ZEN_URL (or --url) and keep it in ZEN_TOKEN only: it is sent as a header, never in the URL.';
    case 'insecure-http':
      return (
        'Use the https:// URL. Only for a server you trust, pass --allow-insecure-http: the token then crosses the ' +
        'network unencrypted, and anyone on the way can read it and spend your window.'
      );
    default:
      return `Set ZEN_URL (or --url) to the whole integration URL from ${INTEGRATION_SCREEN}, starting with https://.`;
  }
}

function tokenHint(reason: ZenInputReason | undefined): string {
  switch (reason) {
    case 'characters':
      return `Copy the token again from ${INTEGRATION_SCREEN} into ZEN_TOKEN, without spaces, quotes or line breaks.`;
    case 'too-long':
      return `Check that ZEN_TOKEN holds only the token from ${INTEGRATION_SCREEN}.`;
    default:
      return `Set ZEN_TOKEN to the token from ${INTEGRATION_SCREEN}.`;
  }
}
