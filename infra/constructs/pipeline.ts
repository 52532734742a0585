// The pipeline itself: the Standard state machine deployed from statemachine/pipeline.asl.json
// (the file the local runner executes too), its execution logs, tracing and alarms, the failure
// topic NotifyFailure publishes to, the operators' policy (start, watch, redrive), and the nightly schedule.
import { ArnFormat, Stack } from 'aws-cdk-lib';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ManagedPolicy, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DEFINITION_PATH, type DefinitionPlaceholder } from '../../statemachine/definition.js';
import { acknowledge, nagReference } from '../nag.js';
import { NightlySchedule } from './nightly-schedule.js';
import { anyOccurrenceAlarmProps, STATE_MACHINE_ALARMS } from './pipeline-defaults.js';
import type { TaskPlaceholder } from './tasks.js';

export interface PipelineProps {
  stage: string;
  functions: Record<TaskPlaceholder, IFunction>;
  scheduleExpression: string;
  timeZone: string;
  alertEmail: string | undefined;
  logRetention: RetentionDays;
}

/** What an operator may do with executions: watch them, stop them, and redrive a failed one. */
export const OPERATOR_EXECUTION_ACTIONS = [
  'states:DescribeExecution',
  'states:GetExecutionHistory',
  'states:StopExecution',
  'states:RedriveExecution',
];
export const OPERATOR_STATE_MACHINE_ACTIONS = ['states:StartExecution', 'states:DescribeStateMachine', 'states:ListExecutions'];

export class Pipeline extends Construct {
  readonly stateMachine: StateMachine;
  readonly failureTopic: ITopic;
  readonly operatorPolicy: ManagedPolicy;
  readonly schedule: NightlySchedule;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    this.failureTopic = this.createFailureTopic(props.alertEmail);

    const executionLogs = new LogGroup(this, 'ExecutionLogs', {
      // The /aws/vendedlogs/ prefix keeps Step Functions from growing the account's log resource policy.
      logGroupName: `/aws/vendedlogs/states/sixpotify-${props.stage}`,
      retention: props.logRetention,
    });
    const substitutions: Record<DefinitionPlaceholder, string> = {
      ...mapValues(props.functions, (fn) => fn.functionArn),
      FailureTopicArn: this.failureTopic.topicArn,
    };
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      // The one definition; its top-level TimeoutSeconds is the state-machine timeout.
      definitionBody: DefinitionBody.fromFile(DEFINITION_PATH),
      definitionSubstitutions: substitutions,
      logs: { destination: executionLogs, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    const role = this.stateMachine.role;
    // Exactly the task functions the definition names, unqualified as it names them: nothing else.
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: Object.values(props.functions).map((fn) => fn.functionArn) }),
    );
    this.failureTopic.grantPublish(role);
    acknowledge(
      role,
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'Publishing to the encrypted failure topic needs GenerateDataKey and its variants, on the topic key only.',
    );
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'Only the CloudWatch Logs delivery and X-Ray actions Step Functions logging and tracing need are granted on *: they have no resource-level permissions.',
    );

    for (const alarm of STATE_MACHINE_ALARMS) {
      new Alarm(this, alarm.id, anyOccurrenceAlarmProps(alarm.metric(this.stateMachine), alarm.description)).addAlarmAction(
        new SnsAction(this.failureTopic),
      );
    }

    this.operatorPolicy = this.createOperatorPolicy();
    this.schedule = new NightlySchedule(this, 'Nightly', {
      stateMachine: this.stateMachine,
      expression: props.scheduleExpression,
      timeZone: props.timeZone,
      alarmTopic: this.failureTopic,
    });
  }

  private createFailureTopic(alertEmail: string | undefined): ITopic {
    const key = new Key(this, 'FailureTopicKey', {
      description: 'Encrypts the Sixpotify failure topic',
      enableKeyRotation: true,
    });
    // CloudWatch alarms publish to an encrypted topic only if the key lets them.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new Topic(this, 'FailureTopic', {
      displayName: 'Sixpotify pipeline failures',
      masterKey: key,
      enforceSSL: true,
    });
    if (alertEmail !== undefined) topic.addSubscription(new EmailSubscription(alertEmail));
    return topic;
  }

  /** Attach to operators' roles: start, watch, stop and redrive executions of this state machine. */
  private createOperatorPolicy(): ManagedPolicy {
    const executions = Stack.of(this).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${this.stateMachine.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const policy = new ManagedPolicy(this, 'OperatorPolicy', {
      description: 'Attach to Sixpotify operators: start, backfill, watch, stop and redrive pipeline executions',
      statements: [
        new PolicyStatement({ actions: OPERATOR_STATE_MACHINE_ACTIONS, resources: [this.stateMachine.stateMachineArn] }),
        new PolicyStatement({ actions: OPERATOR_EXECUTION_ACTIONS, resources: [executions] }),
      ],
    });
    acknowledge(
      policy,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${nagReference(this.stateMachine, 'Name')}:*]`,
      'Execution ARNs are named at start time; the grant covers the executions of this one state machine only.',
    );
    return policy;
  }
}

function mapValues<K extends string, V, R>(record: Record<K, V>, map: (value: V) => R): Record<K, R> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value as V)])) as Record<K, R>;
}
