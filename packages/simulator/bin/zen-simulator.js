#!/usr/bin/env node
// The `zen-simulator` bin, committed so a package manager can link it before anything is built (a
// fresh clone's install links bins first: a bin inside dist/ would not exist yet). It only loads
// the built simulator; from a clone, build first (pnpm build).
try {
  await import('../dist/bin.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !/dist[\\/]bin\.js/.test(String(error.message))) throw error;
  process.stderr.write('zen-simulator: the simulator is not built yet. Run pnpm build in the repository first.\n');
  process.exitCode = 1;
}
