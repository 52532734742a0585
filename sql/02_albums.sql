-- 02_albums: the albums fetched for the tracked artists on one run date.
--
-- purpose: rename the raw album fields to the curated contract and derive the release year.
-- inputs:  raw_albums, partition dt = '{{dt}}'
-- output:  curated/albums
-- grain:   one row per album (Load deduplicates albums listed under several artists)
-- engine:  Athena UNLOAD to Parquet (Snappy); locally COPY through the dialect layer.
unload (
    with

    source as (
        select
            id,
            name,
            album_type,
            release_date,
            total_tracks
        from raw_albums
        where dt = '{{dt}}'
    ),

    final as (
        select
            id as album_id,
            name as name,
            album_type as album_type,
            release_date as release_date,
            -- Spotify gives YYYY, YYYY-MM or YYYY-MM-DD, and '0000' for some old releases: no year then.
            nullif(try_cast(substr(release_date, 1, 4) as integer), 0) as release_year,
            cast(total_tracks as integer) as total_tracks
        from source
    )

    select
        album_id,
        name,
        album_type,
        release_date,
        release_year,
        total_tracks
    from final
    -- A fixed row order makes a re-run write the same bytes.
    order by
        album_id
)
to '{{output_location}}'
with (format = 'PARQUET', compression = 'SNAPPY')
