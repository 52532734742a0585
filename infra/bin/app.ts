// The CDK app: one stack per stage, named Sixpotify-<stage>, environment-agnostic (no lookups), so
// `npx cdk synth` works offline without credentials. cdk-nag's AwsSolutions pack runs on every synth:
// an unacknowledged finding fails it.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from '../config.js';
import { SixpotifyStack, stackName } from '../stack.js';

const app = new App();
const config = readConfig((key) => app.node.tryGetContext(key));
new SixpotifyStack(app, stackName(config), {
  config,
  description: `Sixpotify nightly ETL (${config.stage}): Spotify -> S3 lake -> Glue/Athena -> DynamoDB for the chatbot`,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
