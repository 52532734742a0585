// cdk-nag acknowledgements, in one shape: each names exactly one finding and says why it is accepted.
// A finding id is `RuleId` or `RuleId[FindingId]` (cdk-nag 3 has no prefix matching).
import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function acknowledge(scope: IConstruct, finding: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: finding, reason });
}

/** How cdk-nag spells a reference to a resource attribute in a finding: `<LogicalId.Attr>`. */
export function nagReference(resource: IConstruct, attribute: string): string {
  const element = resource instanceof CfnElement ? resource : resource.node.defaultChild;
  if (!(element instanceof CfnElement)) throw new Error(`${resource.node.path} has no CloudFormation resource`);
  return `<${Stack.of(element).getLogicalId(element)}.${attribute}>`;
}
