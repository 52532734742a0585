// The AWS clients the operator CLI uses, for one region and credentials profile. Unset, both come from
// the SDK's usual chain (AWS_REGION, AWS_PROFILE, ~/.aws/config, SSO, ...).
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';

export interface AwsClients {
  sfn: SFNClient;
  cloudFormation: CloudFormationClient;
  athena: AthenaClient;
  dynamodb: DynamoDBClient;
}

export function awsClients(config: { region?: string; profile?: string }): AwsClients {
  const options = { region: config.region, profile: config.profile };
  return {
    sfn: new SFNClient(options),
    cloudFormation: new CloudFormationClient(options),
    athena: new AthenaClient(options),
    dynamodb: new DynamoDBClient(options),
  };
}
