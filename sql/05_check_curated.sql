-- 05_check_curated: data-quality checks on the curated tables of one run date.
--
-- purpose: stop the run, before any similarity is computed or published, when the curated tables
--          break their contract, or when too many artists had to be quarantined. Each check counts
--          its violations and gives an example; the query task reads the rows back and fails the run
--          (DataQualityCheckFailed, naming each failed check and its example) on any count above 0.
-- inputs:  artists, albums, tracks, track_artists, quarantined_rows, raw_artists, partition dt = '{{dt}}'
-- output:  none (a plain SELECT, read back by the query task: tasks/query/checks.ts)
-- grain:   one row per check: check_name, violation_count, example (null when there is none)
-- checks:  artists_present: at least one artist; artist_id_unique, album_id_unique, track_id_unique;
--          track_album_known: every track on an album in albums; credit_track_known: every credit on
--          a track in tracks; quarantined_artist_ratio: the artists 00_quarantine set aside are at
--          most {{max_quarantined_artist_ratio}} of the date's tracked artists (raw_artists), so one
--          artist's bad data never fails the night but a break that hits many artists does.
-- engine:  the same statement on Athena and DuckDB.
with

artists as (
    select
        artist_id
    from artists
    where dt = '{{dt}}'
),

albums as (
    select
        album_id
    from albums
    where dt = '{{dt}}'
),

tracks as (
    select
        track_id,
        album_id
    from tracks
    where dt = '{{dt}}'
),

credits as (
    select
        track_id,
        artist_id
    from track_artists
    where dt = '{{dt}}'
),

duplicate_artists as (
    select
        artist_id
    from artists
    group by artist_id
    having count(*) > 1
),

duplicate_albums as (
    select
        album_id
    from albums
    group by album_id
    having count(*) > 1
),

duplicate_tracks as (
    select
        track_id
    from tracks
    group by track_id
    having count(*) > 1
),

tracks_on_unknown_albums as (
    select
        tracks.track_id
    from tracks
    left join albums
        on albums.album_id = tracks.album_id
    where albums.album_id is null
),

credits_on_unknown_tracks as (
    select
        credits.track_id
    from credits
    left join tracks
        on tracks.track_id = credits.track_id
    where tracks.track_id is null
),

quarantined_artists as (
    select
        count(distinct artist_id) as artist_count,
        min(artist_id || ': ' || reason) as example
    from quarantined_rows
    where dt = '{{dt}}'
),

tracked_artists as (
    select
        count(distinct id) as artist_count
    from raw_artists
    where dt = '{{dt}}'
),

final as (
    select
        'artists_present' as check_name,
        cast(case when count(*) = 0 then 1 else 0 end as bigint) as violation_count,
        case
            when count(*) = 0 then 'no artists for this date (did LoadRawZone write raw_artists, and did the crawler run?)'
        end as example
    from artists

    union all

    select
        'artist_id_unique' as check_name,
        count(*) as violation_count,
        min(artist_id) as example
    from duplicate_artists

    union all

    select
        'album_id_unique' as check_name,
        count(*) as violation_count,
        min(album_id) as example
    from duplicate_albums

    union all

    select
        'track_id_unique' as check_name,
        count(*) as violation_count,
        min(track_id) as example
    from duplicate_tracks

    union all

    select
        'track_album_known' as check_name,
        count(*) as violation_count,
        min(track_id) as example
    from tracks_on_unknown_albums

    union all

    select
        'credit_track_known' as check_name,
        count(*) as violation_count,
        min(track_id) as example
    from credits_on_unknown_tracks

    union all

    select
        'quarantined_artist_ratio' as check_name,
        case
            when quarantined_artists.artist_count > {{max_quarantined_artist_ratio}} * tracked_artists.artist_count
                then quarantined_artists.artist_count
            else 0
        end as violation_count,
        cast(quarantined_artists.artist_count as varchar) || ' of ' || cast(tracked_artists.artist_count as varchar)
            || ' tracked artists quarantined, more than the allowed share {{max_quarantined_artist_ratio}}; '
            || quarantined_artists.example as example
    from quarantined_artists
    cross join tracked_artists
)

select
    check_name,
    violation_count,
    example
from final
