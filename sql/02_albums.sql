-- 02_albums: the albums fetched for the tracked artists on one run date.
--
-- purpose: rename the raw album fields to the curated contract and derive the release year, leaving
--          out the albums 00_quarantine set aside.
-- inputs:  raw_albums, quarantined_rows, partition dt = '{{dt}}'
-- output:  curated/albums
-- grain:   one row per album not quarantined (Load deduplicates albums listed under several artists)
-- engine:  Athena UNLOAD to Parquet (Snappy); locally COPY through the dialect layer.
unload (
    with

    quarantined as (
        select
            record_id
        from quarantined_rows
        where dt = '{{dt}}'
            and entity = 'album'
    ),

    source as (
        select
            raw_albums.id as id,
            raw_albums.name as name,
            raw_albums.album_type as album_type,
            raw_albums.release_date as release_date,
            raw_albums.total_tracks as total_tracks
        from raw_albums
        left join quarantined
            on quarantined.record_id = raw_albums.id
        where raw_albums.dt = '{{dt}}'
            and quarantined.record_id is null
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
