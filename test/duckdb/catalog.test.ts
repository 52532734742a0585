import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { registerCatalog, registerCuratedTables } from '../../local/duckdb/catalog.js';
import { createDuckDb, type LocalDuckDb } from '../../local/duckdb/database.js';
import { projectedDates } from '../../local/duckdb/projection.js';
import { plainRows } from '../../local/duckdb/rows.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { toJsonLinesGz } from '../../tasks/lake/json-lines.js';
import { lakeKeys } from '../../tasks/lake/keys.js';
import { CURATED_DT_PROJECTION } from '../../tasks/lake/tables.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let database: LocalDuckDb;
let connection: DuckDBConnection;
let lake: { path: string; remove(): Promise<void> };
let store: FolderObjectStore;
/** The curated tables' projection as Athena would evaluate it on 2026-01-10 (UTC). */
const projected = projectedDates(CURATED_DT_PROJECTION, new Date('2026-01-10T12:00:00Z'));

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return plainRows((await connection.runAndReadAll(sql)).getRowObjectsJS());
}

async function columnTypes(table: string): Promise<Record<string, string>> {
  const described = await rows(`describe ${table}`);
  return Object.fromEntries(described.map((row) => [row.column_name as string, row.column_type as string]));
}

beforeAll(async () => {
  database = await createDuckDb();
  connection = await database.instance.connect();
});

afterAll(() => {
  connection.closeSync();
  database.close();
});

beforeEach(async () => {
  lake = await makeTempDir();
  store = new FolderObjectStore(lake.path);
});

afterEach(async () => {
  await lake.remove();
});

describe('registerCatalog', () => {
  it('types raw columns as tasks/lake/tables.ts declares them, with dt as a string', async () => {
    await store.put(
      lakeKeys.rawPart('artists', '2026-01-02', 0),
      toJsonLinesGz([{ id: 'a1', name: 'A', genres: [], followers: null, popularity: null, uri: 'u', fetched_at: 't' }]),
    );

    await registerCatalog(connection, lake.path, projected);

    expect(await columnTypes('raw_artists')).toEqual({
      id: 'VARCHAR',
      name: 'VARCHAR',
      genres: 'VARCHAR[]',
      followers: 'BIGINT',
      popularity: 'INTEGER',
      uri: 'VARCHAR',
      fetched_at: 'VARCHAR',
      dt: 'VARCHAR',
    });
  });

  it('reads the partition value from the dt= folder', async () => {
    await store.put(lakeKeys.rawPart('artists', '2026-01-02', 0), toJsonLinesGz([{ id: 'a1', name: 'A', genres: ['x'] }]));
    await store.put(lakeKeys.rawPart('artists', '2026-01-03', 0), toJsonLinesGz([{ id: 'a2', name: 'B', genres: [] }]));

    await registerCatalog(connection, lake.path, projected);

    expect(await rows(`select id, dt from raw_artists order by id`)).toEqual([
      { id: 'a1', dt: '2026-01-02' },
      { id: 'a2', dt: '2026-01-03' },
    ]);
  });

  it('gives a field missing from every line its declared type, as null', async () => {
    await store.put(lakeKeys.rawPart('artists', '2026-01-02', 0), toJsonLinesGz([{ id: 'a1', name: 'A', genres: [] }]));

    await registerCatalog(connection, lake.path, projected);

    expect(await rows(`select followers, popularity from raw_artists`)).toEqual([{ followers: null, popularity: null }]);
  });

  it('registers a raw table with no files as an empty, typed table with dt', async () => {
    await registerCatalog(connection, lake.path, projected);

    expect(await rows(`select count(*) as n from raw_audio_features`)).toEqual([{ n: 0 }]);
    expect((await columnTypes('raw_audio_features')).dt).toBe('VARCHAR');
    expect((await columnTypes('raw_audio_features')).danceability).toBe('DOUBLE');
  });

  it('registers every curated table before any step has written it', async () => {
    await registerCatalog(connection, lake.path, projected);

    expect(await rows(`select count(*) as n from artist_similarity`)).toEqual([{ n: 0 }]);
    expect(await columnTypes('artist_similarity')).toMatchObject({ signals: 'VARCHAR[]', rank: 'INTEGER', dt: 'VARCHAR' });
  });

  it('can run again over the same lake', async () => {
    await registerCatalog(connection, lake.path, projected);

    await registerCatalog(connection, lake.path, projected);

    expect(await rows(`select count(*) as n from raw_artists`)).toEqual([{ n: 0 }]);
  });
});

describe('registerCuratedTables', () => {
  it('shows Parquet written after registration, with columns the contract does not list yet', async () => {
    await registerCatalog(connection, lake.path, projected);
    const folder = store.locationOf(lakeKeys.curatedPartition('artist_similarity', '2026-01-02'));
    await mkdir(folder, { recursive: true });
    await connection.run(
      `copy (select 'a' as artist_id, 'b' as neighbour_id, 'B' as neighbour_name, 1 as rank, 0.5 as score,
        0.5 as collaboration_score, null as genre_score, null as audio_score, ['collaboration'] as signals, 3 as shared_tracks,
        1 as shared_collaborators, []::varchar[] as shared_genres, 'extra' as debug_note)
       to '${folder}/data_0.parquet' (format parquet)`,
    );

    await registerCuratedTables(connection, lake.path, projected);

    expect(await rows(`select artist_id, rank, score, debug_note, dt from artist_similarity`)).toEqual([
      { artist_id: 'a', rank: 1, score: 0.5, debug_note: 'extra', dt: '2026-01-02' },
    ]);
  });

  it('shows a task-written JSON curated table only for the dates its projection generates, as Athena does', async () => {
    const row = { artist_id: 'a', neighbour_id: 'b', rank: 1, distance: 0.25 };
    await store.put(`${lakeKeys.curatedPartition('artist_audio_neighbours', '2026-01-02')}data_0.json.gz`, toJsonLinesGz([row]));
    // Past the projection's end (NOW+2DAYS on 2026-01-10): Athena never projects it.
    await store.put(`${lakeKeys.curatedPartition('artist_audio_neighbours', '2026-01-20')}data_0.json.gz`, toJsonLinesGz([{ ...row, artist_id: 'z' }]));

    await registerCuratedTables(connection, lake.path, projected);

    expect(await rows(`select artist_id, dt from artist_audio_neighbours`)).toEqual([{ artist_id: 'a', dt: '2026-01-02' }]);
  });
});
