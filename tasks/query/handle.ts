// The runtime-independent half of the Query handler: parse the state input, run the action
// (plan, start or status, as statemachine/pipeline.asl.json passes them).
import { InvalidTaskInput } from '../errors.js';
import { parseRunDate } from '../run-date.js';
import { getQueryStepStatus, planQuerySteps, startQueryStep, type QueryPorts } from './query.js';

export type { QueryPorts } from './query.js';

export async function handleQuery(event: unknown, ports: QueryPorts): Promise<unknown> {
  const input = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  if (input.action === 'plan') return planQuerySteps(ports);
  if (input.action === 'start' && typeof input.step === 'string') {
    return startQueryStep(parseRunDate(input.dt), input.step, ports);
  }
  if (
    input.action === 'status' &&
    typeof input.step === 'string' &&
    typeof input.queryId === 'string' &&
    typeof input.attempt === 'number'
  ) {
    const dt = input.dt === undefined ? undefined : parseRunDate(input.dt);
    return getQueryStepStatus({ step: input.step, queryId: input.queryId, attempt: input.attempt, dt }, ports);
  }
  throw new InvalidTaskInput(
    'Query expects {"action": "plan"}, {"action": "start", "dt", "step"} or ' +
      `{"action": "status", "step", "queryId", "attempt"}, got ${JSON.stringify(event)}`,
  );
}
