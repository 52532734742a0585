// The runtime-independent half of the Query handler: parse the state input against its schema (the
// Parameters of PlanQuerySteps, StartQuery and GetQueryStatus in statemachine/pipeline.asl.json) and run
// the action.
import { z } from 'zod';
import { parseRunDate } from '../run-date.js';
import { parseTaskInput, runDateField } from '../task-input.js';
import { getQueryStepStatus, planQuerySteps, startQueryStep, type QueryPorts, type QueryProgress } from './query.js';

export type { QueryPorts } from './query.js';

/**
 * StartQuery's attempt ($$.Execution.Id and $$.Execution.RedriveCount): both, or neither for a start
 * outside the state machine. One without the other would make a request token that no retry repeats.
 */
const startInputSchema = z
  .object({
    action: z.literal('start'),
    dt: runDateField,
    step: z.string().min(1),
    execution: z.string().min(1).optional(),
    redriveCount: z.int().min(0).optional(),
  })
  .superRefine((input, context) => {
    if ((input.execution === undefined) === (input.redriveCount === undefined)) return;
    const missing = input.execution === undefined ? 'execution' : 'redriveCount';
    context.addIssue({
      code: 'custom',
      path: [missing],
      message: 'required with the other: StartQuery passes "execution" ($$.Execution.Id) and "redriveCount" ($$.Execution.RedriveCount) together',
    });
  });

export const queryInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('plan') }),
  startInputSchema,
  z.object({
    action: z.literal('status'),
    step: z.string().min(1),
    queryId: z.string().min(1),
    attempt: z.int().min(0),
    startedAt: z.string(),
    dt: runDateField.optional(),
  }),
]);

export async function handleQuery(event: unknown, ports: QueryPorts): Promise<{ steps: string[] } | QueryProgress> {
  const input = parseTaskInput('Query', queryInputSchema, event);
  if (input.action === 'plan') return planQuerySteps(ports);
  if (input.action === 'start') {
    const { dt, step, execution, redriveCount } = input;
    const attempt = execution === undefined || redriveCount === undefined ? undefined : { execution, redriveCount };
    return startQueryStep(parseRunDate(dt), step, ports, attempt);
  }
  const { step, queryId, attempt, startedAt } = input;
  const dt = input.dt === undefined ? undefined : parseRunDate(input.dt);
  return getQueryStepStatus({ step, queryId, attempt, startedAt, dt }, ports);
}
