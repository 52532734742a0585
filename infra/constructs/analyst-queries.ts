// Example Athena queries for analysts, saved as named queries in their workgroup. They read the
// curated tables of tasks/lake/tables.ts; `dt` is today in the pipeline's time zone (the nightly
// run's date), which analysts change to look at another run.

export interface AnalystQuery {
  name: string;
  description: string;
  sql: string;
}

export function analystQueries(timeZone: string): AnalystQuery[] {
  const today = `date_format(at_timezone(current_timestamp, '${timeZone}'), '%Y-%m-%d')`;
  return [
    {
      name: 'similar-artists-by-name',
      description: 'Neighbours of one artist for the latest run, with the score and the signals behind it',
      sql: `-- Replace the artist name; dt defaults to today's run in ${timeZone}.
with run as (
  select ${today} as dt
)

select
  source.name as artist,
  similarity.rank,
  similarity.neighbour_name as neighbour,
  similarity.score,
  similarity.signals,
  similarity.collaboration_score,
  similarity.genre_score,
  similarity.audio_score
from artist_similarity as similarity
join run
  on similarity.dt = run.dt
join artists as source
  on source.artist_id = similarity.artist_id
  and source.dt = similarity.dt
where lower(source.name) = lower('NewJeans')
order by similarity.rank`,
    },
    {
      name: 'rows-per-curated-table',
      description: 'Row counts of the curated tables for one run: a quick health check after the nightly run',
      sql: `with run as (
  select ${today} as dt
)

select 'artists' as table_name, count(*) as row_count from artists join run using (dt)
union all
select 'albums', count(*) from albums join run using (dt)
union all
select 'tracks', count(*) from tracks join run using (dt)
union all
select 'track_artists', count(*) from track_artists join run using (dt)
union all
select 'artist_similarity', count(*) from artist_similarity join run using (dt)
order by table_name`,
    },
    {
      name: 'top-collaborations',
      description: 'Artist pairs credited together on the most tracks in one run (the collaboration signal)',
      sql: `with run as (
  select ${today} as dt
),

credits as (
  select
    track_artists.track_id,
    track_artists.artist_id,
    track_artists.artist_name
  from track_artists
  join run
    on track_artists.dt = run.dt
)

select
  left_credit.artist_name as artist,
  right_credit.artist_name as collaborator,
  count(*) as shared_tracks
from credits as left_credit
join credits as right_credit
  on left_credit.track_id = right_credit.track_id
  and left_credit.artist_id < right_credit.artist_id
group by 1, 2
order by shared_tracks desc
limit 50`,
    },
    {
      name: 'artists-per-run',
      description: 'Tracked artists fetched per run date over the last 30 days, and how many came with genres',
      sql: `select
  dt,
  count(*) as artists,
  count_if(cardinality(genres) > 0) as artists_with_genres
from raw_artists
where dt >= date_format(current_date - interval '30' day, '%Y-%m-%d')
group by dt
order by dt desc`,
    },
  ];
}
