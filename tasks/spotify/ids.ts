// A Spotify id: 22 base-62 characters. Used to tell an id from a name wherever users type either.
export const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
