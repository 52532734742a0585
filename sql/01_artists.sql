-- 01_artists: the tracked artists of one run date, as analysts and the later steps read them.
--
-- purpose: rename the raw artist fields to the curated contract (tasks/lake/tables.ts).
-- inputs:  raw_artists, partition dt = '{{dt}}'
-- output:  curated/artists
-- grain:   one row per tracked artist (Load deduplicates; 05_check_curated fails the run on duplicates)
-- engine:  Athena UNLOAD writes Parquet (Snappy) to {{output_location}}, which the query task empties
--          first so a re-run replaces the date; locally the dialect layer turns UNLOAD into COPY.
unload (
    with

    source as (
        select
            id,
            name,
            genres,
            followers,
            popularity
        from raw_artists
        where dt = '{{dt}}'
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
