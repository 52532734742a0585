// The nightly run: an EventBridge Scheduler schedule in the configured time zone that starts the
// state machine with `{}` (so the run date defaults to today there), retries a failed start, and
// parks what it could not deliver in an encrypted dead-letter queue that raises an alarm.
import { Duration, TimeZone } from 'aws-cdk-lib';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import { anyOccurrenceAlarmProps } from './pipeline-defaults.js';

export interface NightlyScheduleProps {
  stateMachine: IStateMachine;
  expression: string;
  timeZone: string;
  alarmTopic: ITopic;
}

export const SCHEDULE_RETRY_ATTEMPTS = 3;
export const SCHEDULE_MAX_EVENT_AGE = Duration.hours(2);

export class NightlySchedule extends Construct {
  readonly schedule: Schedule;
  readonly deadLetterQueue: IQueue;

  constructor(scope: Construct, id: string, props: NightlyScheduleProps) {
    super(scope, id);
    const deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the nightly schedule (a Scheduler target DLQ, which cdk-nag cannot see).',
    );
    this.deadLetterQueue = deadLetterQueue;

    this.schedule = new Schedule(this, 'Schedule', {
      description: `Starts the Sixpotify pipeline nightly (${props.expression} in ${props.timeZone})`,
      schedule: ScheduleExpression.expression(props.expression, TimeZone.of(props.timeZone)),
      timeWindow: TimeWindow.off(),
      target: new StepFunctionsStartExecution(props.stateMachine, {
        input: ScheduleTargetInput.fromObject({}),
        deadLetterQueue,
        retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
        maxEventAge: SCHEDULE_MAX_EVENT_AGE,
      }),
    });

    new Alarm(
      this,
      'StartFailed',
      anyOccurrenceAlarmProps(
        deadLetterQueue.metricApproximateNumberOfMessagesVisible(),
        'The nightly schedule could not start the Sixpotify pipeline; the undelivered start is in the dead-letter queue',
      ),
    ).addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
