// Catalog entities as the Spotify Web API serialises them. What a response contains depends on the
// app's access level, as the contract's object table says: since the 2026-02 changes a development-
// mode app no longer receives followers, popularity or available_markets, and some receive no genres.
import { SPOTIFY_OBJECTS, type ObjectKind } from '../../tasks/spotify/contract.js';
import type { AccessLevel, CatalogAlbum, CatalogArtist, CatalogTrack, SampleCatalog } from './catalog.js';

export interface Presentation {
  access: AccessLevel;
  genres: boolean;
  /** Origin plus /v1, used for href fields. */
  apiBase: string;
  /** id -> fields to drop wherever that object is served (simulates missing fields). */
  missingFields: Record<string, string[]>;
}

type Json = Record<string, unknown>;

/** Every market the sample catalog is released in. */
export const MARKETS = ['KR', 'US', 'GB', 'JP', 'DE', 'BR'];

/** The object as this app receives it: without the fields its access mode lacks, or a test removed. */
function presented(kind: ObjectKind, object: Json, id: string, presentation: Presentation): Json {
  const copy = { ...object };
  for (const field of SPOTIFY_OBJECTS[kind].removed[presentation.access]) delete copy[field];
  for (const field of presentation.missingFields[id] ?? []) delete copy[field];
  return copy;
}

function links(kind: string, id: string, presentation: Presentation): Json {
  return {
    external_urls: { spotify: `https://open.spotify.com/${kind}/${id}` },
    href: `${presentation.apiBase}/${kind}s/${id}`,
    id,
    type: kind,
    uri: `spotify:${kind}:${id}`,
  };
}

export function simplifiedArtist(artist: CatalogArtist, presentation: Presentation): Json {
  return { ...links('artist', artist.id, presentation), name: artist.name };
}

export function fullArtist(artist: CatalogArtist, presentation: Presentation): Json {
  const object: Json = {
    ...simplifiedArtist(artist, presentation),
    images: [],
    followers: { href: null, total: artist.followers },
    popularity: artist.popularity,
  };
  if (presentation.genres) object.genres = artist.genres;
  return presented('artist', object, artist.id, presentation);
}

function artistRefs(ids: readonly string[], catalog: SampleCatalog, presentation: Presentation): Json[] {
  return ids.flatMap((id) => {
    const artist = catalog.artistById.get(id);
    return artist === undefined ? [] : [simplifiedArtist(artist, presentation)];
  });
}

export function simplifiedAlbum(
  album: CatalogAlbum,
  catalog: SampleCatalog,
  presentation: Presentation,
  albumGroup?: string,
  markets: readonly string[] = MARKETS,
): Json {
  const object: Json = {
    available_markets: markets,
    album_type: album.album_type,
    total_tracks: album.trackIds.length,
    ...links('album', album.id, presentation),
    images: [],
    name: album.name,
    release_date: album.release_date,
    release_date_precision: album.release_date_precision,
    artists: artistRefs(album.artistIds, catalog, presentation),
  };
  if (albumGroup !== undefined) object.album_group = albumGroup;
  return presented('simplified-album', object, album.id, presentation);
}

/** GET /albums/{id}: the simplified album plus its first page of tracks and the fields only the full object has. */
export function fullAlbum(album: CatalogAlbum, catalog: SampleCatalog, presentation: Presentation, tracks: unknown, markets: readonly string[] = MARKETS): Json {
  const object: Json = {
    ...simplifiedAlbum(album, catalog, { ...presentation, access: 'extended' }, undefined, markets),
    tracks,
    genres: [],
    label: 'Sixpotify Sample Records',
    popularity: Math.round(album.trackIds.length * 7) % 101,
    external_ids: { upc: `880${album.id.slice(0, 9)}` },
  };
  return presented('album', object, album.id, presentation);
}

export function simplifiedTrack(track: CatalogTrack, catalog: SampleCatalog, presentation: Presentation, markets: readonly string[] = MARKETS): Json {
  const object: Json = {
    available_markets: markets,
    artists: artistRefs(track.artistIds, catalog, presentation),
    disc_number: track.disc_number,
    duration_ms: track.duration_ms,
    explicit: track.explicit,
    ...links('track', track.id, presentation),
    is_local: false,
    name: track.name,
    preview_url: null,
    track_number: track.track_number,
  };
  return presented('simplified-track', object, track.id, presentation);
}

export function fullTrack(track: CatalogTrack, album: CatalogAlbum | undefined, catalog: SampleCatalog, presentation: Presentation, markets: readonly string[] = MARKETS): Json {
  const object: Json = {
    ...simplifiedTrack(track, catalog, { ...presentation, access: 'extended' }, markets),
    album: album === undefined ? null : simplifiedAlbum(album, catalog, { ...presentation, missingFields: {} }, undefined, markets),
    external_ids: { isrc: `KRA${track.id.slice(0, 9).toUpperCase()}` },
    popularity: track.popularity,
  };
  return presented('track', object, track.id, presentation);
}

export function audioFeatures(track: CatalogTrack, presentation: Presentation): Json {
  return {
    ...track.audioFeatures,
    id: track.id,
    type: 'audio_features',
    uri: `spotify:track:${track.id}`,
    track_href: `${presentation.apiBase}/tracks/${track.id}`,
    analysis_url: `${presentation.apiBase}/audio-analysis/${track.id}`,
    duration_ms: track.duration_ms,
    key: track.duration_ms % 12,
    mode: track.duration_ms % 2,
    tempo: 70 + (track.duration_ms % 110),
    time_signature: 4,
    valence: Math.round(((track.audioFeatures.danceability + track.audioFeatures.energy) / 2) * 1000) / 1000,
    liveness: 0.1,
  };
}
