// The runtime-independent half of the Query handler: parse the state input, run the action
// (plan, start or status, as statemachine/pipeline.asl.json passes them).
import { InvalidTaskInput } from '../errors.js';
import { parseRunDate } from '../run-date.js';
import { getQueryStepStatus, planQuerySteps, startQueryStep, type QueryPorts, type StartAttempt } from './query.js';

export type { QueryPorts } from './query.js';

const EXPECTED =
  'Query expects {"action": "plan"}, {"action": "start", "dt", "step", "execution"?, "redriveCount"?} or ' +
  '{"action": "status", "step", "queryId", "attempt", "startedAt"}';

export async function handleQuery(event: unknown, ports: QueryPorts): Promise<unknown> {
  const input = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  if (input.action === 'plan') return planQuerySteps(ports);
  if (input.action === 'start' && typeof input.step === 'string') {
    return startQueryStep(parseRunDate(input.dt), input.step, ports, startAttempt(input, event));
  }
  if (
    input.action === 'status' &&
    typeof input.step === 'string' &&
    typeof input.queryId === 'string' &&
    typeof input.attempt === 'number' &&
    typeof input.startedAt === 'string'
  ) {
    const dt = input.dt === undefined ? undefined : parseRunDate(input.dt);
    const { step, queryId, attempt, startedAt } = input;
    return getQueryStepStatus({ step, queryId, attempt, startedAt, dt }, ports);
  }
  throw new InvalidTaskInput(`${EXPECTED}, got ${JSON.stringify(event)}`);
}

/** The attempt a start belongs to: both fields, or neither (a start outside the state machine). */
function startAttempt(input: Record<string, unknown>, event: unknown): StartAttempt | undefined {
  const { execution, redriveCount } = input;
  if (execution === undefined && redriveCount === undefined) return undefined;
  if (typeof execution !== 'string' || execution === '' || !Number.isInteger(redriveCount) || (redriveCount as number) < 0) {
    throw new InvalidTaskInput(
      `StartQuery needs "execution" ($$.Execution.Id) and "redriveCount" ($$.Execution.RedriveCount) together, got ${JSON.stringify(event)}`,
    );
  }
  return { execution, redriveCount: redriveCount as number };
}
