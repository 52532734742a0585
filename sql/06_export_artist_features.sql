-- 06_export_artist_features: the audio feature vectors, as a file the audio-neighbours task reads.
--
-- purpose: hand artist_features to FindAudioNeighbours (tasks/audio-neighbours), which finds each
--          artist's K nearest artists by audio with an exact all-pairs kernel in a Lambda instead of
--          all N x N pairs in 07. A Lambda reads gzipped JSON Lines with node:zlib; reading the
--          curated Parquet would need a Parquet library (as 09 exports JSON for PublishResults).
-- inputs:  artist_features, partition dt = '{{dt}}'
-- output:  exports/artist_features (gzipped JSON Lines)
-- grain:   one row per artist in artist_features; none without audio features
-- fields:  artist_id, danceability, energy, loudness, speechiness, acousticness, instrumentalness:
--          the normalised averages as stored (JSON numbers that read back as the same doubles)
-- engine:  Athena UNLOAD (format JSON, GZIP); locally COPY ... (FORMAT json, COMPRESSION gzip).
unload (
    with

    features as (
        select
            artist_id,
            danceability,
            energy,
            loudness,
            speechiness,
            acousticness,
            instrumentalness
        from artist_features
        where dt = '{{dt}}'
    )

    select
        artist_id,
        danceability,
        energy,
        loudness,
        speechiness,
        acousticness,
        instrumentalness
    from features
    -- A fixed row order makes a re-run write the same bytes.
    order by
        artist_id
)
to '{{output_location}}'
with (format = 'JSON', compression = 'GZIP')
