-- 05_check_curated: data-quality checks on the curated tables of one run date.
--
-- purpose: stop the run, before any similarity is computed or published, when the curated tables
--          break their contract. Each check counts its violations; any violation fails the query
--          with one message naming every failed check and an example value.
-- inputs:  artists, albums, tracks, track_artists, partition dt = '{{dt}}'
-- output:  none (a plain SELECT: one row, outcome = 'passed', or the query fails)
-- grain:   one row for the run date
-- checks:  at least one artist; artist, album and track ids unique; every artist named; every
--          track on a known album; every credit on a known track
-- engine:  fail(message) is Trino's (hidden) fail function; the dialect layer maps it to DuckDB's
--          error(message) and array_join to array_to_string.
with

artists as (
    select
        artist_id,
        name
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

unnamed_artists as (
    select
        artist_id
    from artists
    where name is null or trim(name) = ''
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

violations as (
    select
        1 as check_order,
        case when count(*) = 0 then 1 else 0 end as violation_count,
        'no artists for this date (did LoadRawZone write raw_artists, and did the crawler run?)' as message
    from artists

    union all

    select
        2 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' duplicate artist_id value(s) in artists, e.g. ' || min(artist_id) as message
    from duplicate_artists

    union all

    select
        3 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' duplicate album_id value(s) in albums, e.g. ' || min(album_id) as message
    from duplicate_albums

    union all

    select
        4 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' duplicate track_id value(s) in tracks, e.g. ' || min(track_id) as message
    from duplicate_tracks

    union all

    select
        5 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' artist(s) without a name, e.g. ' || min(artist_id) as message
    from unnamed_artists

    union all

    select
        6 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' track(s) on an album missing from albums, e.g. ' || min(track_id) as message
    from tracks_on_unknown_albums

    union all

    select
        7 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' credit(s) on a track missing from tracks, e.g. ' || min(track_id) as message
    from credits_on_unknown_tracks
),

failures as (
    select
        check_order,
        message
    from violations
    where violation_count > 0
),

final as (
    select
        count(*) as failed_checks,
        array_join(array_agg(message order by check_order), '; ') as messages
    from failures
)

select
    failed_checks,
    case
        when failed_checks = 0 then 'passed'
        else fail('data quality check 05_check_curated failed for dt {{dt}}: ' || messages)
    end as outcome
from final
