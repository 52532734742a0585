// Reading one setting from a Lambda's environment: unset or blank falls back to its default, anything
// else must pass the setting's schema or the function stops at start-up with a ConfigurationError that
// names the variable. Shared by every task that reads a setting, so none imports another task for it.
import type { z } from 'zod';
import { numberEnv, optionalEnv } from '../config.js';
import { ConfigurationError } from '../errors.js';
import { settingProblem, SETTINGS_DEFAULTS, similarityKSchema } from './defaults.js';
import { ENV } from './environment.js';

export function settingFromEnv<T>(
  env: NodeJS.ProcessEnv,
  name: string,
  schema: z.ZodType,
  fallback: T,
  decode: (text: string) => unknown,
): T {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = decode(text);
  const problem = settingProblem(schema, value);
  if (problem !== undefined) throw new ConfigurationError(`${name} is '${text}': ${problem}`);
  return value as T;
}

/** SIMILARITY_K, for the query task and for tasks that keep K neighbours but blend nothing. */
export function similarityKFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return settingFromEnv(env, ENV.similarityK, similarityKSchema, SETTINGS_DEFAULTS.similarityK, Number);
}

/** TIME_ZONE: the IANA zone the run date and a chatbot-added profile are dated in (todayIn checks the name). */
export function timeZoneFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return optionalEnv(ENV.timeZone, SETTINGS_DEFAULTS.timeZone, env);
}

/** RESULT_TTL_DAYS: how long a published or chatbot-added DynamoDB item lives after its date. */
export function resultTtlDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return numberEnv(ENV.resultTtlDays, SETTINGS_DEFAULTS.resultTtlDays, env);
}
