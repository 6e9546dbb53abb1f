import { describe } from 'vitest';
import { sweepPart } from './support/sweep.js';

// Half the seeds (SIM_SEEDS, SIM_SEED_START); the other half is in sweep-1.test.ts, so two workers share them.
describe('deterministic simulation, sweep part 1 of 2', () => sweepPart(0, 2));
