// The chatbot lookup's ports for a local data set, bound as tasks/similar/lambda.ts binds them on
// AWS: the data set's DynamoDB (dynalite) and lake, the configured time zone and TTL, and Spotify:
// for a sample data set the built-in server, started in this process on that sample's catalog; for
// --live the API the run fetches from. Spotify is connected on first use only: a published artist is
// answered from DynamoDB alone, and generating a large sample catalog takes seconds to minutes.
import { join } from 'node:path';
import type { Clock, ResultsStore } from '../tasks/ports.js';
import { resultTtlDaysFromEnv, timeZoneFromEnv } from '../tasks/settings/from-env.js';
import type { LookupPorts } from '../tasks/similar/lookup.js';
import { FileLogger } from './console-logger.js';
import { dataSetKindOf, type DataSet } from './data-set.js';
import { FolderObjectStore } from './folder-object-store.js';
import { homeLayout } from './paths.js';
import { catalogSource, connectSpotify, type SpotifyConnection } from './source.js';

export interface LocalLookup {
  ports: LookupPorts;
  /** Whom the lookup asks about an artist the data set has not published, for the user. */
  spotifyName: string;
  /** Stops the Spotify server if the lookup started one. */
  close(): Promise<void>;
}

export function localLookupPorts(
  dataSet: Pick<DataSet, 'name' | 'home'>,
  results: ResultsStore,
  options: { env?: NodeJS.ProcessEnv; clock?: Clock } = {},
): LocalLookup {
  const env = options.env ?? process.env;
  const layout = homeLayout(dataSet.home);
  const kind = dataSetKindOf(dataSet.name);
  const spotify = connectedOnFirstUse(async () => {
    if (kind === undefined) {
      throw new Error(`${dataSet.home} is no data set \`npm start\` names (sample…, live): it has no Spotify to look an unpublished artist up on`);
    }
    return connectSpotify(catalogSource(kind, env));
  });
  return {
    ports: {
      results,
      store: new FolderObjectStore(layout.lake),
      spotify: spotify.client,
      clock: options.clock ?? { now: () => new Date() },
      logger: new FileLogger(join(layout.logs, 'similar.log')),
      ttlDays: resultTtlDaysFromEnv(env),
      timeZone: timeZoneFromEnv(env),
    },
    spotifyName: kind?.kind === 'sample' ? `the built-in Spotify server (the ${dataSet.name} catalog)` : 'Spotify',
    close: spotify.close,
  };
}

function connectedOnFirstUse(connect: () => Promise<SpotifyConnection>): { client: LookupPorts['spotify']; close(): Promise<void> } {
  let connection: Promise<SpotifyConnection> | undefined;
  const spotify = async () => (await (connection ??= connect())).spotify;
  return {
    client: {
      getArtist: async (id, callOptions) => (await spotify()).getArtist(id, callOptions),
      searchArtists: async (query, callOptions) => (await spotify()).searchArtists(query, callOptions),
    },
    close: async () => {
      // A connection that failed to start has nothing to close.
      await (await connection?.catch(() => undefined))?.close();
    },
  };
}
