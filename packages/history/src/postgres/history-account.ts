import { sha256Hex } from '@zen-leads/core/internal';

/**
 * The `account` a token's days are stored under in a shared history: a hash of the token, never
 * the token, so a database read by BI tools holds nothing that could spend the API's window.
 */
export async function historyAccountOf(token: string): Promise<string> {
  return (await sha256Hex(`zen-leads history\n${token}`)).slice(0, 32);
}
