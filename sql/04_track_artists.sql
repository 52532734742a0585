-- 04_track_artists: the collaboration graph, one edge per credited artist of a track.
--
-- purpose: explode each track's credited artists (tracked or not) with their credit order, so
--          the similarity step can find artists credited together and shared collaborators; the
--          tracks and artists 00_quarantine set aside have no credits here (the others keep their
--          credit position as Spotify lists it).
-- inputs:  raw_tracks, quarantined_rows, partition dt = '{{dt}}'
-- output:  curated/track_artists
-- grain:   one row per (track, credited artist), neither quarantined
-- engine:  Athena UNLOAD to Parquet (Snappy); locally COPY, and element_at becomes list_extract.
--          The credit position comes from array_position rather than UNNEST ... WITH ORDINALITY,
--          which node-sql-parser's Trino grammar (used by the tests) does not know.
unload (
    with

    quarantined_tracks as (
        select
            record_id
        from quarantined_rows
        where dt = '{{dt}}'
            and entity = 'track'
    ),

    quarantined_artists as (
        select
            record_id
        from quarantined_rows
        where dt = '{{dt}}'
            and entity = 'artist'
    ),

    source as (
        select
            raw_tracks.id as id,
            raw_tracks.artist_ids as artist_ids,
            raw_tracks.artist_names as artist_names
        from raw_tracks
        left join quarantined_tracks
            on quarantined_tracks.record_id = raw_tracks.id
        where raw_tracks.dt = '{{dt}}'
            and quarantined_tracks.record_id is null
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
            credits.track_id as track_id,
            credits.artist_id as artist_id,
            element_at(credits.artist_names, credits.credit_position) as artist_name,
            cast(credits.credit_position as integer) as credit_position
        from credits
        left join quarantined_artists
            on quarantined_artists.record_id = credits.artist_id
        where quarantined_artists.record_id is null
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
