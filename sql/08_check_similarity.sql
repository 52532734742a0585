-- 08_check_similarity: data-quality checks on the similarity of one run date, before it is exported.
--
-- purpose: stop the run before publishing when artist_similarity breaks its contract. Each check
--          counts its violations and gives an example; the query task reads the rows back and fails
--          the run (DataQualityCheckFailed, naming each failed check and its example) on any count above 0.
-- inputs:  artists, artist_similarity, partition dt = '{{dt}}'
-- output:  none (a plain SELECT, read back by the query task: tasks/query/checks.ts)
-- grain:   one row per check: check_name, violation_count, example (null when there is none)
-- checks:  similarity_artist_known, similarity_neighbour_known: no row for an artist or neighbour
--          missing from artists; neighbour_not_self; pair_unique: no (artist, neighbour) twice;
--          neighbours_at_most_k: at most {{similarity_k}} per artist; ranks_contiguous: ranked 1..n
--          without gaps; score_in_range: scores within (0, 1]
-- engine:  the same statement on Athena and DuckDB.
with

artists as (
    select
        artist_id
    from artists
    where dt = '{{dt}}'
),

similarity as (
    select
        artist_id,
        neighbour_id,
        rank,
        score
    from artist_similarity
    where dt = '{{dt}}'
),

unknown_artists as (
    select
        similarity.artist_id
    from similarity
    left join artists
        on artists.artist_id = similarity.artist_id
    where artists.artist_id is null
),

unknown_neighbours as (
    select
        similarity.neighbour_id
    from similarity
    left join artists
        on artists.artist_id = similarity.neighbour_id
    where artists.artist_id is null
),

own_neighbours as (
    select
        artist_id
    from similarity
    where neighbour_id = artist_id
),

repeated_pairs as (
    select
        artist_id,
        neighbour_id
    from similarity
    group by
        artist_id,
        neighbour_id
    having count(*) > 1
),

neighbour_lists as (
    select
        artist_id,
        count(*) as neighbour_count,
        count(distinct rank) as distinct_ranks,
        min(rank) as first_rank,
        max(rank) as last_rank
    from similarity
    group by artist_id
),

overfull_lists as (
    select
        artist_id
    from neighbour_lists
    where neighbour_count > {{similarity_k}}
),

broken_rankings as (
    select
        artist_id
    from neighbour_lists
    where distinct_ranks <> neighbour_count
        or first_rank <> 1
        or last_rank <> neighbour_count
),

scores_out_of_range as (
    select
        artist_id
    from similarity
    where score is null
        or score <= 0
        or score > 1
),

final as (
    select
        'similarity_artist_known' as check_name,
        count(*) as violation_count,
        min(artist_id) as example
    from unknown_artists

    union all

    select
        'similarity_neighbour_known' as check_name,
        count(*) as violation_count,
        min(neighbour_id) as example
    from unknown_neighbours

    union all

    select
        'neighbour_not_self' as check_name,
        count(*) as violation_count,
        min(artist_id) as example
    from own_neighbours

    union all

    select
        'pair_unique' as check_name,
        count(*) as violation_count,
        min(artist_id || ' -> ' || neighbour_id) as example
    from repeated_pairs

    union all

    select
        'neighbours_at_most_k' as check_name,
        count(*) as violation_count,
        min(artist_id) as example
    from overfull_lists

    union all

    select
        'ranks_contiguous' as check_name,
        count(*) as violation_count,
        min(artist_id) as example
    from broken_rankings

    union all

    select
        'score_in_range' as check_name,
        count(*) as violation_count,
        min(artist_id) as example
    from scores_out_of_range
)

select
    check_name,
    violation_count,
    example
from final
