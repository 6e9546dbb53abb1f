/** Scrubs every occurrence of the token from text a server sent back, before anything reads it. */
export function redactToken(text: string, token: string): string {
  return text.split(token).join('[redacted]');
}
