// Where the deployed pipeline is: the CloudFormation outputs of the stack `Sixpotify-<stage>`, unless
// a flag or an environment variable names the resource directly. The stack is read at most once, and
// only when a command needs something the flags did not give.
import { DescribeStacksCommand, type CloudFormationClient, type Output } from '@aws-sdk/client-cloudformation';
import { isAwsError } from '../../tasks/aws/aws-error.js';
import { ENV } from '../../tasks/settings/environment.js';
import { StackNotFound, StackOutputMissing } from './cli-errors.js';

/** Output keys the stack declares (infra/stack.ts) and this CLI reads. */
export const STACK_OUTPUTS = {
  stateMachineArn: 'StateMachineArn',
  resultsTable: 'ResultsTableName',
  workGroup: 'AthenaWorkGroup',
  lakeBucket: 'LakeBucketName',
  database: 'GlueDatabaseName',
} as const;

export type DeploymentValue = keyof typeof STACK_OUTPUTS;

export function stackNameFor(stage: string): string {
  return `Sixpotify-${stage}`;
}

export class Deployment {
  private outputs: Promise<Map<string, string>> | undefined;

  constructor(
    private readonly cloudFormation: CloudFormationClient,
    readonly stage: string,
    private readonly overrides: Partial<Record<DeploymentValue, string>> = {},
  ) {}

  get stackName(): string {
    return stackNameFor(this.stage);
  }

  /** The value from a flag or variable, else the stack output; fails clearly when neither has it. */
  async require(value: DeploymentValue): Promise<string> {
    const found = await this.find(value);
    if (found !== undefined) return found;
    throw new StackOutputMissing(
      `Stack ${this.stackName} has no output ${STACK_OUTPUTS[value]}: redeploy it with \`npx cdk deploy\`, ` +
        `or name the resource with ${FLAG_FOR[value]}`,
    );
  }

  /** The value from a flag or variable, else the stack output, else undefined. */
  async find(value: DeploymentValue): Promise<string | undefined> {
    const override = this.overrides[value];
    if (override !== undefined) return override;
    const outputs = await (this.outputs ??= this.readOutputs());
    return outputs.get(STACK_OUTPUTS[value]);
  }

  private async readOutputs(): Promise<Map<string, string>> {
    try {
      const { Stacks: stacks = [] } = await this.cloudFormation.send(new DescribeStacksCommand({ StackName: this.stackName }));
      return outputMap(stacks[0]?.Outputs ?? []);
    } catch (error) {
      // CloudFormation reports a missing stack as a ValidationError "Stack with id X does not exist".
      if (isAwsError(error, 'ValidationError') && error.message.includes('does not exist')) {
        const region = await this.cloudFormation.config.region();
        throw new StackNotFound(
          `Stack ${this.stackName} is not deployed in ${region}: deploy it with \`npx cdk deploy\`, ` +
            'or pick the stage with --stage and the region with --region (or AWS_REGION)',
          { cause: error },
        );
      }
      throw error;
    }
  }
}

const FLAG_FOR: Record<DeploymentValue, string> = {
  stateMachineArn: '--state-machine-arn or SIXPOTIFY_STATE_MACHINE_ARN',
  resultsTable: `--table or ${ENV.resultsTable}`,
  workGroup: `--workgroup or ${ENV.athenaWorkGroup}`,
  lakeBucket: ENV.lakeBucket,
  database: `--database or ${ENV.glueDatabase}`,
};

/**
 * Output key -> value. An output declared inside a construct rather than on the stack gets CDK's
 * 8-character hash after its id; accept that form too, so a refactor of the stack does not break the CLI.
 */
function outputMap(outputs: readonly Output[]): Map<string, string> {
  const exact = outputs.flatMap((output) =>
    output.OutputKey === undefined || output.OutputValue === undefined ? [] : [[output.OutputKey, output.OutputValue] as const],
  );
  const map = new Map(exact);
  for (const [key, value] of exact) {
    const id = /^(.+)[0-9A-F]{8}$/.exec(key)?.[1];
    if (id !== undefined && !map.has(id)) map.set(id, value);
  }
  return map;
}
