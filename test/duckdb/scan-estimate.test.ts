// The local stand-in for Athena's DataScannedInBytes: the bytes of the files each table a query
// reads holds for the query's dt, once per reference.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { datesFiltered, estimateBytesScanned, tablesRead } from '../../local/duckdb/scan-estimate.js';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let lake: Awaited<ReturnType<typeof makeTempDir>>;
let store: FolderObjectStore;

beforeEach(async () => {
  lake = await makeTempDir();
  store = new FolderObjectStore(lake.path);
});

afterEach(async () => {
  await lake.remove();
});

describe('tablesRead', () => {
  it('lists each catalog table once per from or join', () => {
    const sql = `select * from artists as a join track_artists t on t.artist_id = a.artist_id join artists b on b.artist_id = t.artist_id`;

    expect(tablesRead(sql).map((table) => table.name)).toEqual(['artists', 'track_artists', 'artists']);
  });

  it('ignores common table expressions, comments and string literals that share a table name', () => {
    const sql = `-- reads from artists? no
with albums as (select 'from tracks' as x) select * from albums join "raw_tracks" r on true`;

    expect(tablesRead(sql).map((table) => table.name)).toEqual(['raw_tracks']);
  });
});

describe('datesFiltered', () => {
  it('finds every dt the query filters on, qualified or not', () => {
    expect(datesFiltered(`where dt = '2026-11-23' and tracks.dt = '2026-11-23' or x.dt='2026-11-22'`)).toEqual([
      '2026-11-23',
      '2026-11-22',
    ]);
  });
});

describe('estimateBytesScanned', () => {
  it('counts the files of the filtered partition only, once per reference', async () => {
    // Prepare: 100 bytes for dt 2026-11-23 in two files, 1000 bytes for another date
    await store.put('curated/artists/dt=2026-11-23/data_0.parquet', 'x'.repeat(60));
    await store.put('curated/artists/dt=2026-11-23/data_1.parquet', 'x'.repeat(40));
    await store.put('curated/artists/dt=2026-11-22/data_0.parquet', 'x'.repeat(1000));

    // Act
    const bytes = await estimateBytesScanned(
      `select * from artists a join artists b on a.artist_id = b.artist_id where a.dt = '2026-11-23' and b.dt = '2026-11-23'`,
      store.root,
    );

    // Assess
    expect(bytes).toBe(200);
  });

  it('counts every partition of a table the query does not filter by dt', async () => {
    // Prepare
    await store.put('raw/artists/dt=2026-11-23/part-0.json.gz', 'x'.repeat(10));
    await store.put('raw/artists/dt=2026-11-22/part-0.json.gz', 'x'.repeat(5));

    // Act
    const bytes = await estimateBytesScanned('select count(*) from raw_artists', store.root);

    // Assess
    expect(bytes).toBe(15);
  });

  it('counts nothing for a query that reads no table', async () => {
    expect(await estimateBytesScanned('select 1', store.root)).toBe(0);
  });
});
