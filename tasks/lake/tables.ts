// The catalog's contract: every raw and curated table, its columns, types (Glue/Hive type names)
// and comments for analysts. CDK declares the Glue tables from this list; the local DuckDB catalog
// registers the same tables from it; Load writes raw records that match it.

export interface Column {
  name: string;
  /** Glue/Hive type: string, int, bigint, double, boolean, array<string>, ... */
  type: string;
  comment: string;
}

export interface TableDefinition {
  name: string;
  /** Lake prefix holding the table's `dt=YYYY-MM-DD/` partitions. */
  prefix: string;
  format: 'json' | 'parquet';
  comment: string;
  /** The task that writes the table when a SQL step does not (curated tables are UNLOAD output otherwise). */
  writtenBy?: string;
  columns: Column[];
}

const fetchedAt: Column = { name: 'fetched_at', type: 'string', comment: 'ISO-8601 UTC time the object was fetched from Spotify' };

/** Raw zone: validated, deduplicated API objects, gzipped JSON Lines, one file set per dt. */
export const RAW_TABLES: TableDefinition[] = [
  {
    name: 'raw_artists',
    prefix: 'raw/artists/',
    format: 'json',
    comment: 'Tracked artists as returned by GET /artists/{id}, one row per artist per dt',
    columns: [
      { name: 'id', type: 'string', comment: 'Spotify artist id' },
      { name: 'name', type: 'string', comment: 'Artist name as Spotify spells it' },
      { name: 'genres', type: 'array<string>', comment: 'Genres; empty when this app is not given genres (see the run manifest capabilities)' },
      { name: 'followers', type: 'bigint', comment: 'Follower count; null for apps that no longer receive it' },
      { name: 'popularity', type: 'int', comment: 'Popularity 0-100; null for apps that no longer receive it' },
      { name: 'uri', type: 'string', comment: 'Spotify URI' },
      fetchedAt,
    ],
  },
  {
    name: 'raw_albums',
    prefix: 'raw/albums/',
    format: 'json',
    comment: 'Albums from GET /artists/{id}/albums (album, single, appears_on), one row per album per dt',
    columns: [
      { name: 'id', type: 'string', comment: 'Spotify album id' },
      { name: 'name', type: 'string', comment: 'Album name' },
      { name: 'album_type', type: 'string', comment: 'album, single or compilation' },
      { name: 'release_date', type: 'string', comment: 'Release date as Spotify gives it (YYYY, YYYY-MM or YYYY-MM-DD)' },
      { name: 'release_date_precision', type: 'string', comment: 'year, month or day' },
      { name: 'total_tracks', type: 'int', comment: 'Number of tracks on the album' },
      { name: 'artist_ids', type: 'array<string>', comment: 'Album artists, in credit order' },
      fetchedAt,
    ],
  },
  {
    name: 'raw_tracks',
    prefix: 'raw/tracks/',
    format: 'json',
    comment: 'Tracks from GET /albums/{id}/tracks, one row per track per dt; every credited artist is listed',
    columns: [
      { name: 'id', type: 'string', comment: 'Spotify track id' },
      { name: 'name', type: 'string', comment: 'Track name' },
      { name: 'album_id', type: 'string', comment: 'Album the track was listed on' },
      { name: 'disc_number', type: 'int', comment: 'Disc number' },
      { name: 'track_number', type: 'int', comment: 'Position on the disc' },
      { name: 'duration_ms', type: 'bigint', comment: 'Duration in milliseconds' },
      { name: 'explicit', type: 'boolean', comment: 'Explicit lyrics' },
      { name: 'artist_ids', type: 'array<string>', comment: 'Credited artist ids, in credit order' },
      { name: 'artist_names', type: 'array<string>', comment: 'Credited artist names, aligned with artist_ids' },
      fetchedAt,
    ],
  },
  {
    name: 'raw_audio_features',
    prefix: 'raw/audio_features/',
    format: 'json',
    comment: 'Audio features per track (only apps with extended access receive them; empty otherwise)',
    columns: [
      { name: 'id', type: 'string', comment: 'Spotify track id' },
      { name: 'danceability', type: 'double', comment: '0-1' },
      { name: 'energy', type: 'double', comment: '0-1' },
      { name: 'loudness', type: 'double', comment: 'Decibels, typically -60 to 0' },
      { name: 'speechiness', type: 'double', comment: '0-1' },
      { name: 'acousticness', type: 'double', comment: '0-1' },
      { name: 'instrumentalness', type: 'double', comment: '0-1' },
      fetchedAt,
    ],
  },
];

/**
 * Athena partition projection of the `date` type, as a Glue table declares it in its
 * `projection.<column>.*` properties. Reference: Athena user guide, "Supported types for partition
 * projection", date type (https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html).
 */
export interface DateProjection {
  type: 'date';
  /** `projection.dt.range`: first and last value, inclusive; a date in `format`, or NOW with an optional `+N UNIT` / `-N UNIT`. */
  range: readonly [string, string];
  /** `projection.dt.format`: a java.time DateTimeFormatter pattern. */
  format: string;
  /** `projection.dt.interval` and `projection.dt.interval.unit`: the step between projected values. */
  interval: number;
  intervalUnit: 'YEARS' | 'MONTHS' | 'WEEKS' | 'DAYS';
}

/**
 * The curated tables' projection on dt, declared once: CDK writes it into each curated Glue table
 * (infra/constructs/glue-tables.ts) and the local DuckDB catalog applies it (local/duckdb/projection.ts),
 * so a dt that Athena would not project is invisible locally too.
 *
 * Why the range ends at NOW+2DAYS and not NOW: Athena generates projected dates in UTC at query time,
 * but a run date is today in the configured time zone (Asia/Seoul is UTC+9, so from 15:00 UTC the
 * run date is tomorrow in UTC), and a run may be started for tomorrow there (two days ahead of UTC
 * from 15:00 UTC; no IANA zone is more than 14 hours ahead, so two days covers every zone). With NOW,
 * for nine hours a day every curated read of the run's own date returned no rows. The docs allow the
 * relative form (`NOW+1MONTH` is their example); the two extra dates a full-range query projects cost
 * two S3 listings of empty prefixes. The `injected` type was the alternative: it needs no range, but every
 * query must then pin dt to a single value, which would break analysts' `dt between ...` queries.
 */
export const CURATED_DT_PROJECTION: DateProjection = {
  type: 'date',
  range: ['2024-01-01', 'NOW+2DAYS'],
  format: 'yyyy-MM-dd',
  interval: 1,
  intervalUnit: 'DAYS',
};

/** Curated zone: Parquet (Snappy) written by the SQL steps (one table is JSON Lines from a task), partition projection on dt (CURATED_DT_PROJECTION). */
export const CURATED_TABLES: TableDefinition[] = [
  {
    name: 'artists',
    prefix: 'curated/artists/',
    format: 'parquet',
    comment: 'One row per tracked artist per dt',
    columns: [
      { name: 'artist_id', type: 'string', comment: 'Spotify artist id' },
      { name: 'name', type: 'string', comment: 'Artist name' },
      { name: 'genres', type: 'array<string>', comment: 'Genres (empty when not available)' },
      { name: 'followers', type: 'bigint', comment: 'Follower count, null when not available' },
      { name: 'popularity', type: 'int', comment: 'Popularity, null when not available' },
    ],
  },
  {
    name: 'albums',
    prefix: 'curated/albums/',
    format: 'parquet',
    comment: 'One row per album per dt',
    columns: [
      { name: 'album_id', type: 'string', comment: 'Spotify album id' },
      { name: 'name', type: 'string', comment: 'Album name' },
      { name: 'album_type', type: 'string', comment: 'album, single or compilation' },
      { name: 'release_date', type: 'string', comment: 'Release date as given by Spotify' },
      { name: 'release_year', type: 'int', comment: 'Year of release' },
      { name: 'total_tracks', type: 'int', comment: 'Number of tracks' },
    ],
  },
  {
    name: 'tracks',
    prefix: 'curated/tracks/',
    format: 'parquet',
    comment: 'One row per track per dt',
    columns: [
      { name: 'track_id', type: 'string', comment: 'Spotify track id' },
      { name: 'name', type: 'string', comment: 'Track name' },
      { name: 'album_id', type: 'string', comment: 'Album id' },
      { name: 'duration_ms', type: 'bigint', comment: 'Duration in milliseconds' },
      { name: 'explicit', type: 'boolean', comment: 'Explicit lyrics' },
      { name: 'artist_count', type: 'int', comment: 'Number of credited artists' },
    ],
  },
  {
    name: 'track_artists',
    prefix: 'curated/track_artists/',
    format: 'parquet',
    comment: 'One row per (track, credited artist) per dt: the collaboration graph',
    columns: [
      { name: 'track_id', type: 'string', comment: 'Spotify track id' },
      { name: 'artist_id', type: 'string', comment: 'Credited artist id' },
      { name: 'artist_name', type: 'string', comment: 'Credited artist name' },
      { name: 'credit_position', type: 'int', comment: '1 for the main artist, 2.. for featured artists' },
    ],
  },
  {
    name: 'artist_features',
    prefix: 'curated/artist_features/',
    format: 'parquet',
    comment: 'Per-artist averages of audio features over their tracks, min-max normalised across artists; empty without audio features',
    columns: [
      { name: 'artist_id', type: 'string', comment: 'Spotify artist id' },
      { name: 'track_count', type: 'int', comment: 'Tracks with audio features' },
      { name: 'danceability', type: 'double', comment: 'Normalised average, 0-1' },
      { name: 'energy', type: 'double', comment: 'Normalised average, 0-1' },
      { name: 'loudness', type: 'double', comment: 'Normalised average, 0-1' },
      { name: 'speechiness', type: 'double', comment: 'Normalised average, 0-1' },
      { name: 'acousticness', type: 'double', comment: 'Normalised average, 0-1' },
      { name: 'instrumentalness', type: 'double', comment: 'Normalised average, 0-1' },
    ],
  },
  {
    name: 'artist_audio_neighbours',
    prefix: 'curated/artist_audio_neighbours/',
    // Gzipped JSON Lines, not Parquet: a Lambda writes it without a Parquet library.
    format: 'json',
    writtenBy: 'FindAudioNeighbours (tasks/audio-neighbours)',
    comment: 'The K nearest tracked artists by audio features (Euclidean distance over artist_features), exact over all pairs; empty without audio features',
    columns: [
      { name: 'artist_id', type: 'string', comment: 'Spotify artist id' },
      { name: 'neighbour_id', type: 'string', comment: 'Nearby artist id (never artist_id itself)' },
      { name: 'rank', type: 'int', comment: '1 = nearest; ties broken by neighbour_id' },
      { name: 'distance', type: 'double', comment: 'Euclidean distance of the six normalised feature averages, 0 to sqrt(6)' },
    ],
  },
  {
    name: 'artist_similarity',
    prefix: 'curated/artist_similarity/',
    format: 'parquet',
    comment: 'Top K neighbours per tracked artist per dt, with the blended score and the signals behind it',
    columns: [
      { name: 'artist_id', type: 'string', comment: 'Artist the neighbours are for' },
      { name: 'neighbour_id', type: 'string', comment: 'Similar artist id (never artist_id itself)' },
      { name: 'neighbour_name', type: 'string', comment: 'Similar artist name' },
      { name: 'rank', type: 'int', comment: '1 = most similar; ties broken by the IDF-weighted shared evidence, then neighbour_id' },
      { name: 'score', type: 'double', comment: 'Blended score, 0-1: the weighted mean of the signals used' },
      { name: 'collaboration_score', type: 'double', comment: 'Collaboration signal, 0-1, null unless both artists have credits' },
      { name: 'genre_score', type: 'double', comment: 'Genre Jaccard, 0-1, null unless both artists have genres' },
      { name: 'audio_score', type: 'double', comment: 'Audio similarity, 0-1, null unless both artists have audio features' },
      { name: 'signals', type: 'array<string>', comment: 'Signals the score used (both artists had evidence): collaboration, genre, audio' },
      { name: 'shared_tracks', type: 'int', comment: 'Tracks both artists are credited on' },
      { name: 'shared_collaborators', type: 'int', comment: 'Artists both have collaborated with' },
      { name: 'shared_genres', type: 'array<string>', comment: 'Genres both artists have' },
    ],
  },
  {
    name: 'quarantined_rows',
    prefix: 'curated/quarantined_rows/',
    format: 'parquet',
    comment:
      'Raw rows of one run date left out of every other curated table (and so of similarity and the chatbot), each with the check it broke. ' +
      "Written by sql/00_quarantine.sql before the curated tables; one artist's bad data never fails the night: 05_check_curated fails it " +
      'only when the quarantined artists pass the configured share of tracked artists (sixpotify:maxQuarantinedArtistRatio)',
    columns: [
      { name: 'entity', type: 'string', comment: 'What was left out: artist, album or track' },
      { name: 'record_id', type: 'string', comment: 'Spotify id of the artist, album or track left out' },
      {
        name: 'artist_id',
        type: 'string',
        comment: 'The artist whose data it is: the artist itself, or the first credited artist of the album or track',
      },
      {
        name: 'check_name',
        type: 'string',
        comment: 'The check it broke: artist_name_blank, album_release_date_malformed or track_on_quarantined_album',
      },
      { name: 'reason', type: 'string', comment: 'What was wrong, in words' },
      { name: 'value', type: 'string', comment: 'The offending value as text; null when it was missing' },
    ],
  },
];

export const PARTITION_COLUMN: Column = { name: 'dt', type: 'string', comment: 'Run date, YYYY-MM-DD' };
