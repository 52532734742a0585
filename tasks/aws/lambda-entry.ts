// The one shape of every Lambda entry (tasks/<task>/lambda.ts): add the invocation's context to the
// Powertools logger (request id, function name, cold start on every line), build the task's ports
// for this invocation, and call the same handle function the local runtime binds, which parses the
// input against the task's schema (InvalidTaskInput otherwise).
import type { Context } from 'aws-lambda';
import { awsPowertools } from './wiring.js';

export function lambdaEntry<Ports, Result>(
  handle: (event: unknown, ports: Ports) => Promise<Result>,
  ports: (context: Context | undefined) => Ports,
): (event: unknown, context?: Context) => Promise<Result> {
  return async (event, context) => {
    if (context !== undefined) awsPowertools().addContext(context);
    return handle(event, ports(context));
  };
}
