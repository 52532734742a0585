-- 07_artist_similarity: the top {{similarity_k}} most similar tracked artists for each tracked artist, and why.
--
-- purpose: score artist pairs on three signals, each used only where it exists, blend them and
--          keep the best K neighbours per artist.
-- inputs:  artists, track_artists, artist_features, artist_audio_neighbours, partition dt = '{{dt}}'
-- output:  curated/artist_similarity
-- grain:   one row per (artist, neighbour), at most {{similarity_k}} per artist; never the artist itself
--
-- signals (each 0-1):
--   collaboration  always available (every artist has a credit graph, possibly empty):
--                  1 - (1 - direct) * (1 - indirect), where direct = t / (t + 1) for t tracks credited
--                  to both (1 track 0.5, 3 tracks 0.75), and indirect = Jaccard of the two artists'
--                  collaborator sets (shared_collaborators / size of their union)
--   genre          available when both artists have genres: Jaccard of the genre sets
--   audio          available when both artists have artist_features: 1 - d / sqrt(6), d the Euclidean
--                  distance of the six normalised feature averages (sqrt(6) is the largest possible d)
-- common items: a collaborator or genre shared by more than 100 tracked artists proposes no pairs
--          (it would propose up to 100 x 100 of them and cannot single out the K best), but it
--          counts, like every shared collaborator and genre, in the scores of pairs proposed
--          otherwise: candidate generation is bounded, scoring is exact.
-- blend:   score = sum(weight * signal) / sum(weight) over the signals available for the pair, with
--          weights {{weight_collaboration}} (collaboration), {{weight_genre}} (genre), {{weight_audio}} (audio):
--          an available signal that found nothing counts as 0, an unavailable one is left out and
--          its score column is null. `signals` lists the signals that scored above 0.
-- ranking: by score, descending; ties go to the smaller neighbour_id. Scores are rounded to 6 places
--          first, so a tie is a tie on every engine.
-- scale:   candidate pairs come from inverted indexes (artists credited together, shared
--          collaborators, shared genres), never from all N x N pairs; the audio candidates, which
--          need all pairs, come from artist_audio_neighbours, which FindAudioNeighbours computes
--          before this step (each pair once, in a typed-array kernel).
--          Evidence is then counted exactly for the candidates only.
-- engine:  Athena UNLOAD to Parquet (Snappy); DuckDB runs the same statement through the dialect
--          layer (COPY). The /* duckdb: ... */ annotations give DuckDB fixed-size arrays and
--          array_distance in place of the arithmetic Athena runs. Athena ignores them: they are
--          comments.
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

    credits as (
        select distinct
            track_id,
            artist_id
        from track_artists
        where dt = '{{dt}}'
    ),

    collaborations as (
        -- One directed edge per two artists credited together, tracked or not.
        select
            credits.artist_id as artist_id,
            partners.artist_id as collaborator_id,
            count(*) as shared_tracks
        from credits
        inner join credits as partners
            on partners.track_id = credits.track_id
            and partners.artist_id <> credits.artist_id
        group by
            credits.artist_id,
            partners.artist_id
    ),

    tracked_collaborations as (
        select
            collaborations.artist_id as artist_id,
            collaborations.collaborator_id as collaborator_id,
            collaborations.shared_tracks as shared_tracks
        from collaborations
        inner join tracked
            on tracked.artist_id = collaborations.artist_id
    ),

    collaborator_postings as (
        -- Inverted index: per collaborator, the tracked artists it worked with, and how many.
        select
            tracked_collaborations.artist_id as artist_id,
            tracked_collaborations.collaborator_id as collaborator_id,
            count(*) over (partition by tracked_collaborations.collaborator_id) as posting_size
        from tracked_collaborations
    ),

    genre_memberships as (
        select distinct
            tracked.artist_id as artist_id,
            membership.genre as genre
        from tracked
        cross join unnest(tracked.genres) as membership (genre)
    ),

    genre_postings as (
        -- Inverted index: per genre, the tracked artists that have it, and how many.
        select
            artist_id,
            genre,
            count(*) over (partition by genre) as posting_size
        from genre_memberships
    ),

    collaborator_lists as (
        select
            artist_id,
            array_agg(collaborator_id) as collaborator_ids
        from tracked_collaborations
        group by artist_id
    ),

    profiles as (
        -- Each tracked artist's sets, as arrays: a candidate pair's overlap is then one
        -- array_intersect per pair, never a join over everyone who shares a popular genre.
        select
            tracked.artist_id as artist_id,
            array_distinct(coalesce(tracked.genres, array[])) as genres,
            coalesce(collaborator_lists.collaborator_ids, array[]) as collaborator_ids
        from tracked
        left join collaborator_lists
            on collaborator_lists.artist_id = tracked.artist_id
    ),

    features as (
        -- Read twice below, for the audio distance of each candidate pair.
        select
            artist_id,
            danceability,
            energy,
            loudness,
            speechiness,
            acousticness,
            instrumentalness,
            /* duckdb: array_value(danceability, energy, loudness, speechiness, acousticness, instrumentalness) */
            array[danceability, energy, loudness, speechiness, acousticness, instrumentalness] as vector
        from artist_features
        where dt = '{{dt}}'
    ),

    direct_candidates as (
        select
            tracked_collaborations.artist_id as artist_id,
            tracked_collaborations.collaborator_id as neighbour_id
        from tracked_collaborations
        inner join tracked
            on tracked.artist_id = tracked_collaborations.collaborator_id
    ),

    collaborator_candidates as (
        select
            artist_side.artist_id as artist_id,
            neighbour_side.artist_id as neighbour_id
        from collaborator_postings as artist_side
        inner join collaborator_postings as neighbour_side
            on neighbour_side.collaborator_id = artist_side.collaborator_id
            and neighbour_side.artist_id <> artist_side.artist_id
        where artist_side.posting_size <= 100
    ),

    genre_candidates as (
        select
            artist_side.artist_id as artist_id,
            neighbour_side.artist_id as neighbour_id
        from genre_postings as artist_side
        inner join genre_postings as neighbour_side
            on neighbour_side.genre = artist_side.genre
            and neighbour_side.artist_id <> artist_side.artist_id
        where artist_side.posting_size <= 100
    ),

    audio_candidates as (
        -- The K nearest artists by audio, found by FindAudioNeighbours (an exact all-pairs kernel
        -- in its own task) from the same features, in the same order: distance, then neighbour_id.
        select
            artist_id,
            neighbour_id
        from artist_audio_neighbours
        where dt = '{{dt}}'
    ),

    candidates as (
        select artist_id, neighbour_id from direct_candidates
        union
        select artist_id, neighbour_id from collaborator_candidates
        union
        select artist_id, neighbour_id from genre_candidates
        union
        select artist_id, neighbour_id from audio_candidates
    ),

    evidence as (
        -- Exact for every candidate, whatever proposed it: every shared collaborator and genre
        -- counts, however common.
        select
            candidates.artist_id as artist_id,
            candidates.neighbour_id as neighbour_id,
            coalesce(direct.shared_tracks, 0) as shared_tracks,
            cardinality(array_intersect(artist_profiles.collaborator_ids, neighbour_profiles.collaborator_ids)) as shared_collaborators,
            cardinality(artist_profiles.collaborator_ids) as artist_collaborator_count,
            cardinality(neighbour_profiles.collaborator_ids) as neighbour_collaborator_count,
            cardinality(array_intersect(artist_profiles.genres, neighbour_profiles.genres)) as shared_genre_count,
            cardinality(artist_profiles.genres) as artist_genre_count,
            cardinality(neighbour_profiles.genres) as neighbour_genre_count,
            /* duckdb: array_distance(artist_features.vector, neighbour_features.vector) */
            sqrt(
                (artist_features.danceability - neighbour_features.danceability) * (artist_features.danceability - neighbour_features.danceability)
                + (artist_features.energy - neighbour_features.energy) * (artist_features.energy - neighbour_features.energy)
                + (artist_features.loudness - neighbour_features.loudness) * (artist_features.loudness - neighbour_features.loudness)
                + (artist_features.speechiness - neighbour_features.speechiness) * (artist_features.speechiness - neighbour_features.speechiness)
                + (artist_features.acousticness - neighbour_features.acousticness) * (artist_features.acousticness - neighbour_features.acousticness)
                + (artist_features.instrumentalness - neighbour_features.instrumentalness) * (artist_features.instrumentalness - neighbour_features.instrumentalness)
            ) as audio_distance
        from candidates
        inner join profiles as artist_profiles
            on artist_profiles.artist_id = candidates.artist_id
        inner join profiles as neighbour_profiles
            on neighbour_profiles.artist_id = candidates.neighbour_id
        left join tracked_collaborations as direct
            on direct.artist_id = candidates.artist_id
            and direct.collaborator_id = candidates.neighbour_id
        left join features as artist_features
            on artist_features.artist_id = candidates.artist_id
        left join features as neighbour_features
            on neighbour_features.artist_id = candidates.neighbour_id
    ),

    signal_scores as (
        select
            artist_id,
            neighbour_id,
            shared_tracks,
            shared_collaborators,
            round(
                1 - (1 - cast(shared_tracks as double) / (shared_tracks + 1))
                * (1 - coalesce(
                    cast(shared_collaborators as double)
                    / nullif(
                        artist_collaborator_count + neighbour_collaborator_count - shared_collaborators,
                        0
                    ),
                    0
                )),
                6
            ) as collaboration_score,
            case
                when artist_genre_count = 0 or neighbour_genre_count = 0 then null
                else round(
                    cast(shared_genre_count as double)
                    / (artist_genre_count + neighbour_genre_count - shared_genre_count),
                    6
                )
            end as genre_score,
            case
                when audio_distance is null then null
                else round(greatest(cast(0 as double), 1 - audio_distance / sqrt(6)), 6)
            end as audio_score
        from evidence
    ),

    blended as (
        select
            signal_scores.artist_id as artist_id,
            signal_scores.neighbour_id as neighbour_id,
            signal_scores.shared_tracks as shared_tracks,
            signal_scores.shared_collaborators as shared_collaborators,
            signal_scores.collaboration_score as collaboration_score,
            signal_scores.genre_score as genre_score,
            signal_scores.audio_score as audio_score,
            round(
                (
                    weights.collaboration * signal_scores.collaboration_score
                    + coalesce(weights.genre * signal_scores.genre_score, 0)
                    + coalesce(weights.audio * signal_scores.audio_score, 0)
                )
                / nullif(
                    weights.collaboration
                    + case when signal_scores.genre_score is null then 0 else weights.genre end
                    + case when signal_scores.audio_score is null then 0 else weights.audio end,
                    0
                ),
                6
            ) as score
        from signal_scores
        cross join weights
    ),

    ranked as (
        select
            artist_id,
            neighbour_id,
            shared_tracks,
            shared_collaborators,
            collaboration_score,
            genre_score,
            audio_score,
            score,
            row_number() over (
                partition by artist_id
                order by score desc, neighbour_id asc
            ) as neighbour_rank
        from blended
        where score > 0
    ),

    top_neighbours as (
        select
            artist_id,
            neighbour_id,
            shared_tracks,
            shared_collaborators,
            collaboration_score,
            genre_score,
            audio_score,
            score,
            neighbour_rank
        from ranked
        where neighbour_rank <= {{similarity_k}}
    ),

    final as (
        select
            top_neighbours.artist_id as artist_id,
            top_neighbours.neighbour_id as neighbour_id,
            neighbours.name as neighbour_name,
            cast(top_neighbours.neighbour_rank as integer) as rank,
            top_neighbours.score as score,
            top_neighbours.collaboration_score as collaboration_score,
            top_neighbours.genre_score as genre_score,
            top_neighbours.audio_score as audio_score,
            filter(
                array[
                    case when top_neighbours.collaboration_score > 0 then 'collaboration' end,
                    case when top_neighbours.genre_score > 0 then 'genre' end,
                    case when top_neighbours.audio_score > 0 then 'audio' end
                ],
                signal -> signal is not null
            ) as signals,
            cast(top_neighbours.shared_tracks as integer) as shared_tracks,
            cast(top_neighbours.shared_collaborators as integer) as shared_collaborators,
            array_sort(array_intersect(artist_profiles.genres, neighbour_profiles.genres)) as shared_genres
        from top_neighbours
        inner join tracked as neighbours
            on neighbours.artist_id = top_neighbours.neighbour_id
        inner join profiles as artist_profiles
            on artist_profiles.artist_id = top_neighbours.artist_id
        inner join profiles as neighbour_profiles
            on neighbour_profiles.artist_id = top_neighbours.neighbour_id
    )

    select
        artist_id,
        neighbour_id,
        neighbour_name,
        rank,
        score,
        collaboration_score,
        genre_score,
        audio_score,
        signals,
        shared_tracks,
        shared_collaborators,
        shared_genres
    from final
    -- A fixed row order makes a re-run write the same bytes.
    order by
        artist_id,
        rank
)
to '{{output_location}}'
with (format = 'PARQUET', compression = 'SNAPPY')
