// What the quality harness reads from a run: the tracked artists and their genres, which of them
// could have a neighbour at all, and the neighbour lists the similarity step wrote, all for one dt
// from the curated tables of a local lake (npm start's, or one the harness built).
import type { LocalEngines } from '../duckdb/engines.js';
import type { NeighbourLists } from './metrics.js';

export interface RunData {
  tracked: ReadonlySet<string>;
  genres: ReadonlyMap<string, readonly string[]>;
  /** Tracked artists that share a genre, a credit or a collaborator with another, or have audio features as another does. */
  eligible: ReadonlySet<string>;
  similarity: NeighbourLists;
}

export async function readRunData(engines: Pick<LocalEngines, 'run'>, dt: string): Promise<RunData> {
  const artists = await engines.run(`select artist_id, genres from artists where dt = '${dt}'`);
  const genres = new Map(artists.map((row) => [String(row.artist_id), ((row.genres as string[] | null) ?? []).map(String)]));
  const eligible = await engines.run(ELIGIBLE_SQL.replaceAll('{{dt}}', dt));
  const rows = await engines.run(
    `select artist_id, neighbour_id from artist_similarity where dt = '${dt}' order by artist_id, rank`,
  );
  const similarity = new Map<string, string[]>();
  for (const row of rows) {
    const list = similarity.get(String(row.artist_id)) ?? [];
    list.push(String(row.neighbour_id));
    similarity.set(String(row.artist_id), list);
  }
  return { tracked: new Set(genres.keys()), genres, eligible: new Set(eligible.map((row) => String(row.artist_id))), similarity };
}

// A collaborator counts when it is tracked itself or worked with two tracked artists or more.
const ELIGIBLE_SQL = `
with
tracked as (select artist_id, genres from artists where dt = '{{dt}}'),
credits as (select distinct track_id, artist_id from track_artists where dt = '{{dt}}'),
collaborations as (
    select distinct credits.artist_id as artist_id, partners.artist_id as collaborator_id
    from credits
    inner join credits as partners
        on partners.track_id = credits.track_id
        and partners.artist_id <> credits.artist_id
    inner join tracked
        on tracked.artist_id = credits.artist_id
),
collaborator_reach as (
    select collaborator_id, count(*) as tracked_partners
    from collaborations
    group by collaborator_id
),
genre_memberships as (
    select distinct tracked.artist_id as artist_id, membership.genre as genre
    from tracked
    cross join unnest(tracked.genres) as membership (genre)
),
genre_reach as (
    select genre, count(*) as holders
    from genre_memberships
    group by genre
),
featured as (
    select features.artist_id as artist_id
    from artist_features as features
    inner join tracked
        on tracked.artist_id = features.artist_id
    where features.dt = '{{dt}}'
)
select collaborations.artist_id as artist_id
from collaborations
inner join collaborator_reach
    on collaborator_reach.collaborator_id = collaborations.collaborator_id
left join tracked as partners
    on partners.artist_id = collaborations.collaborator_id
where collaborator_reach.tracked_partners >= 2 or partners.artist_id is not null
union
select genre_memberships.artist_id as artist_id
from genre_memberships
inner join genre_reach
    on genre_reach.genre = genre_memberships.genre
where genre_reach.holders >= 2
union
select artist_id
from featured
where (select count(*) from featured) >= 2
`;
