// Every task declares its input as a zod schema; this parses a state's input against it, so both
// runtimes refuse malformed input the same way: InvalidTaskInput naming each field that is wrong
// (the ASL's ErrorEquals catches it by that name).
import { z } from 'zod';
import { InvalidTaskInput } from './errors.js';
import { describeIssues } from './validation.js';

/** A run date field: required here; its format is checked by parseRunDate, which throws InvalidRunDate. */
export const runDateField = z.custom<unknown>((value) => value !== undefined, { message: 'required: the run date "YYYY-MM-DD"' });

export function parseTaskInput<S extends z.ZodType>(task: string, schema: S, event: unknown): z.infer<S> {
  const parsed = schema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidTaskInput(`${task} input ${JSON.stringify(event)} is refused: ${describeIssues(parsed.error).join('; ')}`);
  }
  return parsed.data;
}
