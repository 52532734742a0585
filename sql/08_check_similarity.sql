-- 08_check_similarity: data-quality checks on the similarity of one run date, before it is exported.
--
-- purpose: stop the run before publishing when artist_similarity breaks its contract; any violation
--          fails the query with one message naming every failed check and an example.
-- inputs:  artists, artist_similarity, partition dt = '{{dt}}'
-- output:  none (a plain SELECT: one row, outcome = 'passed', or the query fails)
-- grain:   one row for the run date
-- checks:  no row for an unknown artist or neighbour; no artist as its own neighbour; no pair twice;
--          at most {{similarity_k}} neighbours per artist, ranked 1..n without gaps; scores within 0-1
-- engine:  fail -> error and array_join -> array_to_string in the DuckDB dialect layer.
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

violations as (
    select
        1 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' similarity row(s) for an artist missing from artists, e.g. ' || min(artist_id) as message
    from unknown_artists

    union all

    select
        2 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' similarity row(s) whose neighbour is missing from artists, e.g. ' || min(neighbour_id) as message
    from unknown_neighbours

    union all

    select
        3 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' artist(s) listed as their own neighbour, e.g. ' || min(artist_id) as message
    from own_neighbours

    union all

    select
        4 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' (artist, neighbour) pair(s) listed more than once, e.g. ' || min(artist_id) as message
    from repeated_pairs

    union all

    select
        5 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' artist(s) with more than {{similarity_k}} neighbours, e.g. ' || min(artist_id) as message
    from overfull_lists

    union all

    select
        6 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' artist(s) whose neighbour ranks are not 1..n, e.g. ' || min(artist_id) as message
    from broken_rankings

    union all

    select
        7 as check_order,
        count(*) as violation_count,
        cast(count(*) as varchar) || ' similarity row(s) with a score outside (0, 1], e.g. for ' || min(artist_id) as message
    from scores_out_of_range
),

failures as (
    select
        check_order,
        message
    from violations
    where violation_count > 0
),

final as (
    select
        count(*) as failed_checks,
        array_join(array_agg(message order by check_order), '; ') as messages
    from failures
)

select
    failed_checks,
    case
        when failed_checks = 0 then 'passed'
        else fail('data quality check 08_check_similarity failed for dt {{dt}}: ' || messages)
    end as outcome
from final
