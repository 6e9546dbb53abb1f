/** The runtime smoke suite under Bun: `bun test ./test-runtimes/bun.test.ts` (from packages/core). */
import { test } from 'bun:test';
import { smokeCases, type ServeOnLoopback } from './smoke-cases.ts';

const serveWithBun: ServeOnLoopback = async (handler) => {
  const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: handler });
  return { url: `http://127.0.0.1:${server.port}/api/totais-lead`, close: async () => server.stop(true) };
};

for (const smoke of smokeCases) test(smoke.name, () => smoke.run(serveWithBun));
