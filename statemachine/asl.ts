// The parts of an Amazon States Language (JSONPath) definition the timing checks read.

export interface AslRetrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
}

export interface AslChoiceRule {
  Variable?: string;
  NumericGreaterThanEquals?: number;
  Next?: string;
  [operator: string]: unknown;
}

export interface AslState {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  Seconds?: number;
  SecondsPath?: string;
  Retry?: AslRetrier[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Choices?: AslChoiceRule[];
  Default?: string;
  Next?: string;
  End?: boolean;
  MaxConcurrency?: number;
  ResultPath?: string | null;
  ItemProcessor?: AslMachine;
  Iterator?: AslMachine;
  Branches?: AslMachine[];
}

export interface AslMachine {
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, AslState>;
}

/** Every state, those inside Map and Parallel states included, with its name. */
export function allStates(machine: AslMachine): [string, AslState][] {
  return Object.entries(machine.States).flatMap(([name, state]) => {
    const nested = [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])].filter((child) => child !== undefined);
    return [[name, state] as [string, AslState], ...nested.flatMap(allStates)];
  });
}

/** The rule of a Choice that ends its loop: the one numeric bound (NumericGreaterThanEquals). */
export function boundRule(state: AslState): AslChoiceRule | undefined {
  return state.Choices?.find((rule) => typeof rule.NumericGreaterThanEquals === 'number');
}

/** The ASL defaults for a retrier's omitted fields (states-language.net, "Retrying after error"). */
export function retrierDefaults(retrier: AslRetrier): Required<Omit<AslRetrier, 'MaxDelaySeconds'>> & { MaxDelaySeconds?: number } {
  return { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, ...retrier };
}
