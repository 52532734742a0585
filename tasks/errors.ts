// Typed errors. Each class's `name` is the exact string the state machine's ErrorEquals catches,
// so searching one word leads from statemachine/pipeline.asl.json to the code that throws it.

abstract class PipelineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The run date in the execution input is not a real YYYY-MM-DD date. */
export class InvalidRunDate extends PipelineError {}

/** Required configuration (an environment variable) is missing or malformed. */
export class ConfigurationError extends PipelineError {}

/** A task received input that does not match its contract. */
export class InvalidTaskInput extends PipelineError {}

/** Spotify answered with a quota 429 (reason QUOTA_EXCEEDED): retrying in a loop would make it worse. */
export class SpotifyQuotaExceeded extends PipelineError {}

/** Spotify rejected the credentials. */
export class SpotifyAuthFailed extends PipelineError {}

/** A transient Spotify failure (5xx, network, 429 with a short Retry-After) that outlived the client's retries. */
export class SpotifyUnavailable extends PipelineError {}

/** More artists failed than the configured failure ratio allows. */
export class TooManyArtistsFailed extends PipelineError {}

/** The tracked-artist list is missing, empty or malformed. */
export class TrackedArtistsInvalid extends PipelineError {}

/** Nothing was staged for the run date, so there is nothing to load. */
export class NothingToLoad extends PipelineError {}

/** The crawler is already running (Glue CrawlerRunningException); retried by the state machine. */
export class CrawlerBusy extends PipelineError {}

/** A SQL step named by the state machine does not exist in sql/. */
export class UnknownQueryStep extends PipelineError {}

/** A query could not be started (bad SQL parameters, engine refused). */
export class QueryStartFailed extends PipelineError {}

/** The similarity export for the run date is missing or malformed. */
export class PublishInputInvalid extends PipelineError {}

/** The audio-feature export for the run date (exports/artist_features) is malformed. */
export class AudioFeaturesInvalid extends PipelineError {}

/** The query engine refused a new query for now (Athena TooManyRequestsException); retried by the state machine. */
export class QueryEngineBusy extends PipelineError {}

/** Another execution holds the run lease for this dt (AcquireRunLease): two runs of one date never interleave. */
export class RunAlreadyInProgress extends PipelineError {}

/** Objects under a lake prefix could not all be deleted (S3 DeleteObjects reported errors), so a re-run cannot replace the date. */
export class LakeDeleteFailed extends PipelineError {}

/** Spotify asked to wait (Retry-After) longer than the caller can: past the slice's time left, or past the client's limit. */
export class SpotifyRateLimited extends PipelineError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, options?: { cause?: unknown }) {
    super(message, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Spotify refused one request for good (a 4xx other than 401 and 429: 403 forbidden for this app, 404 not found, 400 bad request). */
export class SpotifyRequestFailed extends PipelineError {
  readonly status: number;
  constructor(message: string, status: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/** Spotify answered 200 with a body that is not JSON or not the expected envelope; the body is kept for the quarantine. */
export class SpotifyMalformedResponse extends PipelineError {
  readonly url: string;
  readonly body: string;
  readonly issues: string[];
  constructor(message: string, details: { url: string; body: string; issues: string[] }, options?: { cause?: unknown }) {
    super(message, options);
    this.url = details.url;
    this.body = details.body;
    this.issues = details.issues;
  }
}

/** A data-quality check step found violations; the message names each failed check with its count and an example. Never retried: the data would not change. */
export class DataQualityCheckFailed extends PipelineError {
  readonly step: string;
  readonly failedChecks: readonly { check: string; violations: number; example: string | null }[];
  constructor(
    message: string,
    details: { step: string; failedChecks: readonly { check: string; violations: number; example: string | null }[] },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.step = details.step;
    this.failedChecks = details.failedChecks;
  }
}

/** A check step returned rows that are not (check_name, violation_count, example): its SQL breaks the check contract of sql/README.md. */
export class CheckResultMalformed extends PipelineError {}
