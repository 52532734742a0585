-- 03_tracks: the tracks of the fetched albums on one run date.
--
-- purpose: rename the raw track fields to the curated contract and count the credited artists.
-- inputs:  raw_tracks, partition dt = '{{dt}}'
-- output:  curated/tracks
-- grain:   one row per track
-- engine:  Athena UNLOAD to Parquet (Snappy); locally COPY, and cardinality becomes DuckDB's len.
unload (
    with

    source as (
        select
            id,
            name,
            album_id,
            duration_ms,
            explicit,
            artist_ids
        from raw_tracks
        where dt = '{{dt}}'
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
