// Prints how long one cold `import()` of the module given as a path takes, in ms, in a fresh process.
// Runs unchanged on Node, Bun and Deno (Deno: --allow-read).
const target = new URL(`file://${process.argv.at(-1)}`);
const started = performance.now();
await import(target.href);
console.log((performance.now() - started).toFixed(3));
