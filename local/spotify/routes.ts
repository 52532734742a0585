// The Web API surface of the built-in server, driven by the contract (tasks/spotify/contract.ts):
// each request is matched to a contract row, refused exactly as Spotify refuses it (removed for
// this access mode, malformed id, missing parameter, too many ids, limit or offset out of bounds,
// unknown id), and otherwise answered from the catalog with Spotify's paging.
import { normaliseName } from '../../tasks/names.js';
import {
  SPOTIFY_ENDPOINTS,
  SPOTIFY_ERRORS,
  type AccessMode,
  type EndpointContract,
  type EndpointName,
  type SpotifyErrorName,
} from '../../tasks/spotify/contract.js';
import { SPOTIFY_ID } from '../../tasks/spotify/ids.js';
import type { CatalogAlbum, CatalogArtist, SampleCatalog } from './catalog.js';
import { audioFeatures, fullAlbum, fullArtist, fullTrack, simplifiedAlbum, simplifiedTrack, type Presentation } from './objects.js';
import { regionalCatalog, type Edition } from './regional.js';

export interface RouteResponse {
  status: number;
  body: unknown;
  /** The contract's name of the endpoint (or 'unknown'), for the server's statistics. */
  endpoint: string;
  /** Ids of the resources the request named, so simulated faults can target them. */
  ids: string[];
}

export interface RouteContext {
  catalog: SampleCatalog;
  presentation: Presentation;
  /** Largest page the server hands out, whatever limit is asked for (a simulated condition; Spotify serves the limit). */
  pageSize: number;
}

interface Request {
  row: EndpointContract;
  /** The id in the path, for single-resource endpoints. */
  id: string;
  /** The ids of ?ids=, for batch endpoints. */
  listed: string[];
  query: URLSearchParams;
  limit: number;
  offset: number;
  context: RouteContext;
}

export function spotifyError(name: SpotifyErrorName, endpoint: string, ids: string[] = []): RouteResponse {
  return { status: SPOTIFY_ERRORS[name].status, body: SPOTIFY_ERRORS[name].body, endpoint, ids };
}

const templates = SPOTIFY_ENDPOINTS.map((row) => ({ row, segments: row.path.split('/').filter((segment) => segment !== '') }));

/** The contract row a path names, and the ids it names, before any fault is simulated. */
export function identify(segments: readonly string[], query: URLSearchParams): { row?: EndpointContract; endpoint: string; ids: string[] } {
  const found = templates.find(
    (template) => template.segments.length === segments.length && template.segments.every((part, index) => part === '{id}' || part === segments[index]),
  );
  if (found === undefined) return { endpoint: 'unknown', ids: [] };
  const { row } = found;
  const ids = row.ids.in === 'path' ? [segments[found.segments.indexOf('{id}')] as string] : listedIds(query);
  return { row, endpoint: row.name, ids: row.ids.in === 'none' ? [] : ids };
}

export function route(segments: readonly string[], query: URLSearchParams, context: RouteContext): RouteResponse {
  const { row, endpoint, ids } = identify(segments, query);
  if (row === undefined) return spotifyError('unknownPath', endpoint);
  const refusal = checkRequest(row, ids, query, context.presentation.access);
  if (refusal !== undefined) return spotifyError(refusal, endpoint, ids);
  const limits = row.limit?.[context.presentation.access];
  const request: Request = {
    row,
    id: ids[0] ?? '',
    listed: ids,
    query,
    limit: limits === undefined ? 0 : query.has('limit') ? Number(query.get('limit')) : limits.byDefault,
    offset: query.has('offset') ? Number(query.get('offset')) : 0,
    context,
  };
  const answer = handlers[row.name](request);
  return 'error' in answer ? spotifyError(answer.error, endpoint, ids) : { status: 200, body: answer.body, endpoint, ids };
}

/** What Spotify refuses before it looks anything up, in the contract's terms; undefined when the request is well formed. */
function checkRequest(row: EndpointContract, ids: readonly string[], query: URLSearchParams, access: AccessMode): SpotifyErrorName | undefined {
  const refused = row.refusedFor[access];
  if (refused !== undefined) return refused;
  for (const name of row.required) {
    if ((query.get(name) ?? '').trim() === '') return name === 'q' ? 'noSearchQuery' : name === 'type' ? 'missingSearchType' : 'missingIds';
  }
  if (row.ids.in !== 'none' && ids.some((id) => !SPOTIFY_ID.test(id))) return 'invalidId';
  if (row.ids.in === 'query' && ids.length > row.ids.max) return 'tooManyIds';
  const limits = row.limit?.[access];
  if (limits !== undefined && query.has('limit')) {
    const limit = Number(query.get('limit'));
    if (!Number.isInteger(limit) || limit < limits.min || limit > limits.max) return 'invalidLimit';
  }
  if (row.offset !== undefined && query.has('offset')) {
    const offset = Number(query.get('offset'));
    if (!Number.isInteger(offset) || offset < row.offset.min) return 'invalidOffset';
    if (row.offset.max !== undefined && offset > row.offset.max) return 'offsetPastSearchWindow';
  }
  return undefined;
}

function listedIds(query: URLSearchParams): string[] {
  return (query.get('ids') ?? '').split(',').filter((value) => value !== '');
}

type Answer = { body: unknown } | { error: SpotifyErrorName };

const handlers: Record<EndpointName, (request: Request) => Answer> = {
  artist: ({ id, context }) => found(context.catalog.artistById.get(id), (artist) => fullArtist(artist, context.presentation)),
  'artists-batch': ({ listed, context }) => ({
    body: { artists: listed.map((id) => present(context.catalog.artistById.get(id), (artist) => fullArtist(artist, context.presentation))) },
  }),
  'artist-albums': artistAlbums,
  'artist-top-tracks': topTracks,
  album: ({ id, context }) => found(regionalCatalog(context.catalog).album(id), (edition) => albumObject(edition, context)),
  'albums-batch': ({ listed, context }) => ({
    body: { albums: listed.map((id) => present(regionalCatalog(context.catalog).album(id), (edition) => albumObject(edition, context))) },
  }),
  'album-tracks': (request) => {
    const edition = regionalCatalog(request.context.catalog).album(request.id);
    if (edition === undefined) return { error: 'unknownId' };
    const tracks = editionTracks(edition, request.context);
    return {
      body: page(tracks, request, ({ track }) => simplifiedTrack(track, request.context.catalog, request.context.presentation, edition.markets)),
    };
  },
  track: ({ id, context }) => found(regionalCatalog(context.catalog).track(id), (found) => trackObject(found.track, found.edition, context)),
  'tracks-batch': ({ listed, context }) => ({
    body: { tracks: listed.map((id) => present(regionalCatalog(context.catalog).track(id), (found) => trackObject(found.track, found.edition, context))) },
  }),
  'audio-features': ({ id, context }) => found(context.catalog.trackById.get(id), (track) => audioFeatures(track, context.presentation)),
  'audio-features-batch': ({ listed, context }) => ({
    body: { audio_features: listed.map((id) => present(context.catalog.trackById.get(id), (track) => audioFeatures(track, context.presentation))) },
  }),
  search,
};

function found<T>(value: T | undefined, serialise: (value: T) => unknown): Answer {
  return value === undefined ? { error: 'unknownId' } : { body: serialise(value) };
}

/** Batch endpoints answer null for an unknown id instead of failing the batch. */
function present<T>(value: T | undefined, serialise: (value: T) => unknown): unknown {
  return value === undefined ? null : serialise(value);
}

/**
 * Spotify's paging object; `next` is an absolute URL carrying the same query with the next offset.
 * `present` makes the response object of each item served: a listing presents one page of its items,
 * not all of them (a prolific artist's releases are listed ten at a time).
 */
function page<T>(items: readonly T[], request: Request, present: (item: T) => unknown = (item) => item): Record<string, unknown> {
  const { query, offset, context } = request;
  const served = Math.min(request.limit, context.pageSize);
  const path = request.row.path.replace('{id}', request.id).slice(1);
  const at = (start: number) => {
    const next = new URLSearchParams(query);
    next.set('offset', String(start));
    next.set('limit', String(served));
    return `${context.presentation.apiBase}/${path}?${next.toString()}`;
  };
  return {
    href: at(offset),
    items: items.slice(offset, offset + served).map(present),
    limit: served,
    next: offset + served < items.length ? at(offset + served) : null,
    offset,
    previous: offset > 0 ? at(Math.max(0, offset - served)) : null,
    total: items.length,
  };
}

/**
 * Own releases, then releases the artist appears on, in the order Spotify lists them (by group,
 * newest first: catalog.ts keeps albumIdsByArtist so); without `market`, every regional edition of each.
 */
function artistAlbums(request: Request): Answer {
  const { id, query, context } = request;
  if (!context.catalog.artistById.has(id)) return { error: 'unknownId' };
  const groups = (query.get('include_groups') ?? 'album,single,appears_on,compilation').split(',');
  const market = request.row.regionalCopiesWithoutMarket ? query.get('market') : null;
  const regional = regionalCatalog(context.catalog);
  const albums = context.catalog.albumIdsByArtist.get(id) ?? { own: [], appearsOn: [] };
  const listed = (albumId: string, group?: string) => {
    const album = context.catalog.albumById.get(albumId);
    if (album === undefined) return [];
    const albumGroup = group ?? album.album_type;
    if (!groups.includes(albumGroup)) return [];
    return regional.visible(album, market).map((edition) => ({ edition, albumGroup }));
  };
  const items = [...albums.own.flatMap((albumId) => listed(albumId)), ...albums.appearsOn.flatMap((albumId) => listed(albumId, 'appears_on'))];
  return {
    body: page(items, request, ({ edition, albumGroup }) =>
      simplifiedAlbum(edition.album, context.catalog, context.presentation, albumGroup, edition.markets),
    ),
  };
}

function editionTracks(edition: Edition, context: RouteContext) {
  const regional = regionalCatalog(context.catalog);
  return edition.album.trackIds.flatMap((trackId) => {
    const found = regional.track(trackId);
    return found === undefined ? [] : [found];
  });
}

function albumObject(edition: Edition, context: RouteContext): unknown {
  const tracks = editionTracks(edition, context).map(({ track }) => simplifiedTrack(track, context.catalog, context.presentation, edition.markets));
  const first = { href: '', items: tracks.slice(0, 50), limit: 50, next: null, offset: 0, previous: null, total: tracks.length };
  return fullAlbum(edition.album, context.catalog, context.presentation, first, edition.markets);
}

function trackObject(track: Parameters<typeof fullTrack>[0], edition: Edition, context: RouteContext): unknown {
  return fullTrack(track, edition.album, context.catalog, context.presentation, edition.markets);
}

function topTracks({ id, context }: Request): Answer {
  if (!context.catalog.artistById.has(id)) return { error: 'unknownId' };
  const albums = context.catalog.albumIdsByArtist.get(id) ?? { own: [], appearsOn: [] };
  const tracks = [...albums.own, ...albums.appearsOn]
    .flatMap((albumId) => context.catalog.albumById.get(albumId)?.trackIds ?? [])
    .flatMap((trackId) => {
      const track = context.catalog.trackById.get(trackId);
      return track !== undefined && track.artistIds.includes(id) ? [track] : [];
    })
    .sort((a, b) => b.popularity - a.popularity || (a.id < b.id ? -1 : 1))
    .slice(0, 10);
  const albumOf = (albumId: string): CatalogAlbum | undefined => context.catalog.albumById.get(albumId);
  return { body: { tracks: tracks.map((track) => fullTrack(track, albumOf(track.albumId), context.catalog, context.presentation)) } };
}

/** Artist search ranked as a user would expect: exact name, then prefix, then substring, then all words. */
function search(request: Request): Answer {
  const { query, context } = request;
  const types = (query.get('type') ?? '').split(',');
  if (!types.includes('artist')) return { body: {} };
  const text = (query.get('q') ?? '').replace(/\b(artist|genre|year|tag):/gi, '').replace(/"/g, ' ');
  const wanted = normaliseName(text);
  const words = text.toLowerCase().split(/\s+/).filter((word) => word !== '').map(normaliseName);
  const ranked: { artist: CatalogArtist; rank: number }[] = [];
  for (const artist of [...context.catalog.artists, ...context.catalog.guests]) {
    const name = normaliseName(artist.name);
    const rank = name === wanted ? 0 : name.startsWith(wanted) ? 1 : name.includes(wanted) ? 2 : words.every((word) => name.includes(word)) ? 3 : -1;
    if (rank >= 0) ranked.push({ artist, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || b.artist.popularity - a.artist.popularity || (a.artist.id < b.artist.id ? -1 : 1));
  return { body: { artists: page(ranked, request, ({ artist }) => fullArtist(artist, context.presentation)) } };
}

