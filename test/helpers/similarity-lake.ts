// A folder lake as the SQL steps leave it, written straight with DuckDB: `artists` neighbours per
// artist in artist_similarity for dt (and two artists for the day before), and one row in artists.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const SIMILARITY_DT = '2026-11-20';

/** Writes the lake under `lakeRoot`; returns the path of the artist_similarity file for SIMILARITY_DT. */
export async function writeSimilarityLake(lakeRoot: string, artists = 300): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const writer = await instance.connect();
  const similarityFile = (date: string) => join(lakeRoot, 'curated', 'artist_similarity', `dt=${date}`, 'data_0.parquet');
  for (const [date, count] of [[SIMILARITY_DT, artists], ['2026-11-19', 2]] as const) {
    await mkdir(dirname(similarityFile(date)), { recursive: true });
    await writer.run(`copy (
      select 'a' || a as artist_id, 'n' || n as neighbour_id, 'Neighbour ' || n as neighbour_name, n::int as rank,
             1 - n / 100 as score, 0.5 as collaboration_score, null::double as genre_score, null::double as audio_score,
             ['collaboration', 'genre'] as signals, 2 as shared_tracks, 1 as shared_collaborators, ['k-pop'] as shared_genres
      from range(${count}) as artists(a), range(1, 11) as neighbours(n)
    ) to '${similarityFile(date)}' (format parquet)`);
  }
  const artistsFile = join(lakeRoot, 'curated', 'artists', `dt=${SIMILARITY_DT}`, 'data_0.parquet');
  await mkdir(dirname(artistsFile), { recursive: true });
  await writer.run(`copy (select 'a1' as artist_id, 'IU' as name, ['k-pop', 'ballad'] as genres, null::bigint as followers, null::int as popularity)
    to '${artistsFile}' (format parquet)`);
  writer.closeSync();
  instance.closeSync();
  return similarityFile(SIMILARITY_DT);
}
