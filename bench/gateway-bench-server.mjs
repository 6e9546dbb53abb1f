// One contender of the gateway benchmark, in a process of its own (so that the load generator
// does not share its event loop): `gateway` (the real gateway, one closed day already cached) or
// `bare` (node:http answering the same bytes, nothing else). Prints one JSON line:
// { url, path, headers, bytes }, then serves until killed.
import { createServer } from 'node:http';
import { createGateway } from '../packages/gateway/dist/index.js';
import { serveGateway } from '../packages/gateway/dist/node/serve-gateway.js';
import { createSimulator } from '../packages/simulator/dist/index.js';

const [mode, day] = process.argv.slice(2);
const TOKEN = 'bench-upstream-token-7c1d';
const KEY = 'bench-client-key-3e9a0b5f6d21';
const simulator = createSimulator({ tokens: [TOKEN], windowMs: 0, seed: 'demo' });
const path = `/api/totais_lead?data=${day}`;

if (mode === 'gateway') {
  const gateway = createGateway({
    url: 'http://127.0.0.1:9/api/totais-lead',
    token: TOKEN,
    clientKeys: [KEY],
    fetch: simulator.fetch,
    // The bench is the only client: lift the per-key limit that would otherwise protect the gateway.
    clientRateLimit: { requests: 1e9, perMs: 1_000 },
  });
  const warm = await gateway(new Request(`http://gateway${path}`, { headers: { token: KEY } }));
  const bytes = (await warm.arrayBuffer()).byteLength;
  if (warm.status !== 200) throw new Error(`warming the cache answered ${warm.status}`);
  const server = await serveGateway(gateway, { port: 0 });
  console.log(JSON.stringify({ url: server.url, path, headers: { token: KEY }, bytes }));
} else {
  const upstream = await simulator.fetch(`http://simulator/api?data=${day}`, { headers: { token: TOKEN } });
  const body = Buffer.from(await upstream.arrayBuffer());
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}`, path, headers: {}, bytes: body.length }));
  });
}
