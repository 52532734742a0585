// Defaults for every task Lambda, as pure functions: arm64, active tracing, JSON logs, and an ESM
// bundle built locally by esbuild (no Docker) with the AWS SDK left to the runtime.
import { Architecture, LoggingFormat, ApplicationLogLevel, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, type BundlingOptions, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LAMBDA_ARCHITECTURE } from '../../tasks/lambda-sizes.js';

export function taskFunctionDefaults(): NodejsFunctionProps {
  return {
    // One declaration for CDK and for the cost estimate's GB-second price.
    architecture: LAMBDA_ARCHITECTURE === 'arm64' ? Architecture.ARM_64 : Architecture.X86_64,
    tracing: Tracing.ACTIVE,
    loggingFormat: LoggingFormat.JSON,
    applicationLogLevelV2: ApplicationLogLevel.INFO,
    systemLogLevelV2: SystemLogLevel.WARN,
    handler: 'handler',
  };
}

/** ESM lets the bundle use top-level await and import.meta; the banner gives CommonJS dependencies their `require`. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __sixpotifyCreateRequire } from 'node:module'; const require = __sixpotifyCreateRequire(import.meta.url);";

export function bundlingDefaults(target: string): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target,
    minify: true,
    // Error class names are the ASL's ErrorEquals strings (tasks/errors.ts sets name from the class):
    // minified names would make every Retry and Catch on a typed error miss.
    keepNames: true,
    sourceMap: true,
    banner: ESM_REQUIRE_BANNER,
    mainFields: ['module', 'main'],
    // The Lambda Node.js runtime ships AWS SDK v3; Powertools and everything else is bundled.
    externalModules: ['@aws-sdk/*'],
    forceDockerBundling: false,
  };
}
