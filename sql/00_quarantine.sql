-- 00_quarantine: the raw rows one artist's bad data would break the curated tables with, set aside.
--
-- purpose: one artist with an empty name or an album with a malformed release date must not fail the
--          night for everyone: such rows are written here with the check they broke, and the curated
--          steps (01-04) leave them out, so similarity and the chatbot never see them. 05_check_curated
--          fails the run only when the quarantined artists pass the configured share of tracked artists.
-- inputs:  raw_artists, raw_albums, raw_tracks, partition dt = '{{dt}}'
-- output:  curated/quarantined_rows
-- grain:   one row per (entity, record_id, check_name) left out
-- checks:  artist_name_blank: an artist whose name is null, empty or only white space (Unicode spaces too);
--          album_release_date_malformed: an album whose release_date is not YYYY, YYYY-MM or YYYY-MM-DD,
--          or names no real month or day; track_on_quarantined_album: every track of such an album
--          (a track needs its album in curated/albums).
-- blame:   artist_id is the artist whose data it is: the artist itself, or the first credited
--          artist of the album or track.
-- engine:  Athena UNLOAD to Parquet (Snappy); locally COPY, and regexp_like becomes regexp_matches
--          (the patterns use only \d, \s, \p{Z} and anchors, which Java and RE2 read alike).
unload (
    with

    artists as (
        select
            id,
            name
        from raw_artists
        where dt = '{{dt}}'
    ),

    albums as (
        select
            id,
            release_date,
            artist_ids,
            -- A null release_date matches no pattern and so lands in `else false` too.
            case
                when regexp_like(release_date, '^\d{4}$') then true
                when regexp_like(release_date, '^\d{4}-\d{2}$') then try_cast(release_date || '-01' as date) is not null
                when regexp_like(release_date, '^\d{4}-\d{2}-\d{2}$') then try_cast(release_date as date) is not null
                else false
            end as has_valid_release_date
        from raw_albums
        where dt = '{{dt}}'
    ),

    tracks as (
        select
            id,
            album_id,
            artist_ids
        from raw_tracks
        where dt = '{{dt}}'
    ),

    blank_artist_names as (
        select
            'artist' as entity,
            id as record_id,
            id as artist_id,
            'artist_name_blank' as check_name,
            'the artist name is empty or only white space' as reason,
            name as value
        from artists
        where name is null
            or regexp_like(name, '^[\s\p{Z}]*$')
    ),

    malformed_release_dates as (
        select
            'album' as entity,
            id as record_id,
            element_at(artist_ids, 1) as artist_id,
            'album_release_date_malformed' as check_name,
            'the release date is not YYYY, YYYY-MM or YYYY-MM-DD with a real month and day' as reason,
            release_date as value
        from albums
        where not has_valid_release_date
    ),

    tracks_on_quarantined_albums as (
        select
            'track' as entity,
            tracks.id as record_id,
            element_at(tracks.artist_ids, 1) as artist_id,
            'track_on_quarantined_album' as check_name,
            'the track is on an album that was quarantined' as reason,
            tracks.album_id as value
        from tracks
        inner join malformed_release_dates
            on malformed_release_dates.record_id = tracks.album_id
    ),

    final as (
        select
            entity,
            record_id,
            artist_id,
            check_name,
            reason,
            value
        from blank_artist_names

        union all

        select
            entity,
            record_id,
            artist_id,
            check_name,
            reason,
            value
        from malformed_release_dates

        union all

        select
            entity,
            record_id,
            artist_id,
            check_name,
            reason,
            value
        from tracks_on_quarantined_albums
    )

    select distinct
        entity,
        record_id,
        artist_id,
        check_name,
        reason,
        value
    from final
    -- A fixed row order makes a re-run write the same bytes.
    order by
        entity,
        record_id,
        check_name
)
to '{{output_location}}'
with (format = 'PARQUET', compression = 'SNAPPY')
