// What FetchArtists stages per artist (`staging/dt=<dt>/artists/<id>.json.gz`) and LoadRawZone reads.
// Objects are already validated by the Spotify client; field names follow the Web API.

export interface ArtistRef {
  id: string;
  name: string;
}

export interface StagedArtistObject {
  id: string;
  name: string;
  /** Missing when this app is not given genres. */
  genres?: string[];
  /** Missing for apps created after the 2026-02 API changes. */
  followers?: { total: number | null } | null;
  popularity?: number | null;
  uri: string;
}

export interface StagedAlbum {
  id: string;
  name: string;
  album_type: string;
  release_date: string;
  release_date_precision: string;
  total_tracks: number;
  artists: ArtistRef[];
}

export interface StagedTrack {
  id: string;
  name: string;
  /** The album whose track listing contained this track. */
  album_id: string;
  disc_number: number;
  track_number: number;
  duration_ms: number;
  explicit: boolean;
  artists: ArtistRef[];
}

export interface StagedAudioFeatures {
  id: string;
  danceability: number;
  energy: number;
  loudness: number;
  speechiness: number;
  acousticness: number;
  instrumentalness: number;
}

export interface StagedArtist {
  artist: StagedArtistObject;
  albums: StagedAlbum[];
  tracks: StagedTrack[];
  /** Empty unless this app can read audio features. */
  audioFeatures: StagedAudioFeatures[];
  fetchedAt: string;
}
