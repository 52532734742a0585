// The state machine's operation: type, logs, tracing, timeout, redrive, alarms, the failure topic,
// and the schedule's retries and dead-letter queue (issue 5, item 1: state machine, schedule).
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDefinitionText } from '../../statemachine/definition.js';
import { actionsOf, logicalIdOf, logicalIdsOf, resourcesOf, roleStatements, synthSixpotify, type Synthesized } from '../../infra/synth.js';

type Alarm = {
  MetricName: string;
  Namespace: string;
  Dimensions?: { Name: string; Value: unknown }[];
  AlarmActions: unknown[];
  Threshold: number;
  ComparisonOperator: string;
};

let synthesized: Synthesized;
let stateMachineId: string;
let stateMachine: Record<string, unknown>;
let topicId: string;
let alarms: Alarm[];

beforeAll(() => {
  synthesized = synthSixpotify();
  stateMachineId = logicalIdOf(synthesized.json, 'AWS::StepFunctions::StateMachine', 'Pipeline');
  stateMachine = synthesized.json.Resources[stateMachineId]?.Properties ?? {};
  topicId = logicalIdOf(synthesized.json, 'AWS::SNS::Topic', 'PipelineFailureTopic');
  alarms = logicalIdsOf(synthesized.json, 'AWS::CloudWatch::Alarm').map(
    (id) => synthesized.json.Resources[id]?.Properties as unknown as Alarm,
  );
});

describe('the state machine', () => {
  it('is a Standard state machine', () => {
    expect(stateMachine.StateMachineType).toBe('STANDARD');
  });

  it('logs ALL events, with execution data, to a log group with retention', () => {
    const logging = stateMachine.LoggingConfiguration as {
      Level: string;
      IncludeExecutionData: boolean;
      Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [string, string] } } }[];
    };
    const groupId = logging.Destinations[0]?.CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0] ?? '';

    expect(logging.Level).toBe('ALL');
    expect(logging.IncludeExecutionData).toBe(true);
    expect(synthesized.json.Resources[groupId]?.Properties).toMatchObject({
      LogGroupName: '/aws/vendedlogs/states/sixpotify-dev',
      RetentionInDays: synthesized.config.logRetentionDays,
    });
  });

  it('is traced with X-Ray', () => {
    expect(stateMachine.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('times out: the deployed definition carries a state-machine TimeoutSeconds', () => {
    const definition = JSON.parse(readDefinitionText()) as { TimeoutSeconds?: number };

    expect(definition.TimeoutSeconds).toBeGreaterThan(0);
    expect(stateMachine.DefinitionS3Location).toBeDefined();
  });
});

describe('the operators policy', () => {
  let statements: { Action: string | string[]; Resource: unknown }[];

  beforeAll(() => {
    const policy = synthesized.json.Resources[logicalIdOf(synthesized.json, 'AWS::IAM::ManagedPolicy', 'PipelineOperatorPolicy')];
    statements = (policy?.Properties?.PolicyDocument as { Statement: typeof statements }).Statement;
  });

  it('may redrive, describe and stop executions of this state machine only', () => {
    const onExecutions = statements.find((statement) => actionsOf(statement as never).includes('states:RedriveExecution'));

    expect(actionsOf(onExecutions as never).sort()).toEqual([
      'states:DescribeExecution',
      'states:GetExecutionHistory',
      'states:RedriveExecution',
      'states:StopExecution',
    ]);
    expect(JSON.stringify(onExecutions?.Resource)).toContain(`{"Fn::GetAtt":["${stateMachineId}","Name"]},":*"`);
  });

  it('may start and list executions of this state machine only', () => {
    const onStateMachine = statements.find((statement) => actionsOf(statement as never).includes('states:StartExecution'));

    expect(onStateMachine?.Resource).toEqual({ Ref: stateMachineId });
  });
});

describe('the alarms', () => {
  const stateMachineAlarm = (metric: string) =>
    alarms.find(
      (alarm) =>
        alarm.Namespace === 'AWS/States' &&
        alarm.MetricName === metric &&
        JSON.stringify(alarm.Dimensions) === JSON.stringify([{ Name: 'StateMachineArn', Value: { Ref: stateMachineId } }]),
    );

  it.each(['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionThrottled'])('page the failure topic on any %s', (metric) => {
    const alarm = stateMachineAlarm(metric);

    expect(alarm?.AlarmActions).toEqual([{ Ref: topicId }]);
    expect(alarm?.Threshold).toBe(1);
    expect(alarm?.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
  });

  it('page the failure topic when the schedule could not start a run', () => {
    const queueId = logicalIdOf(synthesized.json, 'AWS::SQS::Queue', 'PipelineNightlyDeadLetters');
    const alarm = alarms.find((candidate) => candidate.Namespace === 'AWS/SQS');

    expect(alarm?.MetricName).toBe('ApproximateNumberOfMessagesVisible');
    expect(alarm?.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]);
    expect(alarm?.AlarmActions).toEqual([{ Ref: topicId }]);
  });
});

describe('the failure topic', () => {
  it('accepts publishes over TLS only', () => {
    synthesized.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('is encrypted with a rotated key that CloudWatch alarms may use', () => {
    const keyId = logicalIdOf(synthesized.json, 'AWS::KMS::Key', 'PipelineFailureTopicKey');
    const key = synthesized.json.Resources[keyId]?.Properties as { EnableKeyRotation: boolean; KeyPolicy: { Statement: { Principal?: unknown }[] } };

    expect(synthesized.json.Resources[topicId]?.Properties?.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.EnableKeyRotation).toBe(true);
    expect(key.KeyPolicy.Statement.map((statement) => statement.Principal)).toContainEqual({ Service: 'cloudwatch.amazonaws.com' });
  });

  it('receives what NotifyFailure publishes: the state machine role may publish to it', () => {
    const roleId = (stateMachine.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const publish = roleStatements(synthesized.json, roleId).filter((statement) => actionsOf(statement).includes('sns:Publish'));

    expect(publish.flatMap(resourcesOf)).toEqual([{ Ref: topicId }]);
  });

  it('has no subscriber unless an alert e-mail is configured', () => {
    synthesized.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('e-mails the configured alert address', () => {
    const withEmail = synthSixpotify({ context: { 'sixpotify:alertEmail': 'oncall@example.com' } });

    withEmail.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: logicalIdOf(withEmail.json, 'AWS::SNS::Topic', 'PipelineFailureTopic') },
    });
  });
});

describe('the nightly schedule', () => {
  let target: { RetryPolicy: unknown; DeadLetterConfig: { Arn: unknown } };
  let queueId: string;

  beforeAll(() => {
    const schedule = synthesized.json.Resources[logicalIdOf(synthesized.json, 'AWS::Scheduler::Schedule', 'PipelineNightly')];
    target = (schedule?.Properties as { Target: typeof target }).Target;
    queueId = logicalIdOf(synthesized.json, 'AWS::SQS::Queue', 'PipelineNightlyDeadLetters');
  });

  it('retries a failed start', () => {
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 });
  });

  it('sends what it could not deliver to a dead-letter queue', () => {
    expect(target.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
  });

  it('uses a dead-letter queue that is encrypted and accepts TLS only', () => {
    expect(synthesized.json.Resources[queueId]?.Properties?.SqsManagedSseEnabled).toBe(true);
    synthesized.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});
