// The wall clock, for Lambda. Tests and the local runtime pass their own Clock.
import type { Clock } from '../ports.js';

export const systemClock: Clock = { now: () => new Date() };
