-- 09_export_artist_profiles: what PublishResults writes to DynamoDB for the chatbot.
--
-- purpose: one JSON document per tracked artist: profile, a few tracks and the ranked neighbours
--          with every signal behind them, so the publish task reads files, never query results.
-- inputs:  artists, albums, tracks, track_artists, artist_similarity, partition dt = '{{dt}}';
--          the blend weights {{weight_collaboration}}, {{weight_genre}}, {{weight_audio}}
-- output:  exports/artist_profiles (gzipped JSON Lines)
-- grain:   one row per tracked artist, with or without neighbours
-- fields:  artist_id, name, genres[], top_tracks[{track_id, name}] (up to 5), neighbours[{artist_id,
--          name, rank, score, signals[], collaboration_score, genre_score, audio_score, shared_tracks,
--          shared_collaborators, shared_genres[], collaboration_part, genre_part, audio_part}] in rank
--          order; absent signal scores are null
-- parts:   each signal's part of the score, as 07 blends it (weight * signal / the weights of the
--          signals present), so the parts add up to the score; null where the signal is absent. The
--          publish task names a signal in a neighbour's reason only when its part is a real share.
-- top tracks: Spotify no longer gives new apps top tracks or popularity, so "top" is deterministic
--          instead: the artist's own tracks before features (credit position), newest release first,
--          then track_id; a title already listed (the single and the album version) is not repeated.
-- engine:  Athena UNLOAD (format JSON, GZIP) writes objects with the row fields' names; locally
--          COPY ... (FORMAT json, COMPRESSION gzip), and array(varchar) becomes varchar[].
unload (
    with

    weights as (
        select
            cast({{weight_collaboration}} as double) as collaboration,
            cast({{weight_genre}} as double) as genre,
            cast({{weight_audio}} as double) as audio
    ),

    tracked as (
        select
            artist_id,
            name,
            genres
        from artists
        where dt = '{{dt}}'
    ),

    credited_tracks as (
        select
            track_artists.artist_id as artist_id,
            track_artists.track_id as track_id,
            track_artists.credit_position as credit_position,
            tracks.name as track_name,
            lower(tracks.name) as title_key,
            albums.release_date as release_date
        from track_artists
        inner join tracked
            on tracked.artist_id = track_artists.artist_id
        inner join tracks
            on tracks.track_id = track_artists.track_id
            and tracks.dt = '{{dt}}'
        left join albums
            on albums.album_id = tracks.album_id
            and albums.dt = '{{dt}}'
        where track_artists.dt = '{{dt}}'
    ),

    distinct_titles as (
        select
            artist_id,
            track_id,
            credit_position,
            track_name,
            release_date,
            row_number() over (
                partition by artist_id, title_key
                order by credit_position asc, release_date desc nulls last, track_id asc
            ) as title_rank
        from credited_tracks
    ),

    ranked_tracks as (
        select
            artist_id,
            track_id,
            track_name,
            row_number() over (
                partition by artist_id
                order by credit_position asc, release_date desc nulls last, track_id asc
            ) as track_rank
        from distinct_titles
        where title_rank = 1
    ),

    top_tracks as (
        select
            artist_id,
            array_agg(
                cast(row(track_id, track_name) as row(track_id varchar, name varchar))
                order by track_rank
            ) as top_tracks
        from ranked_tracks
        where track_rank <= 5
        group by artist_id
    ),

    similarity_parts as (
        select
            artist_similarity.artist_id as artist_id,
            artist_similarity.neighbour_id as neighbour_id,
            artist_similarity.neighbour_name as neighbour_name,
            artist_similarity.rank as rank,
            artist_similarity.score as score,
            artist_similarity.signals as signals,
            artist_similarity.collaboration_score as collaboration_score,
            artist_similarity.genre_score as genre_score,
            artist_similarity.audio_score as audio_score,
            artist_similarity.shared_tracks as shared_tracks,
            artist_similarity.shared_collaborators as shared_collaborators,
            artist_similarity.shared_genres as shared_genres,
            weights.collaboration * artist_similarity.collaboration_score as collaboration_weighted,
            weights.genre * artist_similarity.genre_score as genre_weighted,
            weights.audio * artist_similarity.audio_score as audio_weighted,
            nullif(
                case when artist_similarity.collaboration_score is null then 0 else weights.collaboration end
                + case when artist_similarity.genre_score is null then 0 else weights.genre end
                + case when artist_similarity.audio_score is null then 0 else weights.audio end,
                0
            ) as weight_present
        from artist_similarity
        cross join weights
        where artist_similarity.dt = '{{dt}}'
    ),

    neighbours as (
        select
            artist_id,
            array_agg(
                cast(
                    row(
                        neighbour_id,
                        neighbour_name,
                        rank,
                        score,
                        signals,
                        collaboration_score,
                        genre_score,
                        audio_score,
                        shared_tracks,
                        shared_collaborators,
                        shared_genres,
                        round(collaboration_weighted / weight_present, 6),
                        round(genre_weighted / weight_present, 6),
                        round(audio_weighted / weight_present, 6)
                    ) as row(
                        artist_id varchar,
                        name varchar,
                        rank integer,
                        score double,
                        signals array(varchar),
                        collaboration_score double,
                        genre_score double,
                        audio_score double,
                        shared_tracks integer,
                        shared_collaborators integer,
                        shared_genres array(varchar),
                        collaboration_part double,
                        genre_part double,
                        audio_part double
                    )
                )
                order by rank
            ) as neighbours
        from similarity_parts
        group by artist_id
    ),

    final as (
        select
            tracked.artist_id as artist_id,
            tracked.name as name,
            tracked.genres as genres,
            coalesce(top_tracks.top_tracks, array[]) as top_tracks,
            coalesce(neighbours.neighbours, array[]) as neighbours
        from tracked
        left join top_tracks
            on top_tracks.artist_id = tracked.artist_id
        left join neighbours
            on neighbours.artist_id = tracked.artist_id
    )

    select
        artist_id,
        name,
        genres,
        top_tracks,
        neighbours
    from final
    -- A fixed row order makes a re-run write the same bytes.
    order by
        artist_id
)
to '{{output_location}}'
with (format = 'JSON', compression = 'GZIP')
