import { describe, expect, it } from 'vitest';
import { defaultAlbumGroupCaps, selectAlbumsToRead } from '../../tasks/fetch/album-groups.js';
import type { SpotifyAlbum } from '../../tasks/spotify/schemas.js';

function release(id: string, group: string, release_date: string, album_type = group === 'appears_on' ? 'album' : group): SpotifyAlbum {
  return { id, name: id, album_type, album_group: group, release_date, release_date_precision: 'day', total_tracks: 1, artists: [] };
}

describe('which releases the fetch reads', () => {
  it('reads the newest releases of each group, up to the group’s read cap', () => {
    const listed = [
      release('a1', 'album', '2001-01-01'),
      release('a2', 'album', '2024-05-01'),
      release('a3', 'album', '2019-03-01'),
      release('s1', 'single', '2025-01-01'),
      release('s2', 'single', '2010-01-01'),
      release('p1', 'appears_on', '2023-01-01'),
    ];

    const read = selectAlbumsToRead(listed, { album: { list: 10, read: 2 }, single: { list: 10, read: 1 }, appears_on: { list: 10, read: 5 } });

    expect(read.map((album) => album.id)).toEqual(['s1', 'a2', 'p1', 'a3']);
  });

  it('sorts by release date itself, whatever order Spotify lists in, and a year-only date before that year’s days', () => {
    const listed = [release('old', 'single', '2020'), release('new', 'single', '2020-06-01'), release('mid', 'single', '2020-02')];

    const read = selectAlbumsToRead([...listed].reverse(), { single: { list: 10, read: 3 } });

    expect(read.map((album) => album.id)).toEqual(['new', 'mid', 'old']);
  });

  it('reads no compilation by default: neither the artist’s best-ofs nor Various Artists compilations it appears on', () => {
    const listed = [
      release('best-of', 'compilation', '2025-01-01'),
      release('various', 'appears_on', '2025-02-01', 'compilation'),
      release('feature', 'appears_on', '2024-01-01'),
    ];

    const read = selectAlbumsToRead(listed, defaultAlbumGroupCaps);

    expect(read.map((album) => album.id)).toEqual(['feature']);
  });

  it('reads a release listed twice once', () => {
    const listed = [release('a1', 'album', '2020-01-01'), release('a1', 'album', '2020-01-01')];

    expect(selectAlbumsToRead(listed, defaultAlbumGroupCaps)).toHaveLength(1);
  });
});
