-- 06_artist_features: the audio signal, as the original systems computed it.
--
-- purpose: average six audio features over each tracked artist's credited tracks, then min-max
--          normalise every average across the date's artists, so each feature weighs the same in
--          the Euclidean distance of 07_artist_similarity (loudness is in dB, the rest 0-1).
-- inputs:  artists, track_artists (partition dt = '{{dt}}'); raw_audio_features (dt = '{{dt}}'),
--          which only apps with extended access fill: without it this table is empty for the date
--          and similarity uses the other signals
-- output:  curated/artist_features
-- grain:   one row per tracked artist with at least one track with all six features
-- engine:  Athena UNLOAD to Parquet (Snappy); locally COPY through the dialect layer. Averages are
--          rounded to 9 places so parallel summation order cannot change a later tie-break.
unload (
    with

    tracked as (
        select
            artist_id
        from artists
        where dt = '{{dt}}'
    ),

    credits as (
        select distinct
            track_artists.track_id as track_id,
            track_artists.artist_id as artist_id
        from track_artists
        inner join tracked
            on tracked.artist_id = track_artists.artist_id
        where track_artists.dt = '{{dt}}'
    ),

    features as (
        -- One row per track even if a track's features were staged twice.
        select
            id as track_id,
            avg(danceability) as danceability,
            avg(energy) as energy,
            avg(loudness) as loudness,
            avg(speechiness) as speechiness,
            avg(acousticness) as acousticness,
            avg(instrumentalness) as instrumentalness
        from raw_audio_features
        where dt = '{{dt}}'
            and danceability is not null
            and energy is not null
            and loudness is not null
            and speechiness is not null
            and acousticness is not null
            and instrumentalness is not null
        group by id
    ),

    averages as (
        select
            credits.artist_id as artist_id,
            count(*) as track_count,
            round(avg(features.danceability), 9) as danceability,
            round(avg(features.energy), 9) as energy,
            round(avg(features.loudness), 9) as loudness,
            round(avg(features.speechiness), 9) as speechiness,
            round(avg(features.acousticness), 9) as acousticness,
            round(avg(features.instrumentalness), 9) as instrumentalness
        from credits
        inner join features
            on features.track_id = credits.track_id
        group by credits.artist_id
    ),

    ranges as (
        select
            min(danceability) as danceability_min,
            max(danceability) as danceability_max,
            min(energy) as energy_min,
            max(energy) as energy_max,
            min(loudness) as loudness_min,
            max(loudness) as loudness_max,
            min(speechiness) as speechiness_min,
            max(speechiness) as speechiness_max,
            min(acousticness) as acousticness_min,
            max(acousticness) as acousticness_max,
            min(instrumentalness) as instrumentalness_min,
            max(instrumentalness) as instrumentalness_max
        from averages
    ),

    final as (
        -- A feature with no spread across artists says nothing about similarity: it becomes 0 for all.
        select
            averages.artist_id as artist_id,
            cast(averages.track_count as integer) as track_count,
            round(coalesce((averages.danceability - ranges.danceability_min) / nullif(ranges.danceability_max - ranges.danceability_min, 0), 0), 9) as danceability,
            round(coalesce((averages.energy - ranges.energy_min) / nullif(ranges.energy_max - ranges.energy_min, 0), 0), 9) as energy,
            round(coalesce((averages.loudness - ranges.loudness_min) / nullif(ranges.loudness_max - ranges.loudness_min, 0), 0), 9) as loudness,
            round(coalesce((averages.speechiness - ranges.speechiness_min) / nullif(ranges.speechiness_max - ranges.speechiness_min, 0), 0), 9) as speechiness,
            round(coalesce((averages.acousticness - ranges.acousticness_min) / nullif(ranges.acousticness_max - ranges.acousticness_min, 0), 0), 9) as acousticness,
            round(coalesce((averages.instrumentalness - ranges.instrumentalness_min) / nullif(ranges.instrumentalness_max - ranges.instrumentalness_min, 0), 0), 9) as instrumentalness
        from averages
        cross join ranges
    )

    select
        artist_id,
        track_count,
        danceability,
        energy,
        loudness,
        speechiness,
        acousticness,
        instrumentalness
    from final
    -- A fixed row order makes a re-run write the same bytes.
    order by
        artist_id
)
to '{{output_location}}'
with (format = 'PARQUET', compression = 'SNAPPY')
