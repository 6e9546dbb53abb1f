import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zenErrorOf } from '@zen-leads/core';
import { afterAll, describe, expect, it } from 'vitest';
import { AlertRulesError, isAlertRulesError } from '../../src/alerts/alert-rules-error.js';
import { loadAlertRules, parseAlertRules } from '../../src/alerts/parse-alert-rules.js';

const EXAMPLE_YAML = `lang: pt-BR                 # texts of the alerts
businessHours: { from: "08:00", to: "20:00" }
webhooks:
  - url: https://example.invalid/webhook/abc
rules:
  - name: silent-seller
    kind: seller-silent
    minutes: 45
    othersAtLeast: 3
    sellers: [Ana Souza]
  - kind: problem-count
    problem: withError
    increaseBy: 5
    above: 20
  - kind: below-typical
    percent: 60
  - kind: seller-share
    percent: 40
`;

function errorOf(text: string, path: string): AlertRulesError {
  try {
    parseAlertRules(text, path);
  } catch (error) {
    if (isAlertRulesError(error)) return error;
    throw error;
  }
  throw new Error(`${path} parsed without an error`);
}

describe('parseAlertRules', () => {
  it('reads the documented example, with each default filled in and each rule named', () => {
    const rules = parseAlertRules(EXAMPLE_YAML, 'alerts.yaml');
    expect(rules.lang).toBe('pt-BR');
    expect(rules.businessHours).toEqual({ from: '08:00', to: '20:00' });
    expect(rules.webhooks).toEqual([{ url: 'https://example.invalid/webhook/abc', allowHttp: false }]);
    expect(rules.rules).toEqual([
      { name: 'silent-seller', kind: 'seller-silent', minutes: 45, othersAtLeast: 3, sellers: ['Ana Souza'] },
      { name: 'problem-count-2', kind: 'problem-count', problem: 'withError', increaseBy: 5, above: 20 },
      { name: 'below-typical-3', kind: 'below-typical', percent: 60 },
      { name: 'seller-share-4', kind: 'seller-share', percent: 40, minLeads: 20 },
    ]);
  });

  it('reads the same rules from JSON, and fills lang, hours and webhooks by default', () => {
    const json = JSON.stringify({ rules: [{ kind: 'seller-silent', minutes: 0.5 }] }, null, 2);
    expect(parseAlertRules(json, 'alerts.json')).toEqual({
      lang: 'pt-BR',
      businessHours: { from: '08:00', to: '20:00' },
      webhooks: [],
      rules: [{ name: 'seller-silent-1', kind: 'seller-silent', minutes: 0.5, othersAtLeast: 1 }],
    });
  });

  const YAML_CASES: [what: string, text: string, line: number, field: string, problem: RegExp][] = [
    ['a negative number of minutes', 'rules:\n  - kind: seller-silent\n    minutes: -5\n', 3, 'rules[0].minutes', /above 0, got -5/],
    ['an unknown kind', 'rules:\n  - kind: seller-quiet\n    minutes: 5\n', 2, 'rules[0].kind', /expected kind: seller-silent, problem-count/],
    ['a misspelt field', 'rules:\n  - kind: below-typical\n    percent: 50\n  - kind: seller-silent\n    minute: 5\n', 5, 'rules[1].minute', /unknown field minute/],
    ['a problem-count with neither bound', 'lang: en\nrules:\n  - kind: problem-count\n    problem: duplicates\n', 3, 'rules[0].increaseBy', /needs increaseBy, above or both/],
    ['a problem not in the list', 'rules:\n  - kind: problem-count\n    problem: errors\n    above: 3\n', 3, 'rules[0].problem', /expected one of withError/],
    ['a language not spoken', 'lang: fr\nrules:\n  - kind: below-typical\n    percent: 60\n', 1, 'lang', /expected pt-BR or en/],
    ['a share above 100 %', 'rules:\n  - kind: seller-share\n\n    percent: 140\n', 4, 'rules[0].percent', /from above 0 to 100/],
    ['hours that end before they start', 'businessHours:\n  from: "18:00"\n  to: "08:00"\nrules:\n  - kind: below-typical\n    percent: 60\n', 3, 'businessHours.to', /from before to/],
    ['a time that is no time', 'businessHours: { from: "8h", to: "20:00" }\nrules:\n  - kind: below-typical\n    percent: 60\n', 1, 'businessHours.from', /HH:MM/],
    ['two rules of one name', 'rules:\n  - kind: below-typical\n    percent: 60\n  - kind: below-typical\n    name: below-typical-1\n    percent: 50\n', 5, 'rules[1].name', /a second rule named "below-typical-1"/],
    ['a plain-http webhook elsewhere', 'webhooks:\n  - url: http://n8n.lan/webhook/x\nrules:\n  - kind: below-typical\n    percent: 60\n', 2, 'webhooks[0].url', /plain http/],
    ['an empty list of sellers', 'rules:\n  - kind: seller-share\n    percent: 50\n    sellers: []\n', 4, 'rules[0].sellers', /at least one seller/],
    ['sellers on a problem count', 'rules:\n  - kind: problem-count\n    above: 3\n    sellers: [Ana]\n', 4, 'rules[0].sellers', /unknown field sellers/],
    ['no rules', 'lang: en\nrules: []\n', 2, 'rules', /at least one rule/],
    ['broken YAML', 'rules:\n  - kind: below-typical\n   percent: [60\n', 3, '', /not valid YAML/],
    ['a key written twice', 'rules:\n  - kind: below-typical\n    percent: 60\n    percent: 70\n', 4, '', /not valid YAML/],
  ];

  it.each(YAML_CASES)('YAML with %s: the error names the line and the field, and how to fix it', (_what, text, line, field, problem) => {
    const error = errorOf(text, 'conf/alerts.yaml');
    expect({ path: error.path, line: error.line, field: error.field }).toEqual({ path: 'conf/alerts.yaml', line, field });
    expect(error.problem).toMatch(problem);
    expect(error.problem.startsWith(`conf/alerts.yaml, line ${line}`)).toBe(true);
    expect(error.hint.length).toBeGreaterThan(20);
    expect(zenErrorOf(error)?.code).toBe('ZEN_ALERT_RULES');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'AlertRulesError', code: 'ZEN_ALERT_RULES', path: 'conf/alerts.yaml', line, field });
  });

  const JSON_CASES: [what: string, text: string, line: number, field: string, problem: RegExp][] = [
    ['a count written as text', '{\n  "rules": [\n    {\n      "kind": "seller-share",\n      "percent": 40,\n      "minLeads": "20"\n    }\n  ]\n}\n', 6, 'rules[0].minLeads', /whole number, got "20"/],
    ['a missing required field', '{\n  "rules": [\n    { "kind": "below-typical", "percent": 60 },\n    { "kind": "seller-silent" }\n  ]\n}\n', 4, 'rules[1].minutes', /expected a number/],
    ['an unknown top-level field', '{\n  "rules": [{ "kind": "below-typical", "percent": 60 }],\n  "webhook": []\n}\n', 3, 'webhook', /unknown field webhook/],
    ['a trailing comma', '{\n  "rules": [\n    { "kind": "below-typical", "percent": 60 },\n  ]\n}\n', 4, '', /not valid JSON/],
    ['an unquoted key', '{\n  "lang": "en",\n  rules: []\n}\n', 3, '', /not valid JSON/],
  ];

  it.each(JSON_CASES)('JSON with %s: the error names the line and the field', (_what, text, line, field, problem) => {
    const error = errorOf(text, 'alerts.json');
    expect({ line: error.line, field: error.field }).toEqual({ line, field });
    expect(error.problem).toMatch(problem);
  });

  it('never quotes a webhook URL back (a Slack webhook’s path is its credential)', () => {
    const secret = 'T0000/B0000/XXXXsecretXXXX';
    const texts: [string, string][] = [
      [`webhooks:\n  - url: http://hooks.slack.example/services/${secret}\nrules:\n  - kind: below-typical\n    percent: 60\n`, 'a.yaml'],
      [`webhooks:\n  - url: "https://hooks.slack.example/services/${secret}"\n    allowHttp: maybe\nrules: []\n`, 'a.yaml'],
      [`{"webhooks": [{"url": "https://hooks.slack.example/services/${secret}"}], "rules": [}`, 'a.json'],
      [`webhooks:\n  - url: https://hooks.slack.example/services/${secret}\n  bad: [\n`, 'a.yaml'],
    ];
    for (const [text, path] of texts) {
      const error = errorOf(text, path);
      expect(`${error.message}\n${JSON.stringify(error)}\n${String(error.cause ?? '')}`).not.toContain(secret);
    }
  });

  it('picks the format by the extension: a file named otherwise is refused before reading it', async () => {
    expect(errorOf('rules: []', 'alerts.txt').hint).toMatch(/\*\.json, \*\.yaml or \*\.yml/);
    await expect(loadAlertRules('/nonexistent/alerts.toml')).rejects.toMatchObject({ code: 'ZEN_ALERT_RULES', line: 1 });
  });
});

describe('loadAlertRules', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('reads a .yml file, and names a missing file as such', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zen-alert-rules-'));
    dirs.push(dir);
    await writeFile(join(dir, 'alerts.yml'), EXAMPLE_YAML);
    expect((await loadAlertRules(join(dir, 'alerts.yml'))).rules).toHaveLength(4);
    const missing = join(dir, 'missing.yaml');
    await expect(loadAlertRules(missing)).rejects.toMatchObject({ code: 'ZEN_ALERT_RULES', path: missing, problem: expect.stringMatching(/no such file/) });
  });
});

describe('jsonErrorOffset', () => {
  it('finds no break in valid JSON, and the first breaking character otherwise', async () => {
    const { jsonErrorOffset } = await import('../../src/alerts/json-error-offset.js');
    const valid = JSON.stringify({ a: [1, -2.5e3, 'x\n"y"\u0001', true, false, null, {}, []], 'b c': { d: '\u00e9' } }, null, 2);
    expect(jsonErrorOffset(valid)).toBe(-1);
    expect(jsonErrorOffset('{"a":1}x')).toBe(7);
    expect(jsonErrorOffset('[1,]')).toBe(3);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('"open')).toBe(0);
    expect(jsonErrorOffset('01')).toBe(1);
  });
});
