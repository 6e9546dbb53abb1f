#!/usr/bin/env node
/**
 * Copies each publishable package's version from package.json (which changesets bumps) into its
 * jsr.json, so npm and JSR always publish the same version.
 *
 *   node scripts/sync-jsr-version.mjs          write the versions
 *   node scripts/sync-jsr-version.mjs --check  only report; exit 1 when any differs
 */
import { writeFileSync } from 'node:fs';
import { publishablePackages } from './publishable-packages.mjs';

const checkOnly = process.argv.includes('--check');
let outOfStep = 0;
for (const pkg of publishablePackages()) {
  if (!pkg.jsr) {
    console.error(`${pkg.dir}: no jsr.json`);
    outOfStep++;
    continue;
  }
  if (pkg.jsr.name !== pkg.manifest.name) {
    console.error(`${pkg.dir}: jsr.json name ${pkg.jsr.name} differs from package.json name ${pkg.manifest.name}`);
    outOfStep++;
  }
  if (pkg.jsr.version === pkg.manifest.version) continue;
  if (checkOnly) {
    console.error(`${pkg.dir}: jsr.json has ${pkg.jsr.version}, package.json has ${pkg.manifest.version}`);
    outOfStep++;
  } else {
    writeFileSync(pkg.jsrPath, `${JSON.stringify({ ...pkg.jsr, version: pkg.manifest.version }, null, 2)}\n`);
    console.log(`${pkg.dir}: jsr.json ${pkg.jsr.version} → ${pkg.manifest.version}`);
  }
}
if (outOfStep > 0) process.exit(1);
if (checkOnly) console.log('jsr.json versions match package.json');
