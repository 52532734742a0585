import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderObjectStore } from '../../local/folder-object-store.js';
import { TrackedArtistsInvalid } from '../../tasks/errors.js';
import { dedupeTrackedArtists, parseTrackedCsv, parseTrackedJson, readTrackedArtists } from '../../tasks/contracts/tracked-artists.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const ID_A = '4Z8W4fKeB5YxbusRsdQVPb';
const ID_B = '3WrFJ7ztbogyGnTHbHJFl2';

describe('tracked artist list', () => {
  let temp: { path: string; remove(): Promise<void> };
  let store: FolderObjectStore;
  beforeEach(async () => {
    temp = await makeTempDir();
    store = new FolderObjectStore(temp.path);
  });
  afterEach(() => temp.remove());

  it('reads ids, names, Spotify URIs and URLs, and {id}/{name} objects from JSON', () => {
    const entries = parseTrackedJson(
      JSON.stringify([ID_A, 'spotify:artist:' + ID_B, `https://open.spotify.com/intl-ko/artist/${ID_A}?si=x`, '아이유', { name: 'Zoë Ångström' }, { id: ID_B, name: 'B' }]),
      'config/tracked-artists.json',
    );

    expect(entries).toEqual([
      { kind: 'id', id: ID_A },
      { kind: 'id', id: ID_B },
      { kind: 'id', id: ID_A },
      { kind: 'name', name: '아이유' },
      { kind: 'name', name: 'Zoë Ångström' },
      { kind: 'id', id: ID_B, name: 'B' },
    ]);
  });

  it('reads a CSV with a header, quoted fields, a byte-order mark and CRLF line ends', async () => {
    await store.put('config/tracked-artists.csv', `\uFEFFname,id\r\n"Park, Mina",\r\n,${ID_A}\r\n"The ""Quiet"" Owls",\r\n새벽달,\r\n`);

    const entries = await readTrackedArtists(store);

    expect(entries).toEqual([
      { kind: 'name', name: 'Park, Mina' },
      { kind: 'id', id: ID_A },
      { kind: 'name', name: 'The "Quiet" Owls' },
      { kind: 'name', name: '새벽달' },
    ]);
  });

  it('reads a CSV without a header as one id or name per row', () => {
    expect(parseTrackedCsv(`${ID_A}\nVelvet Owls\n\n`, 'x.csv')).toEqual([
      { kind: 'id', id: ID_A },
      { kind: 'name', name: 'Velvet Owls' },
    ]);
  });

  it('removes duplicate ids, and names that differ only in case, spacing or Unicode form', () => {
    const unique = dedupeTrackedArtists([
      { kind: 'id', id: ID_A },
      { kind: 'id', id: ID_A },
      { kind: 'name', name: 'Velvet Owls' },
      { kind: 'name', name: 'velvet  OWLS' },
      { kind: 'name', name: '아이유' },
      { kind: 'name', name: '아이유'.normalize('NFD') },
    ]);

    expect(unique).toEqual([
      { kind: 'id', id: ID_A },
      { kind: 'name', name: 'Velvet Owls' },
      { kind: 'name', name: '아이유' },
    ]);
  });

  it('merges the JSON list, the CSV list and the artists added under config/tracked-artists/', async () => {
    await store.put('config/tracked-artists.json', JSON.stringify([ID_A]));
    await store.put('config/tracked-artists.csv', 'Velvet Owls\n');
    await store.put(`config/tracked-artists/added-${ID_B}.json`, JSON.stringify([{ id: ID_B }]));
    await store.put('config/other.json', JSON.stringify(['not tracked']));

    const entries = await readTrackedArtists(store);

    expect(entries).toEqual([
      { kind: 'name', name: 'Velvet Owls' },
      { kind: 'id', id: ID_A },
      { kind: 'id', id: ID_B },
    ]);
  });

  it('reads the list from a configured key, with its CSV form and folder', async () => {
    await store.put('config/ops/artists.csv', `${ID_A}\n`);
    await store.put('config/ops/artists/chatbot.json', JSON.stringify([ID_B]));
    await store.put('config/tracked-artists.json', JSON.stringify(['not read']));

    const entries = await readTrackedArtists(store, 'config/ops/artists.json');

    expect(entries).toEqual([
      { kind: 'id', id: ID_A },
      { kind: 'id', id: ID_B },
    ]);
  });

  it('fails with TrackedArtistsInvalid naming where the list goes when there is none', async () => {
    await expect(readTrackedArtists(store)).rejects.toThrow(TrackedArtistsInvalid);
    await expect(readTrackedArtists(store)).rejects.toThrow(/config\/tracked-artists\.json/);
  });

  it('fails with TrackedArtistsInvalid naming the file when the JSON is malformed', async () => {
    await store.put('config/tracked-artists.json', '["unterminated');

    await expect(readTrackedArtists(store)).rejects.toThrow(/config\/tracked-artists\.json is not JSON/);
  });

  it('fails with TrackedArtistsInvalid naming the entry that is neither an id nor a name', () => {
    expect(() => parseTrackedJson(JSON.stringify([ID_A, 42]), 'config/tracked-artists.json')).toThrow(/entry 1 is 42/);
  });

  it('fails with TrackedArtistsInvalid when the list is empty', async () => {
    await store.put('config/tracked-artists.json', '[]');

    await expect(readTrackedArtists(store)).rejects.toThrow(/is empty/);
  });
});
