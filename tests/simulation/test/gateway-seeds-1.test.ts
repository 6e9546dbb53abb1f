import { describe } from 'vitest';
import { gatewaySweepPart } from './support/gateway-sweep.js';

// The other half of the gateway sweep (SIM_GATEWAY_SEEDS), so that two workers share it.
describe('the gateway in the simulation, sweep part 2 of 2', () => gatewaySweepPart(1, 2));
