-- 01_artists: the tracked artists of one run date, as analysts and the later steps read them.
--
-- purpose: rename the raw artist fields to the curated contract (tasks/lake/tables.ts), leaving out
--          the artists 00_quarantine set aside.
-- inputs:  raw_artists, quarantined_rows, partition dt = '{{dt}}'
-- output:  curated/artists
-- grain:   one row per tracked artist not quarantined (Load deduplicates; 05_check_curated fails the
--          run on duplicates)
-- engine:  Athena UNLOAD writes Parquet (Snappy) to {{output_location}}, which the query task empties
--          first so a re-run replaces the date; locally the dialect layer turns UNLOAD into COPY.
unload (
    with

    quarantined as (
        select
            record_id
        from quarantined_rows
        where dt = '{{dt}}'
            and entity = 'artist'
    ),

    source as (
        select
            raw_artists.id as id,
            raw_artists.name as name,
            raw_artists.genres as genres,
            raw_artists.followers as followers,
            raw_artists.popularity as popularity
        from raw_artists
        left join quarantined
            on quarantined.record_id = raw_artists.id
        where raw_artists.dt = '{{dt}}'
            and quarantined.record_id is null
    ),

    final as (
        select
            id as artist_id,
            name as name,
            -- Apps without genres get empty arrays from Load; coalesce keeps a stray null out too.
            coalesce(genres, array[]) as genres,
            cast(followers as bigint) as followers,
            cast(popularity as integer) as popularity
        from source
    )

    select
        artist_id,
        name,
        genres,
        followers,
        popularity
    from final
    -- A fixed row order makes a re-run write the same bytes.
    order by
        artist_id
)
to '{{output_location}}'
with (format = 'PARQUET', compression = 'SNAPPY')
