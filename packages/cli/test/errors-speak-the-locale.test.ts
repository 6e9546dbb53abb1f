import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/**
 * Every class of usage and input error, through `main()`: in Portuguese under a pt_BR locale, in
 * English under `--lang en` over that same locale, with the same exit code (2) and not one request
 * in the simulator's log. Flags, commands and env names stay as they are typed.
 */
describe('usage and input errors speak the locale’s language', () => {
  let served: ServedSimulator;
  let folder: string;
  beforeAll(async () => {
    served = await serveSimulator();
    folder = await mkdtemp(join(tmpdir(), 'zen-cli-errors-'));
  });
  afterAll(async () => {
    expect(served.simulator.log).toEqual([]);
    await served.close();
    await rm(folder, { recursive: true, force: true });
  });

  const PT = { LANG: 'pt_BR.UTF-8' };
  const KEY = 'a-client-key-long-enough-0123456789';
  const SERVE = { ...PT, ZEN_GATEWAY_KEYS: KEY };

  /** [class, command line, extra env, pt-BR stderr, en stderr]: the en run adds --lang en. */
  const cases: [string, string[], Record<string, string>, RegExp, RegExp][] = [
    ['date: not the form', ['totals', '24/11/2026'], PT,
      /^zen-leads: a data "24\/11\/2026" não está no formato AAAA-MM-DD\. Passe DATA como AAAA-MM-DD, "today" ou "yesterday" \(dias de São Paulo\)/,
      /^zen-leads: The date "24\/11\/2026" is not in the YYYY-MM-DD format\. Pass DATE as YYYY-MM-DD, "today" or "yesterday" \(São Paulo days\)/],
    ['date: no such day', ['totals', '2026-02-29'], PT,
      /^zen-leads: a data 2026-02-29 não existe: fevereiro de 2026 tem dias de 01 a 28\. Passe DATA/,
      /^zen-leads: The date 2026-02-29 does not exist: February 2026 has days 01 to 28\. Pass DATE/],
    ['date: no such month', ['totals', '2026-13-01'], PT,
      /^zen-leads: a data 2026-13-01 não existe: os meses vão de 01 a 12\./,
      /^zen-leads: The date 2026-13-01 does not exist: months run from 01 to 12\./],
    ['date: in the future', ['totals', '2999-01-01'], PT,
      /^zen-leads: a data 2999-01-01 está no futuro: hoje em America\/Sao_Paulo é \d{4}-\d{2}-\d{2}\. Peça hoje \(\d{4}-\d{2}-\d{2}\) ou um dia anterior\.\n$/,
      /^zen-leads: The date 2999-01-01 is in the future: today in America\/Sao_Paulo is \d{4}-\d{2}-\d{2}\. Ask for today \(\d{4}-\d{2}-\d{2}\) or an earlier day\.\n$/],
    ['date option', ['report', '--in', 'h.ndjson', '--out', 'r.html', '--from', '1/11'], PT,
      /^zen-leads: --from deve ser um dia escrito AAAA-MM-DD, "today" ou "yesterday", não "1\/11"\.\n$/,
      /^zen-leads: --from must be a day written YYYY-MM-DD, "today" or "yesterday", not "1\/11"\.\n$/],
    ['choice', ['totals', '--format', 'xml'], PT,
      /^zen-leads: --format deve ser table, json, csv ou ndjson, não "xml"\.\n$/,
      /^zen-leads: --format must be one of table, json, csv, ndjson, not "xml"\.\n$/],
    ['unknown option', ['totals', '--fromat', 'json'], PT,
      /^zen-leads: opção desconhecida --fromat\. Rode "zen-leads totals --help" para ver as opções\.\n$/,
      /^zen-leads: Unknown option '--fromat'\. Run "zen-leads totals --help" for the options\.\n$/],
    ['missing value', ['backfill', '--from', '2026-11-01', '--out'], PT,
      /^zen-leads: falta o valor de --out\. Rode "zen-leads backfill --help" para ver as opções\.\n$/,
      /^zen-leads: Option '--out <value>' argument missing\. Run "zen-leads backfill --help" for the options\.\n$/],
    ['a value for a switch', ['totals', '--no-cache=yes'], PT,
      /^zen-leads: --no-cache não recebe valor\. Rode "zen-leads totals --help"/,
      /^zen-leads: Option '--no-cache' does not take an argument\. Run "zen-leads totals --help"/],
    ['one argument too many', ['totals', '2026-11-24', '2026-11-23'], PT,
      /^zen-leads: argumento inesperado "2026-11-23"\. Rode "zen-leads totals --help" para ver o uso\./,
      /^zen-leads: unexpected argument "2026-11-23"\. Run "zen-leads totals --help" for usage\./],
    ['range', ['backfill', '--from', '2026-11-10', '--to', '2026-11-01', '--out', 'h.ndjson'], PT,
      /^zen-leads: --to 2026-11-01 é anterior a --from 2026-11-10\. Troque os dois, ou recue --from\.\n$/,
      /^zen-leads: --to 2026-11-01 is before --from 2026-11-10\. Swap them, or move --from back\.\n$/],
    ['closed days only', ['backfill', '--from', '2999-01-01', '--out', 'h.ndjson'], PT,
      /^zen-leads: --from 2999-01-01 está no futuro \(hoje em São Paulo é [\d-]+\); um backfill guarda só dias fechados/,
      /^zen-leads: --from 2999-01-01 is in the future \(today in São Paulo is [\d-]+\); a backfill stores closed days only/],
    ['required flag', ['backfill', '--from', '2026-11-01'], PT,
      /^zen-leads: falta --out: o arquivo de histórico \(\.ndjson, .*\), por exemplo --out leads\.ndjson\.\n$/,
      /^zen-leads: --out is required: the history file \(\.ndjson, .*\), e\.g\. --out leads\.ndjson\.\n$/],
    ['history location', ['report', '--in', 'leads.txt', '--out', 'r.html'], PT,
      /^zen-leads: --in deve terminar em \.ndjson, .* \(NDJSON ou SQLite\) ou ser uma URL postgres:\/\/, não "leads\.txt"\.\n$/,
      /^zen-leads: --in must end in \.ndjson, .* \(NDJSON or SQLite\) or be a postgres:\/\/ URL, not "leads\.txt"\.\n$/],
    ['store URL: no host', ['totals', '--store', 'redis://'], PT,
      /^zen-leads: --store: a URL do Redis não indica o host; o esperado é redis:\/\/host:porta\[\/db\]/,
      /^zen-leads: --store: the Redis URL names no host; expected redis:\/\/host:port\[\/db\]/],
    ['store URL: unknown scheme', ['totals'], { ...PT, ZEN_STORE: 'mongo://db/x' },
      /^zen-leads: ZEN_STORE não conhece o esquema "mongo:"; use file:<pasta>, memory: ou redis:\/\/host:porta\[\/db\] \(rediss:\/\/ para TLS\)\.\n$/,
      /^zen-leads: ZEN_STORE does not know the scheme "mongo:"; use file:<dir>, memory: or redis:\/\/host:port\[\/db\] \(rediss:\/\/ for TLS\)\.\n$/],
    ['duration', ['totals', '--max-wait', '10'], PT,
      /^zen-leads: --max-wait espera uma duração como 2500ms, 30s, 5m ou 1h, não "10"\. Ponha a unidade, por exemplo 10s ou 10m\.\n$/,
      /^zen-leads: --max-wait expects a duration like 2500ms, 30s, 5m or 1h, not "10"\. Add a unit, e\.g\. 10s or 10m\.\n$/],
    ['snapshot days', ['watch', '--snapshot-days', '0', '--history', 'h.ndjson'], PT,
      /^zen-leads: --snapshot-days deve ser um número inteiro de dias, 1 ou mais, não "0"\.\nPor exemplo --snapshot-days 35 \(o padrão\)\.\n$/,
      /^zen-leads: --snapshot-days must be a whole number of days, 1 or more, not "0"\.\nFor example --snapshot-days 35 \(the default\)\.\n$/],
    ['port', ['serve', '--port', '70000'], SERVE,
      /^zen-leads: --port deve ser um número de porta de 0 a 65535, não "70000"\.\n$/,
      /^zen-leads: --port must be a port number from 0 to 65535, not "70000"\.\n$/],
    ['hours range', ['serve', '--keep-today-fresh', '20:00-08:00'], SERVE,
      /^zen-leads: --keep-today-fresh deve ser dois horários de São Paulo HH:MM-HH:MM, o primeiro antes do segundo, não "20:00-08:00"\.\nPor exemplo --keep-today-fresh 08:00-20:00/,
      /^zen-leads: --keep-today-fresh must be two São Paulo times HH:MM-HH:MM, the first before the second, not "20:00-08:00"\.\nFor example --keep-today-fresh 08:00-20:00/],
    ['keys file', ['serve', '--keys-file', '/nonexistent/zen-keys'], PT,
      /^zen-leads: --keys-file "\/nonexistent\/zen-keys" não pode ser lido \(ENOENT\); passe o caminho de um arquivo com uma chave de cliente por linha\.\n$/,
      /^zen-leads: --keys-file "\/nonexistent\/zen-keys" cannot be read \(ENOENT\); give the path of a file with one client key per line\.\n$/],
    ['a client key too short', ['serve'], { ...PT, ZEN_GATEWAY_KEYS: 'short' },
      /^zen-leads: ZEN_GATEWAY_KEYS, entrada 1: a chave tem menos de 16 caracteres/,
      /^zen-leads: ZEN_GATEWAY_KEYS entry 1: the key is shorter than 16 characters/],
    ['token rules: no --token for serve', ['serve', '--token', 'x'], SERVE,
      /^zen-leads: o serve só aceita o token por ZEN_TOKEN ou ZEN_TOKEN_FILE: um --token na linha de comando fica visível na lista de processos/,
      /^zen-leads: serve takes the token only from ZEN_TOKEN or ZEN_TOKEN_FILE: a --token on the command line is visible in the process list/],
    ['token rules: token and token file', ['serve'], { ...SERVE, ZEN_TOKEN_FILE: '/nonexistent/token' },
      /^zen-leads: ZEN_TOKEN e ZEN_TOKEN_FILE estão ambos definidos; mantenha só um\.\n$/,
      /^zen-leads: both ZEN_TOKEN and ZEN_TOKEN_FILE are set; keep one of them\.\n$/],
    ['no token at all', ['serve'], { ...SERVE, ZEN_TOKEN: '' },
      /^zen-leads: falta o token\. Defina ZEN_TOKEN com o token do CRM Zen \(ícone de engrenagem → Integração\), ou ZEN_TOKEN_FILE/,
      /^zen-leads: no token\. Set ZEN_TOKEN to the token from CRM Zen \(gear icon → Integração\), or ZEN_TOKEN_FILE/],
    ['history copy action', ['history', 'move'], PT,
      /^zen-leads: ação desconhecida "move"; a única ação é copy\.\n$/,
      /^zen-leads: unknown action "move"; the one action is copy\.\n$/],
    ['a history that is not there', ['report', '--in', '/nonexistent/leads.ndjson', '--out', 'r.html'], PT,
      /^zen-leads: não há histórico em \/nonexistent\/leads\.ndjson\.\n$/,
      /^zen-leads: no history at \/nonexistent\/leads\.ndjson\.\n$/],
    ['view', ['totals', '--view', 'full'], PT,
      /^zen-leads: --view full é um objeto aninhado e não tem forma table\./,
      /^zen-leads: --view full is a nested object and has no table form\./],
  ];

  it.each(cases)('%s: pt-BR under LANG=pt_BR.UTF-8, English with --lang en; exit 2, nothing sent', async (_, args, env, portuguese, english) => {
    const pt = await served.run(args, env);
    expect(pt.stderr).toMatch(portuguese);
    expect(pt.code, pt.stderr).toBe(2);
    expect(pt.stdout).toBe('');
    const en = await served.run([...args, '--lang', 'en'], env);
    expect(en.stderr).toMatch(english);
    expect(en.code, en.stderr).toBe(2);
    // No locale at all is English too (POSIX's "C"), word for word.
    const { LANG: _locale, ...plain } = env;
    expect((await served.run(args, plain)).stderr).toBe(en.stderr);
  });

  it('an empty token file and a cache folder that cannot be made, in both languages', async () => {
    const empty = join(folder, 'token');
    await writeFile(empty, '\n');
    await chmod(empty, 0o600);
    const env = { ZEN_TOKEN: '', ZEN_TOKEN_FILE: empty, ZEN_GATEWAY_KEYS: KEY };
    expect((await served.run(['serve'], { ...env, ...PT })).stderr).toBe(`zen-leads: ZEN_TOKEN_FILE ${JSON.stringify(empty)} está vazio; ponha nele o token do CRM Zen (ícone de engrenagem → Integração).\n`);
    expect((await served.run(['serve'], env)).stderr).toBe(`zen-leads: ZEN_TOKEN_FILE ${JSON.stringify(empty)} is empty; put the token from CRM Zen (gear icon → Integração) in it.\n`);
    const file = join(folder, 'a-file');
    await writeFile(file, '');
    const cache = join(file, 'cache');
    const pt = await served.run(['totals', '2026-11-24'], { ...PT, ZEN_CACHE_DIR: cache });
    expect([pt.code, pt.stderr]).toEqual([2, `zen-leads: não é possível usar a pasta de cache ${cache}: ${file} é um arquivo, não uma pasta.\nDefina --cache-dir ou ZEN_CACHE_DIR com uma pasta gravável, ou passe --store memory: (nada é guardado entre execuções, então elas não compartilham a janela).\n`]);
    const en = await served.run(['totals', '2026-11-24'], { ZEN_CACHE_DIR: cache });
    expect([en.code, en.stderr]).toEqual([2, `zen-leads: cannot use the cache folder ${cache}: ${file} is a file, not a folder.\nSet --cache-dir or ZEN_CACHE_DIR to a writable folder, or pass --store memory: (nothing is kept between runs, so runs do not share the window).\n`]);
  });

  it('every CliError of the CLI’s own code is worded from the catalogs, never a fixed string', async () => {
    const src = new URL('../src/', import.meta.url);
    const files = (await readdir(src, { recursive: true })).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    const fixed: string[] = [];
    for (const name of files) {
      const text = await readFile(new URL(name, src), 'utf8');
      for (const match of text.matchAll(/new CliError\(\s*['"`]/g)) fixed.push(`${name}: ${text.slice(match.index, match.index + 60)}`);
    }
    expect(fixed).toEqual([]);
  });

  it('an API nobody answers at: the retry lines and the failure in both languages, exit 5', async () => {
    const port = await closedPort();
    const env = { ZEN_URL: `http://127.0.0.1:${port}/api`, ZEN_TOKEN: 'a-token-for-nobody-1234' };
    const args = ['totals', '2026-11-24', '--store', 'memory:'];
    const pt = await served.run(args, { ...env, ...PT });
    expect(pt.code, pt.stderr).toBe(5);
    expect(pt.stderr).toMatch(/^zen-leads: a API não pôde ser alcançada; nova tentativa em \S+ \(tentativa 2\)\.\n/);
    expect(pt.stderr).toMatch(/\nzen-leads: não foi possível alcançar a API: [^\n]*ECONNREFUSED[^\n]*\.\nNada foi enviado para http:\/\/127\.0\.0\.1:\d+, então nenhuma janela de requisições foi gasta\. Confira a URL \(ZEN_URL ou --url\)/);
    const en = await served.run(args, env);
    expect(en.code, en.stderr).toBe(5);
    expect(en.stderr).toMatch(/^zen-leads: the API could not be reached; retrying in \S+ \(attempt 2\)\.\n/);
    expect(en.stderr).toMatch(/\nzen-leads: Could not reach the API: [^\n]*ECONNREFUSED[^\n]*\.\nNothing was sent to http:\/\/127\.0\.0\.1:\d+, so no request window was spent\. Check the URL \(ZEN_URL or --url\)/);
  });

  it('pt-BR names the CRM as Portuguese does: "do CRM Zen", never "de CRM Zen"', async () => {
    const runs = await Promise.all([
      served.run(['totals', '2026-11-24'], { ...PT, ZEN_URL: '' }),
      served.run(['totals', '2026-11-24'], { ...PT, ZEN_URL: 'ftp://127.0.0.1/api' }),
      served.run(['totals', '2026-11-24'], { ...PT, ZEN_TOKEN: 'a b' }),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('do CRM Zen');
      expect(run.stderr).not.toMatch(/\b(de|em) CRM Zen/);
    }
    // The core's refusal of a URL or token is worded from its field and reason, not quoted in English.
    expect(runs[1]!.stderr).toBe(
      'zen-leads: a URL usa um esquema que a API não fala. A API só fala https: defina ZEN_URL (ou --url) com a URL https:// de integração do CRM Zen (ícone de engrenagem → Integração).\nNada foi enviado.\n',
    );
    expect(runs[2]!.stderr).toMatch(/^zen-leads: o token contém espaços, quebras de linha, caracteres de controle ou caracteres fora do ASCII\. Copie de novo o token do CRM Zen/);
    const english = await served.run(['totals', '2026-11-24'], { ZEN_URL: 'ftp://127.0.0.1/api' });
    expect(english.stderr).toMatch(/^zen-leads: The URL uses ftp:, which the API does not speak\. The API speaks only https/);
  });
});

/** A loopback port nothing listens on: one the system just gave and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
