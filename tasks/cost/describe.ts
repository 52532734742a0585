// A cost estimate in a few lines: the total, then each service that matters with what drove it.
import { costByService, formatUsd, type CostEstimate, type CostService } from './estimate.js';

const NOUNS: Record<CostService, string> = {
  'Step Functions': 'lines',
  Lambda: 'tasks',
  Athena: 'queries',
  'Glue crawler': 'crawls',
  S3: 'request kinds',
  DynamoDB: 'unit kinds',
};

/** The total, then the `top` most expensive services with their biggest line, the rest in one line. */
export function describeCost(estimate: CostEstimate, top = 4): string[] {
  const services = costByService(estimate);
  const lines = [
    `${formatUsd(estimate.usd)} per run (${estimate.region} list prices read ${estimate.pricesRead}, before free tiers)`,
  ];
  for (const service of services.slice(0, top)) {
    const largest = service.lines > 1 ? ` (largest of ${service.lines} ${NOUNS[service.service]})` : '';
    lines.push(`  ${service.service.padEnd(15)}${formatUsd(service.usd).padStart(11)}  ${service.top.item}: ${service.top.driver}${largest}`);
  }
  const rest = services.slice(top);
  if (rest.length > 0) {
    lines.push(`  ${'the rest'.padEnd(15)}${formatUsd(rest.reduce((sum, service) => sum + service.usd, 0)).padStart(11)}  ${rest.map((service) => service.service).join(', ')}`);
  }
  return lines;
}
