-- 04_track_artists: the collaboration graph, one edge per credited artist of a track.
--
-- purpose: explode each track's credited artists (tracked or not) with their credit order, so
--          the similarity step can find artists credited together and shared collaborators.
-- inputs:  raw_tracks, partition dt = '{{dt}}'
-- output:  curated/track_artists
-- grain:   one row per (track, credited artist)
-- engine:  Athena UNLOAD to Parquet (Snappy); locally COPY, and element_at becomes list_extract.
--          The credit position comes from array_position rather than UNNEST ... WITH ORDINALITY,
--          which node-sql-parser's Trino grammar (used by the tests) does not know.
unload (
    with

    source as (
        select
            id,
            artist_ids,
            artist_names
        from raw_tracks
        where dt = '{{dt}}'
    ),

    credits as (
        select
            source.id as track_id,
            credit.artist_id as artist_id,
            array_position(source.artist_ids, credit.artist_id) as credit_position,
            source.artist_names as artist_names
        from source
        cross join unnest(source.artist_ids) as credit (artist_id)
    ),

    final as (
        select distinct
            track_id as track_id,
            artist_id as artist_id,
            element_at(artist_names, credit_position) as artist_name,
            cast(credit_position as integer) as credit_position
        from credits
    )

    select
        track_id,
        artist_id,
        artist_name,
        credit_position
    from final
    -- A fixed row order makes a re-run write the same bytes.
    order by
        track_id,
        credit_position,
        artist_id
)
to '{{output_location}}'
with (format = 'PARQUET', compression = 'SNAPPY')
