// `status`: the recent executions, newest first, with their outcome, the dt each one ran, how long
// it took (or has been running) and what it cost, estimated from its history (run-usage.ts).
import { ListExecutionsCommand, type DescribeExecutionOutput, type SFNClient } from '@aws-sdk/client-sfn';
import { estimateRunCost, formatUsd, type CostEstimate } from '../../../tasks/cost/estimate.js';
import { DEFAULT_PRICE_REGION, PRICE_TABLES, priceTableFor, type PriceTable } from '../../../tasks/cost/prices.js';
import { describeExecution, dtOfDescription } from '../executions.js';
import { formatDuration, formatTable, formatTime, type Write } from '../output.js';
import { executionHistory, usageFromHistory } from '../run-usage.js';

export interface StatusOptions {
  limit: number;
  now: Date;
}

export async function showStatus(sfn: SFNClient, stateMachineArn: string, options: StatusOptions, write: Write): Promise<DescribeExecutionOutput[]> {
  const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: options.limit }));
  if (executions.length === 0) {
    write('No executions yet. Start one with: npm run ops -- start --dt <YYYY-MM-DD>');
    return [];
  }
  // The list has no input or error: describe each (the list is short) for its dt and failure.
  const described = await Promise.all(
    executions.flatMap((item) => (item.executionArn === undefined ? [] : [describeExecution(sfn, item.executionArn)])),
  );
  const pricing = pricesFor(stateMachineArn);
  const costs = await Promise.all(
    executions.flatMap((item) => (item.executionArn === undefined ? [] : [costOf(sfn, item.executionArn, pricing.prices)])),
  );
  const rows = described.map((execution, index) => [
    execution.startDate === undefined ? '-' : formatTime(execution.startDate),
    outcomeOf(execution),
    dtOfDescription(execution) ?? '-',
    durationOf(execution, options.now),
    `${formatUsd(costs[index]?.usd ?? 0)}${pricing.substituted ? '*' : ''}${execution.stopDate === undefined ? ' so far' : ''}`,
    execution.name ?? '-',
  ]);
  for (const line of formatTable([['STARTED', 'OUTCOME', 'DT', 'DURATION', 'COST', 'NAME'], ...rows])) write(line);
  const { region, stepFunctions } = pricing.prices;
  write(
    `COST: estimated from each execution's history, ${region} list prices of ${stepFunctions.perThousandTransitions.read}; ` +
      'S3 requests not included, DynamoDB at 1 unit per item' +
      (pricing.substituted ? ` (* tasks/cost/prices.ts has no ${pricing.region} prices)` : ''),
  );
  return described;
}

/** The prices of the state machine's region, or the default table, marked as a substitute. */
function pricesFor(stateMachineArn: string): { region: string; prices: PriceTable; substituted: boolean } {
  const region = stateMachineArn.split(':')[3] ?? '';
  const priced = (Object.keys(PRICE_TABLES) as string[]).includes(region);
  return { region, prices: priceTableFor(priced ? region : DEFAULT_PRICE_REGION), substituted: !priced };
}

async function costOf(sfn: SFNClient, executionArn: string, prices: PriceTable): Promise<CostEstimate> {
  return estimateRunCost(usageFromHistory(await executionHistory(sfn, executionArn)), prices);
}

function outcomeOf(execution: DescribeExecutionOutput): string {
  const status = execution.status ?? 'UNKNOWN';
  const error = execution.error === undefined ? '' : ` (${execution.error})`;
  const redriven = (execution.redriveCount ?? 0) > 0 ? `, redriven ${execution.redriveCount}x` : '';
  return `${status}${error}${redriven}`;
}

function durationOf(execution: DescribeExecutionOutput, now: Date): string {
  if (execution.startDate === undefined) return '-';
  const took = formatDuration((execution.stopDate ?? now).getTime() - execution.startDate.getTime());
  return execution.stopDate === undefined ? `${took} so far` : took;
}
