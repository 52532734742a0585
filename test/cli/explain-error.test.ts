import { describe, expect, it } from 'vitest';
import { StackNotFound } from '../../infra/cli/cli-errors.js';
import { explainError } from '../../infra/cli/explain-error.js';

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('explainError', () => {
  it.each([
    ['missing credentials', awsError('CredentialsProviderError', 'Could not load credentials from any providers'), /^No AWS credentials: set AWS_PROFILE \(or pass --profile\)/],
    ['a missing region', new Error('Region is missing'), /^No AWS region: set AWS_REGION or pass --region/],
    ['expired credentials', awsError('ExpiredTokenException', 'The security token included in the request is expired'), /^Your AWS credentials have expired/],
    ['rejected credentials', awsError('UnrecognizedClientException', 'The security token included in the request is invalid.'), /^AWS rejected these credentials/],
    ['a denied call', awsError('AccessDeniedException', 'User is not authorized to perform: states:StartExecution'), /^Not allowed: User is not authorized to perform: states:StartExecution\./],
    ['an unknown execution', awsError('ExecutionDoesNotExist', 'Execution Does Not Exist'), /^No such execution: Execution Does Not Exist\. Give an execution ARN or name/],
    ['an execution past its redrive window', awsError('ExecutionNotRedrivable', 'older than 14 days'), /^This execution cannot be redriven: older than 14 days\./],
  ])('explains %s with what to do', (_case, error, explanation) => {
    // Act
    const message = explainError(error);

    // Assess
    expect(message).toMatch(explanation);
  });

  it("prints the CLI's own errors as they are", () => {
    // Act
    const message = explainError(new StackNotFound('Stack Sixpotify-dev is not deployed in eu-west-1'));

    // Assess
    expect(message).toBe('Stack Sixpotify-dev is not deployed in eu-west-1');
  });

  it('shows any other error with its name and message', () => {
    // Act
    const message = explainError(awsError('ThrottlingException', 'Rate exceeded'));

    // Assess
    expect(message).toBe('ThrottlingException: Rate exceeded');
  });
});
