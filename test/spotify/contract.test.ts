// The built-in server refuses what Spotify refuses: one case per rule of the contract, generated from
// the contract's own rows, asked over plain HTTP so no client can hide an answer. A row added to the
// contract is tested here without a new line of test code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleCatalog, type SampleCatalog } from '../../local/spotify/catalog.js';
import { startSpotifyServer, type SpotifyServer } from '../../local/spotify/server.js';
import {
  ACCESS_MODES,
  SPOTIFY_ENDPOINTS,
  SPOTIFY_ERRORS,
  SPOTIFY_OBJECTS,
  type AccessMode,
  type EndpointContract,
  type IdKind,
} from '../../tasks/spotify/contract.js';

const catalog = createSampleCatalog({ artists: 24 });
let server: SpotifyServer;
let token: string;

beforeAll(async () => {
  server = await startSpotifyServer(catalog);
  const answer = await fetch(server.tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('id:secret').toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  token = ((await answer.json()) as { access_token: string }).access_token;
});
afterAll(() => server.close());

async function get(mode: AccessMode, path: string, query: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  server.simulate({ access: mode });
  const search = new URLSearchParams(query).toString();
  const response = await fetch(`${server.apiBaseUrl}${path}${search === '' ? '' : `?${search}`}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const longestAlbum = (from: SampleCatalog) => [...from.albums].sort((a, b) => b.trackIds.length - a.trackIds.length)[0]!;
const exampleIds: Record<IdKind, string[]> = {
  artist: catalog.artists.slice(0, 2).map((artist) => artist.id),
  album: [longestAlbum(catalog).id, catalog.albums[1]!.id],
  track: catalog.tracks.slice(0, 2).map((track) => track.id),
};
const UNKNOWN_ID = '0000000000000000000000';

/** A request the row accepts: its ids, its required parameters, and a market where one is documented. */
function wellFormed(row: EndpointContract, id?: string): { path: string; query: Record<string, string> } {
  const query: Record<string, string> = row.market ? { market: 'KR' } : {};
  if (row.ids.in === 'path') return { path: row.path.replace('{id}', id ?? exampleIds[row.ids.kind][0]!), query };
  if (row.ids.in === 'query') return { path: row.path, query: { ...query, ids: (id === undefined ? exampleIds[row.ids.kind] : [id]).join(',') } };
  return { path: row.path, query: { ...query, q: catalog.artists[0]!.name, type: 'artist' } };
}

/** The first object a row's answer serves: the object itself, the first page item, or the first batch entry. */
function firstObject(row: EndpointContract, body: unknown): Record<string, unknown> {
  const value = body as Record<string, unknown>;
  if (row.name === 'search') return (value.artists as { items: Record<string, unknown>[] }).items[0]!;
  if (row.limit !== undefined) return (value.items as Record<string, unknown>[])[0]!;
  if (row.ids.in === 'query') return (Object.values(value)[0] as Record<string, unknown>[])[0]!;
  if (row.name === 'artist-top-tracks') return (value.tracks as Record<string, unknown>[])[0]!;
  return value;
}

const cases = SPOTIFY_ENDPOINTS.flatMap((row) => ACCESS_MODES.map((mode) => ({ row, mode, label: `${row.method} ${row.path} (${mode})` })));
const answered = cases.filter(({ row, mode }) => row.refusedFor[mode] === undefined);
const refused = cases.filter(({ row, mode }) => row.refusedFor[mode] !== undefined);
const paged = answered.filter(({ row }) => row.limit !== undefined);
const byPathId = answered.filter(({ row }) => row.ids.in === 'path');
const batches = answered.filter(({ row }) => row.ids.in === 'query');

describe('Spotify contract: who may call what', () => {
  it.each(refused)('$label is refused with Spotify’s exact 403', async ({ row, mode }) => {
    const request = wellFormed(row);

    const answer = await get(mode, request.path, request.query);

    const expected = SPOTIFY_ERRORS[row.refusedFor[mode]!];
    expect(answer.status).toBe(expected.status);
    expect(answer.body).toEqual(expected.body);
  });

  it.each(answered)('$label answers a well-formed request', async ({ row, mode }) => {
    const request = wellFormed(row);

    const answer = await get(mode, request.path, request.query);

    expect(answer.status).toBe(200);
  });
});

describe('Spotify contract: page bounds', () => {
  it.each(paged)('$label refuses a limit one above the maximum with 400 Invalid limit', async ({ row, mode }) => {
    const request = wellFormed(row);

    const answer = await get(mode, request.path, { ...request.query, limit: String(row.limit![mode].max + 1) });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(SPOTIFY_ERRORS.invalidLimit.body);
  });

  it.each(paged)('$label refuses a limit one below the minimum with 400 Invalid limit', async ({ row, mode }) => {
    const request = wellFormed(row);

    const answer = await get(mode, request.path, { ...request.query, limit: String(row.limit![mode].min - 1) });

    expect(answer.body).toEqual(SPOTIFY_ERRORS.invalidLimit.body);
  });

  it.each(paged)('$label refuses a limit that is not a whole number', async ({ row, mode }) => {
    const request = wellFormed(row);

    const answer = await get(mode, request.path, { ...request.query, limit: '2.5' });

    expect(answer.body).toEqual(SPOTIFY_ERRORS.invalidLimit.body);
  });

  it.each(paged)('$label serves a page of the maximum limit', async ({ row, mode }) => {
    const request = wellFormed(row);

    const answer = await get(mode, request.path, { ...request.query, limit: String(row.limit![mode].max) });

    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain(`"limit":${row.limit![mode].max}`);
  });

  it.each(paged)('$label serves the documented default limit when none is asked for', async ({ row, mode }) => {
    const request = wellFormed(row);

    const answer = await get(mode, request.path, request.query);

    expect(JSON.stringify(answer.body)).toContain(`"limit":${row.limit![mode].byDefault}`);
  });

  it.each(paged)('$label refuses a negative offset', async ({ row, mode }) => {
    const request = wellFormed(row);

    const answer = await get(mode, request.path, { ...request.query, offset: '-1' });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(SPOTIFY_ERRORS.invalidOffset.body);
  });

  it.each(paged.filter(({ row }) => row.offset?.max !== undefined))('$label refuses an offset past its documented maximum', async ({ row, mode }) => {
    const request = wellFormed(row);

    const answer = await get(mode, request.path, { ...request.query, offset: String(row.offset!.max! + 1) });

    expect(answer.body).toEqual(SPOTIFY_ERRORS.offsetPastSearchWindow.body);
  });
});

describe('Spotify contract: ids', () => {
  it.each(byPathId)('$label answers 404 non existing id for a well-formed id it does not know', async ({ row, mode }) => {
    const request = wellFormed(row, UNKNOWN_ID);

    const answer = await get(mode, request.path, request.query);

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(SPOTIFY_ERRORS.unknownId.body);
  });

  it.each(byPathId)('$label answers 400 for an id that is not base62', async ({ row, mode }) => {
    const request = wellFormed(row, 'not-an-id');

    const answer = await get(mode, request.path, request.query);

    expect(answer.body).toEqual(SPOTIFY_ERRORS.invalidId.body);
  });

  it.each(batches)('$label refuses one id more than its documented maximum', async ({ row, mode }) => {
    const { ids: listed } = row;
    const ids = listed.in === 'query' ? Array.from({ length: listed.max + 1 }, () => exampleIds[listed.kind][0]!) : [];

    const answer = await get(mode, row.path, { ids: ids.join(',') });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(SPOTIFY_ERRORS.tooManyIds.body);
  });

  it.each(batches)('$label answers null in an unknown id’s place', async ({ row, mode }) => {
    const answer = await get(mode, row.path, { ids: UNKNOWN_ID });

    expect(Object.values(answer.body as Record<string, unknown[]>)[0]).toEqual([null]);
  });

  it.each(answered.filter(({ row }) => row.required.length > 0))('$label refuses a request without its required parameters', async ({ row, mode }) => {
    const answer = await get(mode, row.path);

    expect(answer.status).toBe(400);
    expect([SPOTIFY_ERRORS.missingIds.body, SPOTIFY_ERRORS.noSearchQuery.body]).toContainEqual(answer.body);
  });
});

describe('Spotify contract: fields per access mode', () => {
  // Each object served in each mode, through the first endpoint that serves it there.
  const served = Object.values(SPOTIFY_OBJECTS)
    .filter((object) => ACCESS_MODES.some((mode) => object.removed[mode].length > 0))
    .flatMap((object) =>
    ACCESS_MODES.flatMap((mode) => {
      const through = answered.find((entry) => entry.mode === mode && entry.row.serves === object.kind);
      return through === undefined ? [] : [{ object, mode, row: through.row, label: `${object.kind} (${mode}, via ${through.row.path})` }];
    }),
  );

  it.each(served)('$label leaves out exactly the fields the contract removes', async ({ object, mode, row }) => {
    const request = wellFormed(row);

    const served = firstObject(row, (await get(mode, request.path, request.query)).body);

    for (const field of object.removed[mode]) expect(served).not.toHaveProperty(field);
    const removedElsewhere = ACCESS_MODES.flatMap((other) => object.removed[other]).filter((field) => !object.removed[mode].includes(field));
    for (const field of removedElsewhere) expect(served).toHaveProperty(field);
  });
});

describe('Spotify contract: errors without a row', () => {
  it('answers a request without a token with 401 No token provided', async () => {
    const response = await fetch(`${server.apiBaseUrl}/artists/${exampleIds.artist[0]}`);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(SPOTIFY_ERRORS.noToken.body);
  });

  it('answers a token it never issued with 401 Invalid access token', async () => {
    const response = await fetch(`${server.apiBaseUrl}/artists/${exampleIds.artist[0]}`, { headers: { authorization: 'Bearer forged' } });

    expect(await response.json()).toEqual(SPOTIFY_ERRORS.invalidToken.body);
  });

  it('answers a path no endpoint serves with 404', async () => {
    const answer = await get('development', '/artists/x/y/z');

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(SPOTIFY_ERRORS.unknownPath.body);
  });

  it('answers a rate-limited request with Spotify’s 429 body and Retry-After in seconds', async () => {
    server.simulate({ rateLimit: { requests: 1, windowMs: 60_000 } });
    try {
      await get('development', `/artists/${exampleIds.artist[0]}`);

      const answer = await get('development', `/artists/${exampleIds.artist[0]}`);

      expect(answer.status).toBe(429);
      expect(answer.body).toEqual(SPOTIFY_ERRORS.rateLimited.body);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      server.simulate({ rateLimit: undefined });
    }
  });

  it('answers an exhausted quota with the 429 QUOTA_EXCEEDED body', async () => {
    server.simulate({ quota: { afterRequests: 0 } });
    try {
      const answer = await get('development', `/artists/${exampleIds.artist[0]}`);

      expect(answer.status).toBe(429);
      expect(answer.body).toEqual({ error: { status: 429, message: 'Too many requests', reason: 'QUOTA_EXCEEDED' } });
    } finally {
      server.simulate({ quota: undefined });
    }
  });
});

describe('Spotify contract: sources', () => {
  const everyRule = [
    ...SPOTIFY_ENDPOINTS.map((row) => ({ label: row.path, source: row.source })),
    ...Object.values(SPOTIFY_OBJECTS).map((object) => ({ label: object.kind, source: object.source })),
    ...Object.entries(SPOTIFY_ERRORS).map(([name, entry]) => ({ label: name, source: entry.source })),
  ];

  it.each(everyRule)('$label names a page of Spotify’s own documentation', ({ source }) => {
    expect(source.spotify.length).toBeGreaterThan(0);
    for (const url of source.spotify) expect(url).toMatch(/^https:\/\/developer\.spotify\.com\//);
  });

  it.each(SPOTIFY_ENDPOINTS.map((row) => ({ label: row.path, row })))('$label is cross-checked against the community OpenAPI description', ({ row }) => {
    expect(row.source.openapi).toMatch(/sonallux\/spotify-web-api/);
  });
});
