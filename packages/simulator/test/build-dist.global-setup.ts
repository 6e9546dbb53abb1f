import { buildPackages } from '@zen-leads/test-support/build-packages';

/** The bin and module-graph tests run `dist`: turbo rebuilds it when a source changed. */
export default function setup(): Promise<void> {
  return buildPackages('@zen-leads/simulator...');
}
