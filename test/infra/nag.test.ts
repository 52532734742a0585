// cdk-nag's AwsSolutions pack over the whole stack: no finding is left unacknowledged, and every
// acknowledgement names one real finding with a reason (issue 5, item 3).
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthSixpotify, type Synthesized } from '../../infra/synth.js';

interface Acknowledgement {
  path: string;
  finding: string;
  reason: string;
}

interface Finding {
  ruleName: string;
  paths: string[];
}

/** The same pack with acknowledgements ignored: every finding it would raise. */
function unacknowledgedChecks(): AwsSolutionsChecks {
  const pack = new AwsSolutionsChecks();
  // Replaces cdk-nag's private acknowledgement check, its one hook for acknowledgements.
  Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
  return pack;
}

let synthesized: Synthesized;
let acknowledgements: Acknowledgement[];
let everyFinding: Finding[];

beforeAll(() => {
  synthesized = synthSixpotify();
  acknowledgements = synthesized.stack.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          finding: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
  everyFinding = unacknowledgedChecks().validateScope(synthesized.stack).violations.map((violation) => ({
    ruleName: violation.ruleName,
    paths: violation.violatingResources.map((resource) => resource.constructPath ?? ''),
  }));
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding', () => {
    const report = new AwsSolutionsChecks(synthesized.app).validateScope(synthesized.stack);
    const unacknowledged = report.violations.map(
      (violation) => `${violation.ruleName} at ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`,
    );

    expect(unacknowledged).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('would report findings without the acknowledgements, so the check is live', () => {
    expect(everyFinding.length).toBeGreaterThan(0);
  });

  it('has each acknowledgement name one finding that the pack really raises there', () => {
    const stale = acknowledgements.filter(
      (acknowledgement) =>
        !everyFinding.some(
          (finding) =>
            finding.ruleName === acknowledgement.finding &&
            finding.paths.some((path) => path === acknowledgement.path || path.startsWith(`${acknowledgement.path}/`)),
        ),
    );

    expect(stale).toEqual([]);
    expect(acknowledgements.every((acknowledgement) => /^AwsSolutions-[A-Z]+\d+(\[.+\])?$/.test(acknowledgement.finding))).toBe(true);
  });

  it('gives every acknowledgement a reason of its own', () => {
    const reasons = acknowledgements.map((acknowledgement) => acknowledgement.reason);

    expect(reasons.every((reason) => reason.length >= 40)).toBe(true);
  });

  it('acknowledges wildcards only for S3 zone and results prefixes, log and trace delivery, settings without ARNs, execution ARNs and the topic key', () => {
    const wildcards = [...new Set(acknowledgements.map((acknowledgement) => acknowledgement.finding))].filter((finding) =>
      finding.startsWith('AwsSolutions-IAM5'),
    );
    const explained = [
      /^AwsSolutions-IAM5\[Resource::<LakeBucket\w+\.Arn>\/[a-z-]+\/([a-z-]+\/)?\*\]$/,
      /^AwsSolutions-IAM5\[Resource::\*\]$/,
      /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:\/aws-glue\/crawlers\*\]$/,
      /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<PipelineStateMachine\w+\.Name>:\*\]$/,
      /^AwsSolutions-IAM5\[Action::kms:GenerateDataKey\*\]$/,
    ];

    expect(wildcards.filter((finding) => !explained.some((pattern) => pattern.test(finding)))).toEqual([]);
  });
});
