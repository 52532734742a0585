// Turns what went wrong into one line an operator can act on. AWS SDK errors are recognised by name
// (their service error code); anything unknown is shown with its name and message, never swallowed.

/** Errors whose message is already written for the operator. */
const OWN_MESSAGES = new Set(['CliError', 'CliUsageError', 'StackNotFound', 'StackOutputMissing', 'RunAlreadyInProgress', 'InvalidRunDate', 'PublishMarkerMoveRefused']);

const CREDENTIALS_HINT =
  'set AWS_PROFILE (or pass --profile) to a configured profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; ' +
  'for an SSO profile run `aws sso login --profile <name>` first';

export function explainError(error: unknown): string {
  if (!(error instanceof Error)) return `Unexpected failure: ${String(error)}`;
  const { name, message } = error;
  if (OWN_MESSAGES.has(name)) return message;
  switch (name) {
    case 'CredentialsProviderError':
      return `No AWS credentials: ${CREDENTIALS_HINT}. (${message})`;
    case 'TokenProviderError':
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return `Your AWS credentials have expired: refresh them (for SSO: \`aws sso login\`). (${message})`;
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
    case 'InvalidSignatureException':
      return `AWS rejected these credentials (wrong account, deleted key, or a clock far off): ${CREDENTIALS_HINT}. (${message})`;
    case 'AccessDenied':
    case 'AccessDeniedException':
      return `Not allowed: ${message}. The operator needs states:*Execution*, cloudformation:DescribeStacks, and for similar/query dynamodb:Query and athena:*QueryExecution/GetQueryResults on the stack's resources.`;
    case 'ExecutionDoesNotExist':
      return `No such execution: ${message}. Give an execution ARN or name from \`npm run ops -- status\`.`;
    case 'ExecutionAlreadyExists':
      return `An execution with this name already exists: ${message}. Start again: names carry the time to the millisecond.`;
    case 'ExecutionNotRedrivable':
      return `This execution cannot be redriven: ${message}. A redrive must come within 14 days of the failure; otherwise start a new run for its date.`;
    case 'StateMachineDoesNotExist':
      return `The state machine does not exist: ${message}. Check --stage, --region, or --state-machine-arn.`;
    case 'ResourceNotFoundException':
      return `Not found: ${message}. Check --stage and --region, or the resource named by flags.`;
    default:
      // The SDK throws a plain Error when it finds no region at all.
      if (/region is missing/i.test(message)) return 'No AWS region: set AWS_REGION or pass --region (where the stack is deployed).';
      return `${name}: ${message}`;
  }
}
