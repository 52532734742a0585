// AWS SDK exceptions carry their service error code in `name`. Matching on that string, rather than with
// instanceof, also works for an error from another copy of the SDK and survives a minified bundle.

export function isAwsError(error: unknown, name: string): error is Error {
  return error instanceof Error && error.name === name;
}
