// Errors the operator's CLI raises itself. Their messages are written for the operator and printed as
// they are (no stack trace); each says what was wrong and what to do.

export class CliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line itself is wrong: the CLI prints the usage and exits with 2. */
export class CliUsageError extends CliError {}

/** The stack `Sixpotify-<stage>` is not deployed in this account and region. */
export class StackNotFound extends CliError {}

/** The stack is deployed but lacks an output the command needs (deployed from an older version?). */
export class StackOutputMissing extends CliError {}

/** Another execution is already running the same dt; two runs of a date would overwrite each other. */
export class RunAlreadyInProgress extends CliError {}
