// The Web API surface of the built-in server: each route turns a request into a status and a JSON
// body from the catalog, with Spotify's paging, id checks, batch limits and error bodies. What an
// app may call depends on its access level (a development-mode app gets 403 on removed endpoints).
import { normaliseName } from '../../tasks/names.js';
import { SPOTIFY_ID } from '../../tasks/spotify/ids.js';
import type { CatalogAlbum, CatalogArtist, SampleCatalog } from './catalog.js';
import {
  audioFeatures,
  fullArtist,
  fullTrack,
  simplifiedAlbum,
  simplifiedTrack,
  type Presentation,
} from './objects.js';

export interface RouteResponse {
  status: number;
  body: unknown;
  /** Stable name of the endpoint, for the server's statistics. */
  endpoint: string;
  /** Ids of the resources the request named, so simulated faults can target them. */
  ids: string[];
}

export interface RouteContext {
  catalog: SampleCatalog;
  presentation: Presentation;
  /** Largest page the server hands out, whatever limit is asked for. */
  pageSize: number;
}

const DEFAULT_LIMITS = { development: { search: 5, searchMax: 10 }, extended: { search: 20, searchMax: 50 } };

export function spotifyError(status: number, message: string, endpoint: string, ids: string[] = []): RouteResponse {
  return { status, body: { error: { status, message } }, endpoint, ids };
}

/** Which route a path names, and its ids, before any fault is simulated. */
export function identify(segments: readonly string[], query: URLSearchParams): { endpoint: string; ids: string[] } {
  const [resource, id, sub] = segments;
  const listed = (query.get('ids') ?? '').split(',').filter((value) => value !== '');
  if (id === undefined) return { endpoint: `${resource ?? ''}${listed.length > 0 ? '-batch' : ''}`, ids: listed };
  return { endpoint: sub === undefined ? (resource ?? '').replace(/s$/, '') : `${resource?.replace(/s$/, '')}-${sub}`, ids: [id] };
}

export function route(segments: readonly string[], query: URLSearchParams, context: RouteContext): RouteResponse {
  const [resource, id, sub, ...rest] = segments;
  const { endpoint, ids } = identify(segments, query);
  const extended = context.presentation.access === 'extended';
  if (rest.length > 0) return spotifyError(404, 'Service not found', endpoint, ids);

  if (resource === 'search' && id === undefined) return search(query, context);
  if (id === undefined) {
    if (!['artists', 'albums', 'tracks', 'audio-features'].includes(resource ?? '')) {
      return spotifyError(404, 'Service not found', endpoint, ids);
    }
    if (!extended) return spotifyError(403, 'Forbidden', endpoint, ids);
    return batch(resource as string, ids, context, endpoint);
  }
  if (!SPOTIFY_ID.test(id)) return spotifyError(400, 'Invalid base62 id', endpoint, ids);

  switch (`${resource}/${sub ?? ''}`) {
    case 'artists/':
      return found(context.catalog.artistById.get(id), (artist) => fullArtist(artist, context.presentation), endpoint, ids);
    case 'artists/albums':
      return artistAlbums(id, query, context, endpoint);
    case 'artists/top-tracks':
      if (!extended) return spotifyError(403, 'Forbidden', endpoint, ids);
      return topTracks(id, context, endpoint);
    case 'albums/':
      return album(id, context, endpoint);
    case 'albums/tracks':
      return albumTracks(id, query, context, endpoint);
    case 'tracks/':
      return found(context.catalog.trackById.get(id), (track) => fullTrack(track, context.catalog, context.presentation), endpoint, ids);
    case 'audio-features/':
      if (!extended) return spotifyError(403, 'Forbidden', endpoint, ids);
      return found(context.catalog.trackById.get(id), (track) => audioFeatures(track, context.presentation), endpoint, ids);
    default:
      return spotifyError(404, 'Service not found', endpoint, ids);
  }
}

function found<T>(value: T | undefined, present: (value: T) => unknown, endpoint: string, ids: string[]): RouteResponse {
  if (value === undefined) return spotifyError(404, 'Resource not found', endpoint, ids);
  return { status: 200, body: present(value), endpoint, ids };
}

/** Spotify's paging object; `next` is an absolute URL carrying the same query with the next offset. */
function page<T>(
  items: readonly T[],
  query: URLSearchParams,
  path: string,
  context: RouteContext,
  limits: { byDefault: number; max: number },
): { body: Record<string, unknown> } | { error: string } {
  const limit = query.has('limit') ? Number(query.get('limit')) : limits.byDefault;
  const offset = query.has('offset') ? Number(query.get('offset')) : 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.max) return { error: 'Invalid limit' };
  if (!Number.isInteger(offset) || offset < 0) return { error: 'Invalid offset' };
  const served = Math.min(limit, context.pageSize);
  const at = (start: number) => {
    const next = new URLSearchParams(query);
    next.set('offset', String(start));
    next.set('limit', String(served));
    return `${context.presentation.apiBase}/${path}?${next.toString()}`;
  };
  return {
    body: {
      href: at(offset),
      items: items.slice(offset, offset + served),
      limit: served,
      next: offset + served < items.length ? at(offset + served) : null,
      offset,
      previous: offset > 0 ? at(Math.max(0, offset - served)) : null,
      total: items.length,
    },
  };
}

function paged(
  items: readonly unknown[],
  query: URLSearchParams,
  path: string,
  context: RouteContext,
  endpoint: string,
  ids: string[],
): RouteResponse {
  const result = page(items, query, path, context, { byDefault: 20, max: 50 });
  return 'error' in result ? spotifyError(400, result.error, endpoint, ids) : { status: 200, body: result.body, endpoint, ids };
}

/** Listed in the order Spotify lists them (catalog.ts, ARTIST_ALBUM_GROUP_ORDER); only the page asked for is serialised. */
function artistAlbums(id: string, query: URLSearchParams, context: RouteContext, endpoint: string): RouteResponse {
  if (!context.catalog.artistById.has(id)) return spotifyError(404, 'Resource not found', endpoint, [id]);
  const groups = (query.get('include_groups') ?? 'album,single,appears_on,compilation').split(',');
  const albums = context.catalog.albumIdsByArtist.get(id) ?? { own: [], appearsOn: [] };
  const entries = [
    ...albums.own.map((albumId) => ({ albumId, group: context.catalog.albumById.get(albumId)?.album_type as string })),
    ...albums.appearsOn.map((albumId) => ({ albumId, group: 'appears_on' })),
  ].filter((entry) => groups.includes(entry.group));
  const result = page(entries, query, `artists/${id}/albums`, context, { byDefault: 20, max: 50 });
  if ('error' in result) return spotifyError(400, result.error, endpoint, [id]);
  const items = (result.body.items as typeof entries).map(({ albumId, group }) =>
    simplifiedAlbum(context.catalog.albumById.get(albumId) as CatalogAlbum, context.catalog, context.presentation, group),
  );
  return { status: 200, body: { ...result.body, items }, endpoint, ids: [id] };
}

function albumTracks(id: string, query: URLSearchParams, context: RouteContext, endpoint: string): RouteResponse {
  const album = context.catalog.albumById.get(id);
  if (album === undefined) return spotifyError(404, 'Resource not found', endpoint, [id]);
  const items = album.trackIds.flatMap((trackId) => {
    const track = context.catalog.trackById.get(trackId);
    return track === undefined ? [] : [simplifiedTrack(track, context.catalog, context.presentation)];
  });
  return paged(items, query, `albums/${id}/tracks`, context, endpoint, [id]);
}

function album(id: string, context: RouteContext, endpoint: string): RouteResponse {
  const found = context.catalog.albumById.get(id);
  if (found === undefined) return spotifyError(404, 'Resource not found', endpoint, [id]);
  const tracks = albumTracks(id, new URLSearchParams({ limit: '50' }), context, endpoint).body;
  return { status: 200, body: { ...simplifiedAlbum(found, context.catalog, context.presentation), tracks, genres: [], label: 'Sixpotify Sample Records' }, endpoint, ids: [id] };
}

function topTracks(id: string, context: RouteContext, endpoint: string): RouteResponse {
  if (!context.catalog.artistById.has(id)) return spotifyError(404, 'Resource not found', endpoint, [id]);
  const albums = context.catalog.albumIdsByArtist.get(id) ?? { own: [], appearsOn: [] };
  const tracks = [...albums.own, ...albums.appearsOn]
    .flatMap((albumId) => context.catalog.albumById.get(albumId)?.trackIds ?? [])
    .flatMap((trackId) => {
      const track = context.catalog.trackById.get(trackId);
      return track !== undefined && track.artistIds.includes(id) ? [track] : [];
    })
    .sort((a, b) => b.popularity - a.popularity || (a.id < b.id ? -1 : 1))
    .slice(0, 10);
  return { status: 200, body: { tracks: tracks.map((track) => fullTrack(track, context.catalog, context.presentation)) }, endpoint, ids: [id] };
}

const BATCH_LIMITS: Record<string, number> = { artists: 50, albums: 20, tracks: 50, 'audio-features': 100 };

function batch(resource: string, ids: string[], context: RouteContext, endpoint: string): RouteResponse {
  if (ids.length === 0) return spotifyError(400, 'Missing required field: ids', endpoint, ids);
  if (ids.length > (BATCH_LIMITS[resource] ?? 0)) return spotifyError(400, 'Too many ids requested', endpoint, ids);
  const { catalog, presentation } = context;
  const one = (id: string): unknown => {
    if (resource === 'artists') {
      const artist = catalog.artistById.get(id);
      return artist === undefined ? null : fullArtist(artist, presentation);
    }
    if (resource === 'albums') {
      const album = catalog.albumById.get(id);
      return album === undefined ? null : simplifiedAlbum(album, catalog, presentation);
    }
    const track = catalog.trackById.get(id);
    if (track === undefined) return null;
    return resource === 'tracks' ? fullTrack(track, catalog, presentation) : audioFeatures(track, presentation);
  };
  const key = resource === 'audio-features' ? 'audio_features' : resource;
  return { status: 200, body: { [key]: ids.map(one) }, endpoint, ids };
}

/** Artist search ranked as a user would expect: exact name, then prefix, then substring, then all words. */
function search(query: URLSearchParams, context: RouteContext): RouteResponse {
  const endpoint = 'search';
  const q = query.get('q');
  if (q === null || q.trim() === '') return spotifyError(400, 'No search query', endpoint);
  const types = (query.get('type') ?? '').split(',');
  if (!types.includes('artist')) return spotifyError(400, 'Missing parameter type', endpoint);
  const text = q.replace(/\b(artist|genre|year|tag):/gi, '').replace(/"/g, ' ');
  const wanted = normaliseName(text);
  const words = text.toLowerCase().split(/\s+/).filter((word) => word !== '').map(normaliseName);
  const ranked: { artist: CatalogArtist; rank: number }[] = [];
  for (const artist of [...context.catalog.artists, ...context.catalog.guests]) {
    const name = normaliseName(artist.name);
    const rank = name === wanted ? 0 : name.startsWith(wanted) ? 1 : name.includes(wanted) ? 2 : words.every((word) => name.includes(word)) ? 3 : -1;
    if (rank >= 0) ranked.push({ artist, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || b.artist.popularity - a.artist.popularity || (a.artist.id < b.artist.id ? -1 : 1));
  const limits = DEFAULT_LIMITS[context.presentation.access];
  const items = ranked.map(({ artist }) => fullArtist(artist, context.presentation));
  const result = page(items, query, 'search', context, { byDefault: limits.search, max: limits.searchMax });
  if ('error' in result) return spotifyError(400, result.error, endpoint);
  return { status: 200, body: { artists: result.body }, endpoint, ids: [] };
}
