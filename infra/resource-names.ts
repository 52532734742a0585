// Names the stack gives its resources, per stage, in one place: the constructs create them under these
// names and `npm run sql` tells the operator where to run a statement without loading the CDK app.

/** The Glue database of a stage; Glue and Athena names take no dashes. */
export function glueDatabaseName(stage: string): string {
  return `sixpotify_${stage.replaceAll('-', '_')}`;
}

/** The workgroup the query task runs the SQL steps in. */
export function pipelineWorkGroupName(stage: string): string {
  return `sixpotify-${stage}`;
}

/** The workgroup analysts query in, with the example queries saved. */
export function analystsWorkGroupName(stage: string): string {
  return `sixpotify-${stage}-analysts`;
}
