/**
 * The runtime smoke suite under Deno, with only loopback network:
 * `deno test --no-check --allow-net=127.0.0.1 test-runtimes/deno.test.ts` (from packages/core).
 * (--no-check: tsc checks these sources in the monorepo; `deno check` here would try to rewrite
 * the root package.json from pnpm-workspace.yaml.)
 */
import { smokeCases, type ServeOnLoopback } from './smoke-cases.ts';

const serveWithDeno: ServeOnLoopback = async (handler) => {
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, handler);
  return { url: `http://127.0.0.1:${server.addr.port}/api/totais-lead`, close: () => server.shutdown() };
};

for (const smoke of smokeCases) Deno.test(smoke.name, () => smoke.run(serveWithDeno));
