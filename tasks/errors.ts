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

/** The query engine refused a new query for now (Athena TooManyRequestsException); retried by the state machine. */
export class QueryEngineBusy extends PipelineError {}
