// The Spotify Web API as it is in 2026, as data: every endpoint the client calls or the built-in
// server serves, with its documented parameter bounds, what each access mode may call and receive,
// and the exact error bodies. The client takes its page sizes and batch sizes from here, and the
// simulator refuses from here what Spotify refuses, so a belief of ours that the docs contradict
// fails a test instead of a night. Every row names where it comes from: Spotify's reference page,
// its changelogs and migration guide, the community OpenAPI description (cross-check), and public
// reports of the live API where Spotify documents a rule but not the body it answers with.

/** 'development': a Development Mode app under the 2026 rules (new from 2026-02-11, existing from 2026-03-09). 'extended': Extended Quota Mode. */
export type AccessMode = 'development' | 'extended';
export const ACCESS_MODES: readonly AccessMode[] = ['development', 'extended'];

const REFERENCE = 'https://developer.spotify.com/documentation/web-api/reference';
const CHANGELOG_2026_02 = 'https://developer.spotify.com/documentation/web-api/references/changes/february-2026';
const MIGRATION_2026_02 = 'https://developer.spotify.com/documentation/web-api/tutorials/february-2026-migration-guide';
const CHANGELOG_2026_03 = 'https://developer.spotify.com/documentation/web-api/references/changes/march-2026';
const CHANGELOG_2026_07 = 'https://developer.spotify.com/documentation/web-api/references/changes/july-2026';
const QUOTA_BLOG_2026_07 = 'https://developer.spotify.com/blog/2026-07-23-web-api-quota-updates';
const CHANGES_2024_11 = 'https://developer.spotify.com/blog/2024-11-27-changes-to-the-web-api';
const RATE_LIMITS = 'https://developer.spotify.com/documentation/web-api/concepts/rate-limits';
const API_CALLS = 'https://developer.spotify.com/documentation/web-api/concepts/api-calls';
/** sonallux/spotify-web-api, generated from Spotify's reference; version 2026.5.31 read for this table. */
const OPENAPI = 'https://github.com/sonallux/spotify-web-api/blob/main/fixed-spotify-open-api.yml';

export interface Source {
  /** Spotify's own pages the rule comes from. */
  spotify: readonly string[];
  /** The community OpenAPI description, as `<file>#<operationId or schema>`: a cross-check, not the authority. */
  openapi?: string;
  /** Public reports of what the live API answered, for what Spotify does not document (mostly error bodies). */
  observed?: readonly string[];
  /** Where the sources leave a gap, what this table assumes and why. */
  note?: string;
}

export interface SpotifyErrorBody {
  error: { status: number; message?: string; reason?: string };
}

export interface ErrorContract {
  status: number;
  body: SpotifyErrorBody;
  /** Headers Spotify sends with it (Retry-After on a rate-limit 429). */
  headers?: readonly string[];
  source: Source;
}

const error = (status: number, message: string | undefined, source: Source, extra: { reason?: string; headers?: string[] } = {}): ErrorContract => ({
  status,
  body: { error: { status, ...(message === undefined ? {} : { message }), ...(extra.reason === undefined ? {} : { reason: extra.reason }) } },
  ...(extra.headers === undefined ? {} : { headers: extra.headers }),
  source,
});

/** The error object is { error: { status, message } } for every Web API error (api-calls, "Response Error"). */
export const SPOTIFY_ERRORS = {
  invalidLimit: error(400, 'Invalid limit', {
    spotify: [`${REFERENCE}/get-an-artists-albums`, CHANGELOG_2026_02],
    observed: ['https://github.com/spotipy-dev/spotipy/issues/1231', 'https://github.com/spotipy-dev/spotipy/issues/1236', 'https://github.com/Googolplexed0/zotify/issues/211'],
  }),
  invalidOffset: error(400, 'Invalid offset', {
    spotify: [`${REFERENCE}/get-an-artists-albums`, `${REFERENCE}/search`],
    note: 'the bounds are documented; the message is not published and mirrors the documented "Invalid limit"',
  }),
  offsetPastSearchWindow: error(400, 'Bad request.', {
    spotify: [`${REFERENCE}/search`],
    openapi: `${OPENAPI}#search (offset maximum 1000)`,
    observed: ['https://github.com/spotipy-dev/spotipy/issues/868'],
  }),
  invalidId: error(400, 'Invalid base62 id', {
    spotify: [API_CALLS],
    observed: ['https://github.com/KRTirtho/spotube/issues/2703', 'https://github.com/fjlein/hitster/issues/2'],
  }),
  tooManyIds: error(400, 'Too many ids requested', {
    spotify: [`${REFERENCE}/get-multiple-artists`, `${REFERENCE}/get-several-audio-features`],
    note: 'the maxima (50 artists, 20 albums, 50 tracks, 100 audio features) are documented; the message is what the live API is reported to send',
  }),
  missingIds: error(400, 'Missing required field: ids', {
    spotify: [`${REFERENCE}/get-multiple-artists`],
    note: 'ids is documented as required; the message is not published',
  }),
  noSearchQuery: error(400, 'No search query', {
    spotify: [`${REFERENCE}/search`],
    observed: ['https://github.com/spotify/web-api/issues/645'],
  }),
  missingSearchType: error(400, 'Missing parameter type', {
    spotify: [`${REFERENCE}/search`],
    note: 'type is documented as required; the message is not published',
  }),
  noToken: error(401, 'No token provided', {
    spotify: [API_CALLS],
    observed: ['https://github.com/spotify/web-api/issues/1103', 'https://github.com/kmille/deezer-downloader/issues/159'],
  }),
  invalidToken: error(401, 'Invalid access token', {
    spotify: [API_CALLS],
    note: 'a token Spotify never issued or has revoked',
  }),
  expiredToken: error(401, 'The access token expired', {
    spotify: [API_CALLS],
    observed: ['https://github.com/vdesabou/alfred-spotify-mini-player/issues/376'],
  }),
  /** A removed endpoint, for a Development Mode app since 2026-02. */
  forbidden: error(403, 'Forbidden', {
    spotify: [CHANGELOG_2026_02, MIGRATION_2026_02],
    observed: ['https://github.com/jjdenhertog/spotify-to-plex/pull/131', 'https://github.com/bjarneo/cliamp/issues/54', 'https://github.com/LargeModGames/spotatui/issues/517'],
  }),
  /** Audio features, removed for new apps on 2024-11-27: a 403 whose body has no message. */
  forbiddenWithoutMessage: error(403, undefined, {
    spotify: [CHANGES_2024_11],
    observed: ['https://github.com/jwilsson/spotify-web-api-php/issues/281', 'https://github.com/LucasSantana-Dev/Lucky/issues/2072'],
  }),
  unknownId: error(404, 'non existing id', {
    spotify: [API_CALLS],
    observed: ['https://github.com/AlenVelocity/spotifydl-core/issues/6', 'https://github.com/Ringobot/SpotifyApi.NetCore/issues/47'],
  }),
  unknownPath: error(404, 'Service not found', {
    spotify: [API_CALLS],
    note: 'a path no endpoint serves; the message is not published',
  }),
  rateLimited: error(
    429,
    'API rate limit exceeded',
    {
      spotify: [RATE_LIMITS],
      observed: ['https://github.com/spotify/web-api/issues/1402', 'https://github.com/aome510/spotify-player/issues/1073'],
      note: 'a rolling 30-second window whose size Spotify does not publish; Retry-After is in seconds',
    },
    { headers: ['retry-after'] },
  ),
  quotaExceeded: error(429, 'Too many requests', { spotify: [CHANGELOG_2026_07, QUOTA_BLOG_2026_07] }, { reason: 'QUOTA_EXCEEDED' }),
} as const satisfies Record<string, ErrorContract>;

export type SpotifyErrorName = keyof typeof SPOTIFY_ERRORS;

/** The objects the endpoints serve, and which of their fields each access mode no longer gets. */
export type ObjectKind = 'artist' | 'album' | 'simplified-album' | 'track' | 'simplified-track' | 'audio-features';

export interface ObjectContract {
  kind: ObjectKind;
  /** Fields Spotify does not return to an app in that mode. */
  removed: Readonly<Record<AccessMode, readonly string[]>>;
  /** Fields an app may or may not get: never require them. */
  optional: readonly string[];
  source: Source;
}

export const SPOTIFY_OBJECTS: Readonly<Record<ObjectKind, ObjectContract>> = {
  artist: {
    kind: 'artist',
    removed: { development: ['followers', 'popularity'], extended: [] },
    optional: ['genres'],
    source: {
      spotify: [CHANGELOG_2026_02, MIGRATION_2026_02, `${REFERENCE}/get-an-artist`],
      openapi: `${OPENAPI}#ArtistObject (followers, genres, popularity deprecated)`,
      note: 'genres is marked deprecated and reported missing for some new apps, so it is optional for every app; extended apps keep everything (migration guide: "all existing endpoints, fields, and behaviors remain unchanged")',
    },
  },
  album: {
    kind: 'album',
    removed: { development: ['available_markets', 'popularity', 'label', 'genres'], extended: [] },
    optional: [],
    source: {
      spotify: [CHANGELOG_2026_02, CHANGELOG_2026_03, `${REFERENCE}/get-an-album`],
      openapi: `${OPENAPI}#AlbumObject (available_markets, genres, label, popularity deprecated)`,
      note: 'external_ids was listed as removed in February and restored in March 2026',
    },
  },
  'simplified-album': {
    kind: 'simplified-album',
    removed: { development: ['available_markets'], extended: [] },
    optional: [],
    source: { spotify: [CHANGELOG_2026_02, `${REFERENCE}/get-an-artists-albums`], openapi: `${OPENAPI}#SimplifiedAlbumObject (available_markets deprecated)` },
  },
  track: {
    kind: 'track',
    removed: { development: ['available_markets', 'popularity'], extended: [] },
    optional: [],
    source: {
      spotify: [CHANGELOG_2026_02, CHANGELOG_2026_03, `${REFERENCE}/get-track`],
      openapi: `${OPENAPI}#TrackObject (available_markets, popularity deprecated)`,
      note: 'external_ids was listed as removed in February and restored in March 2026',
    },
  },
  'simplified-track': {
    kind: 'simplified-track',
    removed: { development: ['available_markets'], extended: [] },
    optional: [],
    source: { spotify: [CHANGELOG_2026_02, `${REFERENCE}/get-an-albums-tracks`], openapi: `${OPENAPI}#SimplifiedTrackObject (available_markets deprecated)` },
  },
  'audio-features': {
    kind: 'audio-features',
    removed: { development: [], extended: [] },
    optional: [],
    source: { spotify: [`${REFERENCE}/get-audio-features`], openapi: `${OPENAPI}#AudioFeaturesObject`, note: 'development apps cannot call the endpoint at all' },
  },
};

export type EndpointName =
  | 'artist'
  | 'artists-batch'
  | 'artist-albums'
  | 'artist-top-tracks'
  | 'album'
  | 'albums-batch'
  | 'album-tracks'
  | 'track'
  | 'tracks-batch'
  | 'audio-features'
  | 'audio-features-batch'
  | 'search';

export interface Bounds {
  min: number;
  max: number;
  byDefault: number;
}

export type IdKind = 'artist' | 'album' | 'track';

export interface EndpointContract {
  name: EndpointName;
  method: 'GET';
  /** Path under /v1, with {id} where one id goes. */
  path: string;
  /** Where the request names its resources: one id in the path, a comma-separated ?ids= list (with its maximum), or none. */
  ids: { in: 'path'; kind: IdKind } | { in: 'query'; kind: IdKind; max: number } | { in: 'none' };
  /** Query parameters without which Spotify answers 400. */
  required: readonly string[];
  /** Page size bounds per access mode, for paged endpoints. */
  limit?: Readonly<Record<AccessMode, Bounds>>;
  offset?: { min: number; max?: number };
  /** The endpoint documents a `market` parameter: the client always sends one. */
  market: boolean;
  /** Without `market`, Spotify lists regional copies of one release under their own ids. */
  regionalCopiesWithoutMarket: boolean;
  /** What an app in that mode gets instead of an answer: the endpoint was removed for it. */
  refusedFor: Partial<Readonly<Record<AccessMode, SpotifyErrorName>>>;
  /** The object served (or listed in pages or batches). */
  serves: ObjectKind;
  source: Source;
}

const page = (development: Bounds, extended: Bounds = development) => ({ development, extended });
/** Before 2026-02 every paged endpoint took 1..50, default 20; extended apps keep that (migration guide). */
const BEFORE_2026 = { min: 1, max: 50, byDefault: 20 };

const rows: EndpointContract[] = [
  {
    name: 'artist',
    method: 'GET',
    path: '/artists/{id}',
    ids: { in: 'path', kind: 'artist' },
    required: [],
    market: false,
    regionalCopiesWithoutMarket: false,
    refusedFor: {},
    serves: 'artist',
    source: { spotify: [`${REFERENCE}/get-an-artist`, CHANGELOG_2026_02], openapi: `${OPENAPI}#get-an-artist` },
  },
  {
    name: 'artists-batch',
    method: 'GET',
    path: '/artists',
    ids: { in: 'query', kind: 'artist', max: 50 },
    required: ['ids'],
    market: false,
    regionalCopiesWithoutMarket: false,
    refusedFor: { development: 'forbidden' },
    serves: 'artist',
    source: { spotify: [`${REFERENCE}/get-multiple-artists`, CHANGELOG_2026_02, MIGRATION_2026_02], openapi: `${OPENAPI}#get-multiple-artists (deprecated)` },
  },
  {
    name: 'artist-albums',
    method: 'GET',
    path: '/artists/{id}/albums',
    ids: { in: 'path', kind: 'artist' },
    required: [],
    limit: page({ min: 1, max: 10, byDefault: 5 }, BEFORE_2026),
    offset: { min: 0 },
    market: true,
    regionalCopiesWithoutMarket: true,
    refusedFor: {},
    serves: 'simplified-album',
    source: {
      spotify: [`${REFERENCE}/get-an-artists-albums`, CHANGELOG_2026_02, MIGRATION_2026_02],
      openapi: `${OPENAPI}#get-an-artists-albums (limit default 5, maximum 10)`,
      observed: ['https://github.com/spotipy-dev/spotipy/issues/1231', 'https://docs.rs/aspotify/0.2.0/aspotify/endpoints/artists/fn.get_artist_albums.html', 'https://rdrr.io/cran/spotifyr/man/get_artist_albums.html'],
      note: 'limit 11 and above answers 400 Invalid limit; without market every regional copy of a release is listed',
    },
  },
  {
    name: 'artist-top-tracks',
    method: 'GET',
    path: '/artists/{id}/top-tracks',
    ids: { in: 'path', kind: 'artist' },
    required: [],
    market: true,
    regionalCopiesWithoutMarket: false,
    refusedFor: { development: 'forbidden' },
    serves: 'track',
    source: {
      spotify: [`${REFERENCE}/get-an-artists-top-tracks`, CHANGELOG_2026_02],
      openapi: `${OPENAPI}#get-an-artists-top-tracks (deprecated)`,
      observed: ['https://github.com/LucasSantana-Dev/Lucky/issues/2072', 'https://github.com/LargeModGames/spotatui/issues/517'],
    },
  },
  {
    name: 'album',
    method: 'GET',
    path: '/albums/{id}',
    ids: { in: 'path', kind: 'album' },
    required: [],
    market: true,
    regionalCopiesWithoutMarket: false,
    refusedFor: {},
    serves: 'album',
    source: { spotify: [`${REFERENCE}/get-an-album`, CHANGELOG_2026_02], openapi: `${OPENAPI}#get-an-album` },
  },
  {
    name: 'albums-batch',
    method: 'GET',
    path: '/albums',
    ids: { in: 'query', kind: 'album', max: 20 },
    required: ['ids'],
    market: true,
    regionalCopiesWithoutMarket: false,
    refusedFor: { development: 'forbidden' },
    serves: 'album',
    source: { spotify: [`${REFERENCE}/get-multiple-albums`, CHANGELOG_2026_02], openapi: `${OPENAPI}#get-multiple-albums (deprecated)` },
  },
  {
    name: 'album-tracks',
    method: 'GET',
    path: '/albums/{id}/tracks',
    ids: { in: 'path', kind: 'album' },
    required: [],
    limit: page({ min: 1, max: 50, byDefault: 20 }),
    offset: { min: 0 },
    market: true,
    regionalCopiesWithoutMarket: false,
    refusedFor: {},
    serves: 'simplified-track',
    source: { spotify: [`${REFERENCE}/get-an-albums-tracks`, CHANGELOG_2026_02], openapi: `${OPENAPI}#get-an-albums-tracks (limit default 20, maximum 50)` },
  },
  {
    name: 'track',
    method: 'GET',
    path: '/tracks/{id}',
    ids: { in: 'path', kind: 'track' },
    required: [],
    market: true,
    regionalCopiesWithoutMarket: false,
    refusedFor: {},
    serves: 'track',
    source: { spotify: [`${REFERENCE}/get-track`, CHANGELOG_2026_02], openapi: `${OPENAPI}#get-track` },
  },
  {
    name: 'tracks-batch',
    method: 'GET',
    path: '/tracks',
    ids: { in: 'query', kind: 'track', max: 50 },
    required: ['ids'],
    market: true,
    regionalCopiesWithoutMarket: false,
    refusedFor: { development: 'forbidden' },
    serves: 'track',
    source: {
      spotify: [`${REFERENCE}/get-several-tracks`, CHANGELOG_2026_02],
      openapi: `${OPENAPI}#get-several-tracks (deprecated)`,
      observed: ['https://github.com/jjdenhertog/spotify-to-plex/pull/131'],
    },
  },
  {
    name: 'audio-features',
    method: 'GET',
    path: '/audio-features/{id}',
    ids: { in: 'path', kind: 'track' },
    required: [],
    market: false,
    regionalCopiesWithoutMarket: false,
    refusedFor: { development: 'forbiddenWithoutMessage' },
    serves: 'audio-features',
    source: { spotify: [`${REFERENCE}/get-audio-features`, CHANGES_2024_11], openapi: `${OPENAPI}#get-audio-features (deprecated)` },
  },
  {
    name: 'audio-features-batch',
    method: 'GET',
    path: '/audio-features',
    ids: { in: 'query', kind: 'track', max: 100 },
    required: ['ids'],
    market: false,
    regionalCopiesWithoutMarket: false,
    refusedFor: { development: 'forbiddenWithoutMessage' },
    serves: 'audio-features',
    source: {
      spotify: [`${REFERENCE}/get-several-audio-features`, CHANGES_2024_11],
      openapi: `${OPENAPI}#get-several-audio-features (deprecated, maximum 100 ids)`,
      observed: ['https://github.com/jwilsson/spotify-web-api-php/issues/281'],
    },
  },
  {
    name: 'search',
    method: 'GET',
    path: '/search',
    ids: { in: 'none' },
    required: ['q', 'type'],
    limit: page({ min: 1, max: 10, byDefault: 5 }, BEFORE_2026),
    offset: { min: 0, max: 1000 },
    market: true,
    regionalCopiesWithoutMarket: false,
    refusedFor: {},
    serves: 'artist',
    source: {
      spotify: [`${REFERENCE}/search`, CHANGELOG_2026_02, MIGRATION_2026_02],
      openapi: `${OPENAPI}#search (limit default 5, maximum 10; offset maximum 1000)`,
      observed: ['https://github.com/marcelmarais/spotify-mcp-server/pull/68', 'https://github.com/microsoft/TypeAgent/pull/1923'],
    },
  },
];

export const SPOTIFY_CONTRACT: Readonly<Record<EndpointName, EndpointContract>> = Object.fromEntries(rows.map((row) => [row.name, row])) as Record<
  EndpointName,
  EndpointContract
>;

export const SPOTIFY_ENDPOINTS: readonly EndpointContract[] = rows;

/** The largest page every access mode accepts: what the client asks for, so one client serves both. */
export function pageSizeFor(name: EndpointName): number {
  const limit = SPOTIFY_CONTRACT[name].limit;
  if (limit === undefined) throw new Error(`${name} is not a paged endpoint`);
  return Math.min(...ACCESS_MODES.map((mode) => limit[mode].max));
}

/** How many ids one request of a batch endpoint may name. */
export function idsPerRequest(name: EndpointName): number {
  const ids = SPOTIFY_CONTRACT[name].ids;
  if (ids.in !== 'query') throw new Error(`${name} is not a batch endpoint`);
  return ids.max;
}
