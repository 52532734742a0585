// The audio-feature export (exports/artist_features/dt=<dt>/, written by sql/06_export_artist_features):
// one JSON row per artist with its six normalised feature averages. Read whole, validated, and laid
// out as the kernel wants it: points sorted by artist id (so index order is the SQL's id order),
// six doubles each, in the order 07 sums them.
import { z } from 'zod';
import { AudioFeaturesInvalid } from '../errors.js';
import { exportFileKeys, readExportRows } from '../lake/exports.js';
import { lakeKeys } from '../lake/keys.js';
import type { ObjectStore } from '../ports.js';
import { DIMENSIONS } from './kernel.js';

export const FEATURES_EXPORT = 'artist_features';

/** The six features, in the order sql/07_artist_similarity.sql adds their squared differences. */
export const FEATURE_NAMES = ['danceability', 'energy', 'loudness', 'speechiness', 'acousticness', 'instrumentalness'] as const;

const feature = z.number();
export const featureRowSchema = z.object({
  artist_id: z.string().min(1),
  danceability: feature,
  energy: feature,
  loudness: feature,
  speechiness: feature,
  acousticness: feature,
  instrumentalness: feature,
});
export type FeatureRow = z.infer<typeof featureRowSchema>;

export interface FeatureVectors {
  /** Artist ids in code-unit order (byte order for Spotify's ASCII ids, as the engines sort). */
  ids: string[];
  /** ids.length x 6 values, row-major. */
  vectors: Float64Array;
}

/** Every row of the date's export; none when the app has no audio features (an empty export). */
export async function readFeatureExport(dt: string, store: ObjectStore): Promise<FeatureRow[]> {
  const keys = await exportFileKeys(store, lakeKeys.exportPartition(FEATURES_EXPORT, dt));
  return readExportRows(store, keys, featureRowSchema, (where, problem) => new AudioFeaturesInvalid(`${where} is not a valid feature row: ${problem}`));
}

export function toFeatureVectors(rows: readonly FeatureRow[]): FeatureVectors {
  const sorted = [...rows].sort((a, b) => (a.artist_id < b.artist_id ? -1 : a.artist_id > b.artist_id ? 1 : 0));
  const vectors = new Float64Array(sorted.length * DIMENSIONS);
  sorted.forEach((row, point) => {
    if (point > 0 && sorted[point - 1]?.artist_id === row.artist_id) {
      throw new AudioFeaturesInvalid(`artist ${row.artist_id} appears twice in the feature export: it must have one row per artist`);
    }
    FEATURE_NAMES.forEach((name, dimension) => {
      vectors[point * DIMENSIONS + dimension] = row[name];
    });
  });
  return { ids: sorted.map((row) => row.artist_id), vectors };
}
