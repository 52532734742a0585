-- 03_tracks: the tracks of the fetched albums on one run date.
--
-- purpose: rename the raw track fields to the curated contract and count the credited artists,
--          leaving out the tracks 00_quarantine set aside (those on a quarantined album).
-- inputs:  raw_tracks, quarantined_rows, partition dt = '{{dt}}'
-- output:  curated/tracks
-- grain:   one row per track not quarantined
-- engine:  Athena UNLOAD to Parquet (Snappy); locally COPY, and cardinality becomes DuckDB's len.
unload (
    with

    quarantined as (
        select
            record_id
        from quarantined_rows
        where dt = '{{dt}}'
            and entity = 'track'
    ),

    source as (
        select
            raw_tracks.id as id,
            raw_tracks.name as name,
            raw_tracks.album_id as album_id,
            raw_tracks.duration_ms as duration_ms,
            raw_tracks.explicit as explicit,
            raw_tracks.artist_ids as artist_ids
        from raw_tracks
        left join quarantined
            on quarantined.record_id = raw_tracks.id
        where raw_tracks.dt = '{{dt}}'
            and quarantined.record_id is null
    ),

    final as (
        select
            id as track_id,
            name as name,
            album_id as album_id,
            cast(duration_ms as bigint) as duration_ms,
            cast(explicit as boolean) as explicit,
            cast(cardinality(artist_ids) as integer) as artist_count
        from source
    )

    select
        track_id,
        name,
        album_id,
        duration_ms,
        explicit,
        artist_count
    from final
    -- A fixed row order makes a re-run write the same bytes.
    order by
        track_id
)
to '{{output_location}}'
with (format = 'PARQUET', compression = 'SNAPPY')
