import { describe, expect, it } from 'vitest';
import { ConnectionDroppedError, serverErrorFallback } from '../src/index.js';

describe('serverErrorFallback (Bun `error`, Deno `onError`)', () => {
  it('turns a dropped connection into a body that fails at once', async () => {
    const response = serverErrorFallback(new ConnectionDroppedError());
    await expect(response.text()).rejects.toThrow();
  });

  it('turns anything else into the API 500', async () => {
    const response = serverErrorFallback(new Error('boom'));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'Ocorreu um erro interno do servidor. Por favor, tente novamente.' });
  });
});
