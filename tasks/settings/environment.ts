// The Lambda environment variables, named once: infra/constructs/tasks.ts sets them from the stack's
// configuration and the tasks' Lambda entries read them, so a rename cannot leave one side behind.
export const ENV = {
  lakeBucket: 'LAKE_BUCKET',
  resultsTable: 'RESULTS_TABLE',
  crawlerName: 'CRAWLER_NAME',
  athenaWorkGroup: 'ATHENA_WORKGROUP',
  glueDatabase: 'GLUE_DATABASE',
  sqlDir: 'SQL_DIR',
  spotifySecretArn: 'SPOTIFY_SECRET_ARN',
  spotifyApiUrl: 'SPOTIFY_API_URL',
  spotifyTokenUrl: 'SPOTIFY_TOKEN_URL',
  spotifyMarket: 'SPOTIFY_MARKET',
  timeZone: 'TIME_ZONE',
  trackedArtistsKey: 'TRACKED_ARTISTS_KEY',
  fetchSliceSeconds: 'FETCH_SLICE_SECONDS',
  fetchSlicesPerExecution: 'FETCH_SLICES_PER_EXECUTION',
  fetchMaxFailureRatio: 'FETCH_MAX_FAILURE_RATIO',
  similarityK: 'SIMILARITY_K',
  similarityWeights: 'SIMILARITY_WEIGHTS',
  maxQuarantinedArtistRatio: 'MAX_QUARANTINED_ARTIST_RATIO',
  resultTtlDays: 'RESULT_TTL_DAYS',
  runLeaseSeconds: 'RUN_LEASE_SECONDS',
  audioNeighboursWorkers: 'AUDIO_NEIGHBOURS_WORKERS',
} as const;

export type EnvironmentVariable = (typeof ENV)[keyof typeof ENV];
