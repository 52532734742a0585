// One task Lambda with its own log group (with retention) and its own role: the role starts with
// nothing but writing to that log group and X-Ray; each task's grants are added by the caller.
import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import { repoPath } from '../paths.js';
import { bundlingDefaults, taskFunctionDefaults } from './function-defaults.js';

export interface TaskFunctionProps {
  /** Handler file, relative to the repository root, e.g. `tasks/fetch/lambda.ts`. */
  entry: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  runtime: Runtime;
  bundlingTarget: string;
  logRetention: RetentionDays;
  commandHooks?: ICommandHooks;
}

export class TaskFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: TaskFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Sixpotify ${id} task: ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Only X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) is granted on *: those actions have no resource-level permissions.',
    );

    this.function = new NodejsFunction(this, 'Function', {
      ...taskFunctionDefaults(),
      entry: repoPath(props.entry),
      description: props.description,
      runtime: props.runtime,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: `sixpotify-${id.toLowerCase()}`,
        // Stack traces point into the TypeScript sources through the bundled source map.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: { ...bundlingDefaults(props.bundlingTarget), commandHooks: props.commandHooks },
    });
  }
}
