-- 07_artist_similarity: the top {{similarity_k}} most similar tracked artists for each tracked artist, and why.
--
-- purpose: score artist pairs on every signal both artists have evidence for, blend those signals
--          and keep the best K neighbours per artist.
-- inputs:  artists, track_artists, artist_features, artist_audio_neighbours, partition dt = '{{dt}}'
-- output:  curated/artist_similarity
-- grain:   one row per (artist, neighbour), at most {{similarity_k}} per artist; never the artist itself
--
-- signals: the list in tasks/settings/defaults.ts (SIMILARITY_SIGNALS), one row each in signal_weights below, each scored in a
--          section of its own (-- signal: <name>) that says who has evidence for it and what it
--          knows about a pair. Each score is 0-1:
--   collaboration  evidence: credited on a track. Items: the artists credited with it (tracked or
--                  not). Score 1 - (1 - direct) * (1 - jaccard), direct = t / (t + 1) for t tracks
--                  credited to both (1 track 0.5, 3 tracks 0.75), jaccard of the collaborator sets.
--   genre          evidence: at least one genre. Score: Jaccard of the genre sets.
--   audio          evidence: audio features. Score 1 - d / sqrt(6), d the Euclidean distance of the
--                  six normalised feature averages (sqrt(6) is the largest possible d), computed in
--                  one place (audio_scores); its K nearest come from artist_audio_neighbours, which
--                  FindAudioNeighbours computes before this step (each pair once, in a typed-array kernel).
--          A set signal (collaboration, genre) is scored by the generic part below from its items,
--          plus any per-pair strength (collaboration's shared tracks); a vector signal (audio)
--          proposes its K nearest and scores its own pairs.
-- evidence: a pair is scored on a signal only when both artists have evidence for it: an artist
--          without credits has no collaboration signal, one without genres no genre signal, so no
--          score is pulled down by a signal that does not exist. A signal with weight 0 is not used.
-- blend:   score = sum(weight * signal) / sum(weight) over the signals used for the pair, weights
--          {{weight_collaboration}} (collaboration), {{weight_genre}} (genre), {{weight_audio}} (audio);
--          a used signal that found nothing counts as 0. `signals` lists the signals used, in list
--          order; an unused signal's score column is null.
-- ranking: by score, then by evidence (the IDF-weighted overlap: each shared item counts
--          ln(artists with the signal / artists holding the item), times its signal's weight, so a
--          shared niche genre or rare collaborator outranks a shared giant genre or hub), then by
--          neighbour_id. Scores and evidence are rounded to 6 places, so a tie is a tie on every engine.
-- candidates: never all N x N pairs for a set signal. Each artist's items are ranked by
--          specificity (how few artists hold them):
--            rare items (held by at most 30 tracked artists) pair every two holders, each pair
--            once; the same join counts each pair's rare items and their IDF, exactly;
--            common items (held by more) would pair up to N x N, so only an artist whose rare items
--            gave it fewer than 2K candidates proposes through them, and through its two most
--            specific common items per signal. A common item's holders are ordered by their six
--            most specific items and cut into windows of 10; the artist proposes the holders of its
--            own window and the two next to it, at most 29 per item, those whose other items are
--            most like its own. Each pair of its three most specific common items is one more item
--            (two giant genres held together are held by far fewer artists): a pair held by at
--            most 30 artists proposes all of them;
--            plus the artists credited with it (direct collaboration) and its K nearest by audio
--            (artist_audio_neighbours).
--          So no artist is silenced by a giant genre or a hub, and none costs more than 2 x 29 +
--          3 x 29 proposals per signal through common items.
--          Scores are then exact for every candidate: shared common items are intersected from
--          each artist's short list of them. The ranking's evidence, which needs the IDF of each
--          shared common item, is computed only for the contenders: the candidates scoring at least
--          the artist's K-th best score (K plus its ties), not for every candidate.
-- cost:    the candidates grow with each artist's own items, not with N (npm run bench --
--          similarity prints candidates and contenders per artist). At 50,000 artists, development
--          access: 153 candidates and 10.1 contenders per artist, 22 s on 2 cores, where the 07 before
--          (every two holders of an item held by at most 100 artists) scored 624 per artist in 296 s
--          on the same lake. At 10,000 artists: 125 candidates per artist with the real-world
--          shapes (giant genres, hubs), 33 genre-only. Without the bound, one genre held by 10% of
--          50,000 artists would pair 25 million.
-- keys:    tracked artists are numbered in artist_id order, and a (signal, artist) pair is one
--          number, subject = signal position * 10^9 + artist number: joins compare numbers, not
--          strings, and no join can pair two artists' rows on the signal name alone.
-- engine:  Athena UNLOAD to Parquet (Snappy); DuckDB runs the same statement through the dialect
--          layer (COPY). The /* duckdb: ... */ annotations give DuckDB fixed-size arrays and
--          array_distance in place of the arithmetic Athena runs. Athena ignores them: they are
--          comments.
unload (
    with

    -- the signal list (SIMILARITY_SIGNALS in tasks/settings/defaults.ts): one row per signal, in order ---------------------

    signal_weights as (
        select 'collaboration' as signal, 1 as position, cast({{weight_collaboration}} as double) as weight
        union all
        select 'genre' as signal, 2 as position, cast({{weight_genre}} as double) as weight
        union all
        select 'audio' as signal, 3 as position, cast({{weight_audio}} as double) as weight
    ),

    used_signals as (
        select
            signal,
            position,
            weight,
            cast(position as bigint) * 1000000000 as subject_base
        from signal_weights
        where weight > 0
    ),

    tracked as (
        select
            artist_id,
            name,
            genres,
            row_number() over (order by artist_id) as artist_number
        from artists
        where dt = '{{dt}}'
    ),

    -- signal: collaboration ----------------------------------------------------------------------

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

    collaboration_evidence as (
        select distinct
            'collaboration' as signal,
            artist_id
        from credits
    ),

    collaboration_items as (
        select
            'collaboration' as signal,
            artist_id,
            collaborator_id as item
        from collaborations
    ),

    collaboration_pairs as (
        select
            'collaboration' as signal,
            artist_id,
            collaborator_id as neighbour_id,
            shared_tracks as strength
        from collaborations
    ),

    -- signal: genre ------------------------------------------------------------------------------

    genre_items as (
        select distinct
            'genre' as signal,
            tracked.artist_id as artist_id,
            membership.genre as item
        from tracked
        cross join unnest(tracked.genres) as membership (genre)
    ),

    genre_evidence as (
        select distinct
            signal,
            artist_id
        from genre_items
    ),

    -- signal: audio, part 1 of 2: who has a vector, and its K nearest -----------------------------

    features as (
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

    audio_candidates as (
        -- The K nearest artists by audio, found by FindAudioNeighbours (an exact all-pairs kernel
        -- in its own task) from the same features, in the same order: distance, then neighbour_id.
        select
            artist_id,
            neighbour_id
        from artist_audio_neighbours
        where dt = '{{dt}}'
    ),

    -- every signal, as numbers: evidence, items, pair strengths, vector candidates ----------------

    subjects as (
        -- One row per (set signal, artist) with evidence: the artists the signal can score.
        select
            tracked.artist_number as artist_number,
            used_signals.position as position,
            used_signals.subject_base + tracked.artist_number as subject
        from (
            select signal, artist_id from collaboration_evidence
            union all
            select signal, artist_id from genre_evidence
        ) as evidence
        inner join tracked
            on tracked.artist_id = evidence.artist_id
        inner join used_signals
            on used_signals.signal = evidence.signal
    ),

    items as (
        select
            used_signals.subject_base + tracked.artist_number as subject,
            used_signals.position as position,
            tracked.artist_number as artist_number,
            set_items.item as item
        from (
            select signal, artist_id, item from collaboration_items
            union all
            select signal, artist_id, item from genre_items
        ) as set_items
        inner join tracked
            on tracked.artist_id = set_items.artist_id
        inner join used_signals
            on used_signals.signal = set_items.signal
    ),

    pair_strengths as (
        select
            used_signals.subject_base + tracked.artist_number as subject,
            neighbours.artist_number as neighbour_number,
            pairs.strength as strength
        from (
            select signal, artist_id, neighbour_id, strength from collaboration_pairs
        ) as pairs
        inner join tracked
            on tracked.artist_id = pairs.artist_id
        inner join tracked as neighbours
            on neighbours.artist_id = pairs.neighbour_id
        inner join used_signals
            on used_signals.signal = pairs.signal
    ),

    vector_candidates as (
        select
            tracked.artist_number as artist_number,
            neighbours.artist_number as neighbour_number
        from (
            select artist_id, neighbour_id from audio_candidates
        ) as nearest
        inner join tracked
            on tracked.artist_id = nearest.artist_id
        inner join tracked as neighbours
            on neighbours.artist_id = nearest.neighbour_id
    ),

    -- set signals: items by specificity, rare pairs, common windows ------------------------------

    item_specificity as (
        select
            postings.position as position,
            postings.item as item,
            postings.posting_size as posting_size,
            ln(cast(signal_artists.artist_count as double) / postings.posting_size) as idf,
            -- Numbered across all signals, most specific first within each.
            row_number() over (order by postings.position, postings.posting_size, postings.item) as item_number
        from (
            select
                position,
                item,
                count(*) as posting_size
            from items
            group by
                position,
                item
        ) as postings
        inner join (
            select
                position,
                count(*) as artist_count
            from subjects
            group by position
        ) as signal_artists
            on signal_artists.position = postings.position
    ),

    memberships as (
        select
            items.subject as subject,
            items.artist_number as artist_number,
            item_specificity.item_number as item_number,
            item_specificity.posting_size as posting_size,
            item_specificity.idf as idf,
            row_number() over (partition by items.subject order by item_specificity.item_number) as item_rank
        from items
        inner join item_specificity
            on item_specificity.position = items.position
            and item_specificity.item = items.item
    ),

    item_sets as (
        select
            subject,
            count(*) as item_count,
            -- The six most specific items, enough to order the holders of a common item (a hub's
            -- thousands would only slow the sort).
            array_sort(filter(array_agg(case when item_rank <= 6 then item_number end), number -> number is not null)) as leading_items,
            filter(array_agg(case when posting_size > 30 then item_number end), number -> number is not null) as common_items
        from memberships
        group by subject
    ),

    rare_overlaps as (
        -- Every two holders of a rare item (each pair once, in number order), with the count and
        -- IDF of the rare items they share.
        select
            artist_side.subject as subject,
            neighbour_side.artist_number as neighbour_number,
            count(*) as shared_items,
            sum(artist_side.idf) as shared_idf
        from memberships as artist_side
        inner join memberships as neighbour_side
            on neighbour_side.item_number = artist_side.item_number
            and neighbour_side.artist_number > artist_side.artist_number
        where artist_side.posting_size <= 30
        group by
            artist_side.subject,
            neighbour_side.artist_number
    ),

    common_memberships as (
        select
            memberships.subject as subject,
            memberships.artist_number as artist_number,
            memberships.item_number as item_number,
            memberships.idf as idf,
            row_number() over (partition by memberships.subject order by memberships.item_number) as specificity_rank,
            -- The holder's other leading items, most specific first: holders alike sort together.
            filter(item_sets.leading_items, number -> number <> memberships.item_number) as other_items
        from memberships
        inner join item_sets
            on item_sets.subject = memberships.subject
        where memberships.posting_size > 30
    ),

    windows as (
        select
            item_number,
            artist_number,
            cast(
                floor((row_number() over (partition by item_number order by other_items, artist_number) - 1) / cast(10 as double))
                as bigint
            ) as bucket
        from common_memberships
    ),

    rare_candidate_counts as (
        select
            artist_number,
            count(*) as candidate_count
        from (
            -- subject = signal position * 10^9 + artist number
            select subject % 1000000000 as artist_number from rare_overlaps
            union all
            select neighbour_number as artist_number from rare_overlaps
        ) as holders
        group by artist_number
    ),

    fallback_proposers as (
        -- Artists whose rare items gave them fewer than 2K candidates propose through common items too.
        select
            common_memberships.subject as subject,
            common_memberships.artist_number as artist_number,
            common_memberships.item_number as item_number,
            common_memberships.specificity_rank as specificity_rank
        from common_memberships
        left join rare_candidate_counts
            on rare_candidate_counts.artist_number = common_memberships.artist_number
        where common_memberships.specificity_rank <= 3
            and coalesce(rare_candidate_counts.candidate_count, 0) < 2 * {{similarity_k}}
    ),

    window_candidates as (
        select
            proposers.artist_number as artist_number,
            members.artist_number as neighbour_number
        from fallback_proposers as proposers
        inner join windows as own_window
            on own_window.item_number = proposers.item_number
            and own_window.artist_number = proposers.artist_number
        cross join unnest(array[own_window.bucket - 1, own_window.bucket, own_window.bucket + 1]) as near (bucket)
        inner join windows as members
            on members.item_number = proposers.item_number
            and members.bucket = near.bucket
            and members.artist_number <> proposers.artist_number
        where proposers.specificity_rank <= 2
    ),

    common_pairs as (
        -- Two common items held together are held by far fewer artists than either: each pair of an
        -- artist's three most specific common items is one more item, for proposals only.
        select
            first_items.artist_number as artist_number,
            first_items.item_number * 1000000000 + second_items.item_number as pair_key
        from common_memberships as first_items
        inner join common_memberships as second_items
            on second_items.subject = first_items.subject
            and second_items.item_number > first_items.item_number
        where first_items.specificity_rank <= 3
            and second_items.specificity_rank <= 3
    ),

    rare_common_pairs as (
        -- The pairs held by at most 30 artists; a pair held by more proposes nothing (its holders
        -- sort close together in the windows of either item).
        select
            common_pairs.artist_number as artist_number,
            common_pairs.pair_key as pair_key
        from common_pairs
        inner join (
            select
                pair_key
            from common_pairs
            group by pair_key
            having count(*) <= 30
        ) as rare_keys
            on rare_keys.pair_key = common_pairs.pair_key
    ),

    pair_candidates as (
        -- The fallback proposers and every other holder of each of their rare pairs.
        select
            proposers.artist_number as artist_number,
            members.artist_number as neighbour_number
        from rare_common_pairs as proposers
        inner join rare_common_pairs as members
            on members.pair_key = proposers.pair_key
            and members.artist_number <> proposers.artist_number
        where proposers.artist_number in (select artist_number from fallback_proposers)
    ),

    -- candidates, and every signal both artists have evidence for --------------------------------

    candidates as (
        -- Each pair once, the smaller number first: every score is the same both ways, so it is
        -- computed once. A pair is ranked for the artist that proposed it: for both when a rare
        -- item or a credit proposed it, for the proposer alone through a window, a common pair or
        -- the audio K nearest (forward: for the first artist; backward: for the second).
        select
            least(artist_number, neighbour_number) as artist_number,
            greatest(artist_number, neighbour_number) as neighbour_number,
            max(case when artist_number < neighbour_number or both_ways = 1 then 1 else 0 end) as forward,
            max(case when artist_number > neighbour_number or both_ways = 1 then 1 else 0 end) as backward
        from (
            -- subject = signal position * 10^9 + artist number
            select subject % 1000000000 as artist_number, neighbour_number, 1 as both_ways from rare_overlaps
            union all
            select subject % 1000000000 as artist_number, neighbour_number, 1 as both_ways from pair_strengths
            union all
            select artist_number, neighbour_number, 0 as both_ways from window_candidates
            union all
            select artist_number, neighbour_number, 0 as both_ways from pair_candidates
            union all
            select artist_number, neighbour_number, 0 as both_ways from vector_candidates
        ) as proposals
        group by
            least(artist_number, neighbour_number),
            greatest(artist_number, neighbour_number)
    ),

    candidate_signals as (
        select
            candidates.artist_number as artist_number,
            candidates.neighbour_number as neighbour_number,
            candidates.forward as forward,
            candidates.backward as backward,
            artist_subjects.position as position,
            artist_subjects.subject as subject,
            neighbour_subjects.subject as neighbour_subject
        from candidates
        inner join subjects as artist_subjects
            on artist_subjects.artist_number = candidates.artist_number
        inner join subjects as neighbour_subjects
            on neighbour_subjects.subject = artist_subjects.subject - artist_subjects.artist_number + candidates.neighbour_number
    ),

    set_scores as (
        select
            candidate_signals.artist_number as artist_number,
            candidate_signals.neighbour_number as neighbour_number,
            candidate_signals.forward as forward,
            candidate_signals.backward as backward,
            candidate_signals.position as position,
            coalesce(pair_strengths.strength, 0) as strength,
            coalesce(rare_overlaps.shared_items, 0)
                -- filter and contains: several times faster than array_intersect on DuckDB, same count (no repeats).
                + coalesce(cardinality(filter(artist_sets.common_items, item -> contains(neighbour_sets.common_items, item))), 0) as shared_items,
            coalesce(rare_overlaps.shared_idf, 0) as rare_idf,
            coalesce(artist_sets.item_count, 0) + coalesce(neighbour_sets.item_count, 0) as item_count_sum
        from candidate_signals
        left join pair_strengths
            on pair_strengths.subject = candidate_signals.subject
            and pair_strengths.neighbour_number = candidate_signals.neighbour_number
        left join rare_overlaps
            on rare_overlaps.subject = candidate_signals.subject
            and rare_overlaps.neighbour_number = candidate_signals.neighbour_number
        left join item_sets as artist_sets
            on artist_sets.subject = candidate_signals.subject
        left join item_sets as neighbour_sets
            on neighbour_sets.subject = candidate_signals.neighbour_subject
    ),

    -- signal: audio, part 2 of 2: the score of a pair ---------------------------------------------

    audio_vectors as (
        -- The audio signal's position rides on the 50,000 vectors, not on a cross join with the
        -- millions of candidates: DuckDB planned that cross join so badly that it needed over 3 GB.
        select
            tracked.artist_number as artist_number,
            features.danceability as danceability,
            features.energy as energy,
            features.loudness as loudness,
            features.speechiness as speechiness,
            features.acousticness as acousticness,
            features.instrumentalness as instrumentalness,
            features.vector as vector,
            used_signals.position as position
        from features
        inner join tracked
            on tracked.artist_id = features.artist_id
        inner join used_signals
            on used_signals.signal = 'audio'
    ),

    audio_scores as (
        -- Every candidate pair of two artists with a vector.
        select
            candidates.artist_number as artist_number,
            candidates.neighbour_number as neighbour_number,
            candidates.forward as forward,
            candidates.backward as backward,
            artist_side.position as position,
            greatest(
                cast(0 as double),
                1 - /* duckdb: array_distance(artist_side.vector, neighbour_side.vector) */ sqrt(
                    (artist_side.danceability - neighbour_side.danceability) * (artist_side.danceability - neighbour_side.danceability)
                    + (artist_side.energy - neighbour_side.energy) * (artist_side.energy - neighbour_side.energy)
                    + (artist_side.loudness - neighbour_side.loudness) * (artist_side.loudness - neighbour_side.loudness)
                    + (artist_side.speechiness - neighbour_side.speechiness) * (artist_side.speechiness - neighbour_side.speechiness)
                    + (artist_side.acousticness - neighbour_side.acousticness) * (artist_side.acousticness - neighbour_side.acousticness)
                    + (artist_side.instrumentalness - neighbour_side.instrumentalness) * (artist_side.instrumentalness - neighbour_side.instrumentalness)
                ) / sqrt(6)
            ) as score
        from candidates
        inner join audio_vectors as artist_side
            on artist_side.artist_number = candidates.artist_number
        inner join audio_vectors as neighbour_side
            on neighbour_side.artist_number = candidates.neighbour_number
    ),

    -- blend and rank -----------------------------------------------------------------------------

    signal_scores as (
        select
            artist_number,
            neighbour_number,
            forward,
            backward,
            position,
            round(
                1 - (1 - cast(strength as double) / (strength + 1))
                * (1 - coalesce(cast(shared_items as double) / nullif(item_count_sum - shared_items, 0), 0)),
                6
            ) as score,
            rare_idf,
            strength,
            shared_items
        from set_scores

        union all

        select
            artist_number,
            neighbour_number,
            forward,
            backward,
            position,
            round(score, 6) as score,
            cast(0 as double) as rare_idf,
            0 as strength,
            0 as shared_items
        from audio_scores
    ),

    blended as (
        select
            signal_scores.artist_number as artist_number,
            signal_scores.neighbour_number as neighbour_number,
            max(signal_scores.forward) as forward,
            max(signal_scores.backward) as backward,
            round(sum(used_signals.weight * signal_scores.score) / sum(used_signals.weight), 6) as score,
            sum(used_signals.weight * signal_scores.rare_idf) as rare_evidence
        from signal_scores
        inner join used_signals
            on used_signals.position = signal_scores.position
        group by
            signal_scores.artist_number,
            signal_scores.neighbour_number
    ),

    thresholds as (
        -- The K-th best score of each artist (the lowest, for an artist with fewer candidates),
        -- over the pairs ranked for it.
        select
            artist_number,
            array_min(max_by(score, score, {{similarity_k}})) as kth_score
        from (
            select artist_number, score from blended where forward = 1
            union all
            select neighbour_number as artist_number, score from blended where backward = 1
        ) as directed
        where score > 0
        group by artist_number
    ),

    contenders as (
        -- Each artist's pairs scoring at least its K-th best score, as (artist, neighbour).
        select
            directed.artist_number as artist_number,
            directed.neighbour_number as neighbour_number,
            directed.score as score,
            directed.rare_evidence as rare_evidence
        from (
            select artist_number, neighbour_number, score, rare_evidence from blended where forward = 1
            union all
            select neighbour_number as artist_number, artist_number as neighbour_number, score, rare_evidence from blended where backward = 1
        ) as directed
        inner join thresholds
            on thresholds.artist_number = directed.artist_number
        where directed.score >= thresholds.kth_score
    ),

    common_evidence as (
        -- The IDF of the common items a contender shares, weighted by their signal's weight.
        select
            contenders.artist_number as artist_number,
            contenders.neighbour_number as neighbour_number,
            sum(used_signals.weight * artist_items.idf) as evidence
        from contenders
        inner join subjects as artist_subjects
            on artist_subjects.artist_number = contenders.artist_number
        inner join used_signals
            on used_signals.position = artist_subjects.position
        inner join common_memberships as artist_items
            on artist_items.subject = artist_subjects.subject
        inner join item_sets as neighbour_sets
            on neighbour_sets.subject = artist_subjects.subject - artist_subjects.artist_number + contenders.neighbour_number
        where contains(neighbour_sets.common_items, artist_items.item_number)
        group by
            contenders.artist_number,
            contenders.neighbour_number
    ),

    ranked as (
        select
            contenders.artist_number as artist_number,
            contenders.neighbour_number as neighbour_number,
            contenders.score as score,
            row_number() over (
                partition by contenders.artist_number
                order by
                    contenders.score desc,
                    round(contenders.rare_evidence + coalesce(common_evidence.evidence, 0), 6) desc,
                    contenders.neighbour_number asc
            ) as neighbour_rank
        from contenders
        left join common_evidence
            on common_evidence.artist_number = contenders.artist_number
            and common_evidence.neighbour_number = contenders.neighbour_number
    ),

    top_neighbours as (
        -- The kept pairs' signals, back in columns: one score column per signal of the list.
        select
            ranked.artist_number as artist_number,
            artists_side.artist_id as artist_id,
            artists_side.genres as genres,
            ranked.neighbour_number as neighbour_number,
            ranked.score as score,
            ranked.neighbour_rank as neighbour_rank,
            array_agg(used_signals.signal) as used,
            max(case when used_signals.signal = 'collaboration' then signal_scores.score end) as collaboration_score,
            max(case when used_signals.signal = 'genre' then signal_scores.score end) as genre_score,
            max(case when used_signals.signal = 'audio' then signal_scores.score end) as audio_score,
            coalesce(max(case when used_signals.signal = 'collaboration' then signal_scores.strength end), 0) as shared_tracks,
            coalesce(max(case when used_signals.signal = 'collaboration' then signal_scores.shared_items end), 0) as shared_collaborators
        from ranked
        inner join tracked as artists_side
            on artists_side.artist_number = ranked.artist_number
        inner join signal_scores
            on signal_scores.artist_number = least(ranked.artist_number, ranked.neighbour_number)
            and signal_scores.neighbour_number = greatest(ranked.artist_number, ranked.neighbour_number)
        inner join used_signals
            on used_signals.position = signal_scores.position
        where ranked.neighbour_rank <= {{similarity_k}}
        group by
            ranked.artist_number,
            artists_side.artist_id,
            artists_side.genres,
            ranked.neighbour_number,
            ranked.score,
            ranked.neighbour_rank
    ),

    final as (
        select
            top_neighbours.artist_id as artist_id,
            neighbours.artist_id as neighbour_id,
            neighbours.name as neighbour_name,
            cast(top_neighbours.neighbour_rank as integer) as rank,
            top_neighbours.score as score,
            top_neighbours.collaboration_score as collaboration_score,
            top_neighbours.genre_score as genre_score,
            top_neighbours.audio_score as audio_score,
            filter(signal_list.signals, signal -> contains(top_neighbours.used, signal)) as signals,
            cast(top_neighbours.shared_tracks as integer) as shared_tracks,
            cast(top_neighbours.shared_collaborators as integer) as shared_collaborators,
            array_sort(
                array_intersect(array_distinct(coalesce(top_neighbours.genres, array[])), coalesce(neighbours.genres, array[]))
            ) as shared_genres
        from top_neighbours
        inner join tracked as neighbours
            on neighbours.artist_number = top_neighbours.neighbour_number
        cross join (
            select array_agg(signal order by position) as signals
            from signal_weights
        ) as signal_list
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
