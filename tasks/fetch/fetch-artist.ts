// One artist, as the 2026 API allows: the artist object (or its slot in a batch when the app may use
// GET /artists?ids=), its releases in the album groups the settings cap (album-groups.ts), and every
// page of the tracks of the newest releases within the caps, from the lake when it already holds
// them; top tracks and audio features when this app gets them. Items that fail validation come back
// as `rejected` for the quarantine; the rest is kept.
import type { CallOptions, RejectedItem, SpotifyClient, Validated } from '../spotify/client.js';
import { isRefusal, type OptionalEndpoint, type SpotifyCapabilities } from '../spotify/capabilities.js';
import type { SpotifyAlbum, SpotifyArtist, SpotifyTrack } from '../spotify/schemas.js';
import { listArtistAlbums, selectAlbumsToRead } from './album-groups.js';
import type { LakeHistory } from './lake-history.js';
import type { FetchSettings } from './settings.js';
import type { StagedAlbum, StagedArtist, StagedAudioFeatures, StagedTrack } from '../contracts/staged-artist.js';

export interface ArtistFetchContext {
  spotify: SpotifyClient;
  capabilities: SpotifyCapabilities;
  history: LakeHistory;
  settings: FetchSettings;
  call: CallOptions;
  /** The artist object, from a batch when the app may use them. */
  artistObject(id: string): Promise<SpotifyArtist>;
  /** Album track listings shared by the artists of this slice (collaborators share albums), each fetched once. */
  albumTracks(albumId: string): Promise<Validated<SpotifyTrack>>;
  /** Turns an optional signal off for the rest of the run after a refusal. */
  refused(endpoint: OptionalEndpoint, reason: string): void;
  fetchedAt(): string;
}

export interface ArtistFetchResult {
  staged: StagedArtist;
  rejected: RejectedItem[];
  /** Releases listed, and of those the ones left unread by the caps (only the read ones are staged). */
  albumsListed: number;
  albumsSkipped: number;
  albumsFromLake: number;
  tracksFromLake: number;
  audioFeaturesFromLake: number;
}

export async function fetchArtist(id: string, context: ArtistFetchContext): Promise<ArtistFetchResult> {
  const { spotify, call } = context;
  const artist = await context.artistObject(id);
  const listing = await listArtistAlbums(spotify, id, context.settings.albumGroups, context.settings.listAlbumsTogetherUpTo, call);
  const albums = selectAlbumsToRead(listing.listed, context.settings.albumGroups);
  const rejected = [...listing.rejected];
  let albumsFromLake = 0;
  let tracksFromLake = 0;

  const perAlbum = await Promise.all(
    albums.map(async (album) => {
      const known = context.settings.incremental ? context.history.tracksOf(album.id, album.total_tracks) : undefined;
      if (known !== undefined) {
        albumsFromLake += 1;
        tracksFromLake += known.length;
        return known;
      }
      const listed = await context.albumTracks(album.id);
      rejected.push(...listed.rejected);
      return listed.items.map((track) => toStagedTrack(track, album.id));
    }),
  );
  const tracks = perAlbum.flat();
  const topTracks = await readTopTracks(id, context, rejected);
  const listed = new Set(tracks.map((track) => track.id));
  tracks.push(...topTracks.tracks.filter((track) => !listed.has(track.id)));
  // A top track's album may be one the caps left unread: stage it too, so every track's album is known.
  const staged = new Set(albums.map((album) => album.id));
  const topAlbums = topTracks.albums.filter((album) => !staged.has(album.id) && staged.add(album.id));

  const { features, fromLake } = await readAudioFeatures(id, tracks, context, rejected);
  return {
    staged: {
      artist,
      albums: [...albums, ...topAlbums].map(toStagedAlbum),
      tracks,
      audioFeatures: features,
      fetchedAt: context.fetchedAt(),
    },
    rejected,
    albumsListed: listing.listed.length,
    albumsSkipped: listing.listed.length - albums.length,
    albumsFromLake,
    tracksFromLake,
    audioFeaturesFromLake: fromLake,
  };
}

async function readTopTracks(
  id: string,
  context: ArtistFetchContext,
  rejected: RejectedItem[],
): Promise<{ tracks: StagedTrack[]; albums: SpotifyAlbum[] }> {
  if (!context.capabilities.topTracks || !context.settings.useTopTracks) return { tracks: [], albums: [] };
  try {
    const top = await context.spotify.getTopTracks(id, context.call);
    rejected.push(...top.rejected);
    return { tracks: top.items.map((track) => toStagedTrack(track, track.album.id)), albums: top.items.map((track) => track.album) };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    context.refused('topTracks', error.message);
    return { tracks: [], albums: [] };
  }
}

/** Features of the artist's own credited tracks: the lake's when known, Spotify's (batches of 100) otherwise. */
async function readAudioFeatures(
  id: string,
  tracks: readonly StagedTrack[],
  context: ArtistFetchContext,
  rejected: RejectedItem[],
): Promise<{ features: StagedAudioFeatures[]; fromLake: number }> {
  if (!context.capabilities.audioFeatures) return { features: [], fromLake: 0 };
  const credited = [...new Set(tracks.filter((track) => track.artists.some((credit) => credit.id === id)).map((track) => track.id))];
  const known = credited.flatMap((trackId) => {
    const features = context.history.featuresOf(trackId);
    return features === undefined ? [] : [features];
  });
  const knownIds = new Set(known.map((features) => features.id));
  const missing = credited.filter((trackId) => !knownIds.has(trackId));
  if (missing.length === 0) return { features: known, fromLake: known.length };
  try {
    const fetched = await context.spotify.getAudioFeatures(missing, context.call);
    rejected.push(...fetched.rejected);
    return { features: [...known, ...fetched.items.map(pickFeatures)], fromLake: known.length };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    context.refused('audioFeatures', error.message);
    return { features: known, fromLake: known.length };
  }
}

function pickFeatures(features: StagedAudioFeatures): StagedAudioFeatures {
  const { id, danceability, energy, loudness, speechiness, acousticness, instrumentalness } = features;
  return { id, danceability, energy, loudness, speechiness, acousticness, instrumentalness };
}

function toStagedAlbum(album: SpotifyAlbum): StagedAlbum {
  const { id, name, album_type, release_date, release_date_precision, total_tracks, artists } = album;
  return { id, name, album_type, release_date, release_date_precision, total_tracks, artists };
}

function toStagedTrack(track: SpotifyTrack, albumId: string): StagedTrack {
  const { id, name, disc_number, track_number, duration_ms, explicit, artists } = track;
  return { id, name, album_id: albumId, disc_number, track_number, duration_ms, explicit, artists };
}
