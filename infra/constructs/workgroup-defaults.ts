// Secure, enforced defaults for an Athena workgroup, as a pure function: every query in the
// workgroup writes encrypted results to the lake, publishes CloudWatch metrics, runs on engine v3
// (UNLOAD, fail()) and stops at the bytes-scanned cutoff, whatever the client asks for.
import type { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';

export const ATHENA_ENGINE_VERSION = 'Athena engine version 3';

export interface WorkGroupSettings {
  outputLocation: string;
  bytesScannedCutoffPerQuery: number;
  expectedBucketOwner: string;
}

export function enforcedWorkGroupConfiguration(settings: WorkGroupSettings): CfnWorkGroup.WorkGroupConfigurationProperty {
  return {
    enforceWorkGroupConfiguration: true,
    publishCloudWatchMetricsEnabled: true,
    bytesScannedCutoffPerQuery: settings.bytesScannedCutoffPerQuery,
    engineVersion: { selectedEngineVersion: ATHENA_ENGINE_VERSION },
    requesterPaysEnabled: false,
    resultConfiguration: {
      outputLocation: settings.outputLocation,
      expectedBucketOwner: settings.expectedBucketOwner,
      encryptionConfiguration: { encryptionOption: 'SSE_S3' },
    },
  };
}
