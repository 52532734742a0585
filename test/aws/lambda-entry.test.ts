// The one Lambda entry shape: the task's schema refuses malformed input by field, and every log line
// of the invocation carries the Lambda context.
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaEntry } from '../../tasks/aws/lambda-entry.js';
import { awsLogger } from '../../tasks/aws/wiring.js';
import { handleLoad } from '../../tasks/load/handle.js';

const context = {
  functionName: 'Sixpotify-dev-Load',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-northeast-2:123456789012:function:Sixpotify-dev-Load',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1234',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

describe('lambdaEntry', () => {
  afterEach(() => vi.restoreAllMocks());

  it('adds the invocation context to every line the task logs', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const entry = lambdaEntry(async (_event: unknown, ports: { logger: ReturnType<typeof awsLogger> }) => {
      ports.logger.info('working');
      return 'done';
    }, () => ({ logger: awsLogger() }));

    await entry({}, context);

    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.message === 'working');
    expect(logged).toMatchObject({ function_request_id: 'request-1234', function_name: 'Sixpotify-dev-Load' });
  });

  it('refuses input without a dt with InvalidTaskInput naming the field', async () => {
    const entry = lambdaEntry(handleLoad, () => ({}) as never);

    await expect(entry({ notADate: true }, context)).rejects.toMatchObject({ name: 'InvalidTaskInput', message: expect.stringContaining('dt: required') });
  });
});
