// Defaults for the pipeline's alerting, as pure functions: which state machine metrics page the
// operators, and how an alarm reads them.
import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, TreatMissingData, type AlarmProps, type Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';

export interface AlarmSpec {
  id: string;
  description: string;
  metric: (stateMachine: StateMachine) => Metric;
}

/**
 * Failed executions already publish through NotifyFailure; the alarms also catch what bypasses
 * the Catch path: the state-machine timeout, a failing NotifyFailure, throttled starts.
 */
export const STATE_MACHINE_ALARMS: AlarmSpec[] = [
  {
    id: 'ExecutionsFailed',
    description: 'A Sixpotify pipeline execution failed: see the execution in the Step Functions console, fix, then redrive',
    metric: (stateMachine) => stateMachine.metricFailed(),
  },
  {
    id: 'ExecutionsTimedOut',
    description: 'A Sixpotify pipeline execution hit the state machine timeout; no NotifyFailure message was sent for it',
    metric: (stateMachine) => stateMachine.metricTimedOut(),
  },
  {
    id: 'ExecutionsThrottled',
    description: 'Starting or running a Sixpotify pipeline execution was throttled by Step Functions',
    metric: (stateMachine) => stateMachine.metricThrottled(),
  },
];

/**
 * Any occurrence in five minutes raises the alarm (the metric keeps its own statistic: a sum of
 * executions, the maximum of a queue depth); no data, a night without a run, is not a problem.
 */
export function anyOccurrenceAlarmProps(metric: Metric, description: string): AlarmProps {
  return {
    metric: metric.with({ period: Duration.minutes(5) }),
    alarmDescription: description,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  };
}
