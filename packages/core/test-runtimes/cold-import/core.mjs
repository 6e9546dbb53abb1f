// Cold-import fixture for bench/: the core's main entry as built (resolves its own ofetch and zod).
export * from '../../dist/index.js';
