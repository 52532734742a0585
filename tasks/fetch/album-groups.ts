// Which of an artist's releases the fetch reads, and how many. Collaboration evidence is in album
// track listings (each track lists every credited artist), one request per album now that the
// batch endpoints are gone, and real discographies are heavy-tailed: without a cap, one artist
// with hundreds of releases costs as much as a hundred ordinary ones. So each album group has a
// cap on releases listed and on releases whose tracks are read, newest first.
//
// What each group is worth for collaboration, per request, and so its read cap:
// - album: the most credited tracks per request (ten or more, a share of them with features): 8.
// - appears_on: another artist's release this artist is credited on. Every one holds at least one
//   collaboration, and it is where collaborations with artists nobody tracks show (the shared-
//   collaborator signal): 8.
// - single: one to three tracks a request; features are common on singles, but a request buys
//   little, and a prolific artist has dozens of them: 5.
// - compilation (best-ofs, and Various Artists compilations listed under appears_on): tracks
//   re-released under new ids with the credits they already had on the original release, so they
//   add no new collaborator and count the same collaboration twice: not read.
// Measured on the 300-artist sample (npm start, artist albums 10 a page): caps of 10/10/20 and
// 5/3/5 moved precision@10 against the planted groups by under 0.01 (0.898 and 0.885) while the
// tracks read went from 7,956 to 5,894: the caps buy requests, not quality.
import type { CallOptions, RejectedItem, SpotifyClient } from '../spotify/client.js';
import type { SpotifyAlbum } from '../spotify/schemas.js';

export const ALBUM_GROUPS = ['album', 'single', 'appears_on', 'compilation'] as const;
export type AlbumGroup = (typeof ALBUM_GROUPS)[number];

export interface AlbumGroupCap {
  /** Releases of this group listed at most (GET /artists/{id}/albums pages them; 10 per request since 2026-02). */
  list: number;
  /** Of those, the newest whose tracks are read (one request per album, from the lake when known). */
  read: number;
}

/** A group absent from the caps is neither listed nor read. */
export type AlbumGroupCaps = Partial<Record<AlbumGroup, AlbumGroupCap>>;

export const defaultAlbumGroupCaps: AlbumGroupCaps = {
  album: { list: 20, read: 8 },
  single: { list: 20, read: 5 },
  appears_on: { list: 20, read: 8 },
};

export interface ArtistAlbums {
  /** Every release listed, album_group set. */
  listed: SpotifyAlbum[];
  rejected: RejectedItem[];
  /** What the artist has in the groups asked for, as Spotify counted it. */
  total: number;
}

/**
 * Lists the artist's releases in the capped groups, at the fewest requests. The first page of all
 * groups together serves most artists, and says how many releases there are. Up to `togetherUpTo`
 * releases, the rest of that list is read from where the page ended: all of them, ceil(n / page)
 * requests in all. Beyond, each group is listed on its own up to its cap, because Spotify lists
 * group by group (album before single before appears_on): paging the combined list would spend the
 * requests on albums and never reach the newest singles or appearances.
 */
export async function listArtistAlbums(
  spotify: SpotifyClient,
  id: string,
  caps: AlbumGroupCaps,
  togetherUpTo: number,
  call: CallOptions,
): Promise<ArtistAlbums> {
  const groups = ALBUM_GROUPS.filter((group) => (caps[group]?.list ?? 0) > 0);
  if (groups.length === 0) return { listed: [], rejected: [], total: 0 };
  // Various Artists compilations are listed under appears_on: the appears_on cap lists them too.
  const includeGroups = groups.join(',');
  const first = await spotify.getArtistAlbums(id, { ...call, includeGroups, maxItems: 1 });
  const read = first.items.length + first.rejected.length;
  const total = first.total ?? read;
  if (read >= total) return { listed: first.items, rejected: first.rejected, total };
  if (total <= togetherUpTo) {
    const rest = await spotify.getArtistAlbums(id, { ...call, includeGroups, offset: read, maxItems: total - read });
    return { listed: [...first.items, ...rest.items], rejected: [...first.rejected, ...rest.rejected], total };
  }

  const listed: SpotifyAlbum[] = [];
  const rejected: RejectedItem[] = [];
  for (const group of groups) {
    const part = await spotify.getArtistAlbums(id, { ...call, includeGroups: group, maxItems: caps[group]?.list });
    listed.push(...part.items.map((album) => ({ ...album, album_group: album.album_group ?? group })));
    rejected.push(...part.rejected);
  }
  return { listed, rejected, total };
}

/** The group a release counts in for the caps: an appearance on a compilation counts as a compilation. */
export function capGroupOf(album: SpotifyAlbum): string {
  const group = album.album_group ?? album.album_type;
  return group === 'appears_on' && album.album_type === 'compilation' ? 'compilation' : group;
}

/**
 * The releases whose tracks are read: per group, the newest `read` of them by release_date (Spotify
 * gives no sort; YYYY, YYYY-MM and YYYY-MM-DD compare as text, a year-only date as its start),
 * ties by id so every night picks the same ones. Newest first.
 */
export function selectAlbumsToRead(listed: readonly SpotifyAlbum[], caps: AlbumGroupCaps): SpotifyAlbum[] {
  const seen = new Set<string>();
  const unique = listed.filter((album) => !seen.has(album.id) && seen.add(album.id));
  const newestFirst = [...unique].sort(
    (a, b) => (a.release_date < b.release_date ? 1 : a.release_date > b.release_date ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const taken = new Map<string, number>();
  return newestFirst.filter((album) => {
    const group = capGroupOf(album);
    const cap = caps[group as AlbumGroup]?.read ?? 0;
    const count = taken.get(group) ?? 0;
    if (count >= cap) return false;
    taken.set(group, count + 1);
    return true;
  });
}
