import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../tasks/aws/s3-object-store.js';
import { LakeDeleteFailed } from '../../tasks/errors.js';

const s3 = mockClient(S3Client);
const store = () => new S3ObjectStore(new S3Client({ region: 'eu-west-1' }), 'lake-bucket');

/** The part of the SDK's streaming body that the adapter reads. */
function body(text: string): GetObjectCommandOutput['Body'] {
  return { transformToByteArray: async () => new TextEncoder().encode(text) } as GetObjectCommandOutput['Body'];
}

const keys = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}part-${String(index).padStart(5, '0')}.json.gz`);

afterEach(() => {
  s3.reset();
});

describe('S3ObjectStore', () => {
  it('puts the body under the key in its bucket', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});

    // Act
    await store().put('runs/2026-11-23/manifest.json', '{"dt":"2026-11-23"}');

    // Assess
    const [call] = s3.commandCalls(PutObjectCommand);
    expect(call?.args[0].input).toEqual({
      Bucket: 'lake-bucket',
      Key: 'runs/2026-11-23/manifest.json',
      Body: '{"dt":"2026-11-23"}',
    });
  });

  it('gets the bytes of an existing object', async () => {
    // Prepare
    s3.on(GetObjectCommand, { Bucket: 'lake-bucket', Key: 'config/tracked-artists.json' }).resolves({ Body: body('["a"]') });

    // Act
    const bytes = await store().get('config/tracked-artists.json');

    // Assess
    expect(Buffer.from(bytes ?? []).toString('utf8')).toBe('["a"]');
  });

  it('returns undefined for a key that does not exist', async () => {
    // Prepare
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));

    // Act
    const bytes = await store().get('runs/2026-11-23/manifest.json');

    // Assess
    expect(bytes).toBeUndefined();
  });

  it('rethrows other errors from get, such as access denied', async () => {
    // Prepare
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));

    // Act
    const reading = store().get('raw/artists/dt=2026-11-23/part-00000.json.gz');

    // Assess
    await expect(reading).rejects.toThrow('Access Denied');
  });

  it('lists every page of keys under a prefix, following continuation tokens, sorted', async () => {
    // Prepare
    s3.on(ListObjectsV2Command, { Prefix: 'raw/', ContinuationToken: undefined }).resolves({
      Contents: [{ Key: 'raw/tracks/dt=2026-11-23/part-00000.json.gz' }],
      IsTruncated: true,
      NextContinuationToken: 'page-2',
    });
    s3.on(ListObjectsV2Command, { Prefix: 'raw/', ContinuationToken: 'page-2' }).resolves({
      Contents: [{ Key: 'raw/albums/dt=2026-11-23/part-00000.json.gz' }],
      IsTruncated: false,
    });

    // Act
    const listed = await store().list('raw/');

    // Assess
    expect(listed).toEqual(['raw/albums/dt=2026-11-23/part-00000.json.gz', 'raw/tracks/dt=2026-11-23/part-00000.json.gz']);
  });

  it('lists nothing under an empty prefix of the bucket', async () => {
    // Prepare
    s3.on(ListObjectsV2Command).resolves({ KeyCount: 0, IsTruncated: false });

    // Act
    const listed = await store().list('curated/artists/dt=2026-11-23/');

    // Assess
    expect(listed).toEqual([]);
  });

  it('deletes a prefix in batches of at most 1000 keys and returns how many it deleted', async () => {
    // Prepare
    const prefix = 'raw/tracks/dt=2026-11-23/';
    s3.on(ListObjectsV2Command).resolves({ Contents: keys(prefix, 2_500).map((Key) => ({ Key })), IsTruncated: false });
    s3.on(DeleteObjectsCommand).resolves({});

    // Act
    const deleted = await store().deletePrefix(prefix);

    // Assess
    const batches = s3.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input.Delete?.Objects?.length);
    expect({ deleted, batches }).toEqual({ deleted: 2_500, batches: [1_000, 1_000, 500] });
  });

  it('sends no delete request when nothing is under the prefix', async () => {
    // Prepare
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: false });

    // Act
    const deleted = await store().deletePrefix('curated/artists/dt=2026-11-23/');

    // Assess
    expect({ deleted, requests: s3.commandCalls(DeleteObjectsCommand).length }).toEqual({ deleted: 0, requests: 0 });
  });

  it('fails with LakeDeleteFailed naming the keys S3 reported it could not delete', async () => {
    // Prepare
    const prefix = 'curated/artists/dt=2026-11-23/';
    s3.on(ListObjectsV2Command).resolves({ Contents: keys(prefix, 3).map((Key) => ({ Key })), IsTruncated: false });
    s3.on(DeleteObjectsCommand).resolves({
      Errors: [{ Key: `${prefix}part-00001.json.gz`, Code: 'AccessDenied', Message: 'Access Denied' }],
    });

    // Act
    const deleting = store().deletePrefix(prefix);

    // Assess
    await expect(deleting).rejects.toThrow(LakeDeleteFailed);
    await expect(deleting).rejects.toThrow(`1 of 3 objects under s3://lake-bucket/${prefix} were not deleted, e.g. ${prefix}part-00001.json.gz (AccessDenied: Access Denied)`);
  });

  it('refuses to delete with an empty prefix, which would empty the lake', async () => {
    // Act
    const deleting = store().deletePrefix('');

    // Assess
    await expect(deleting).rejects.toThrow(LakeDeleteFailed);
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(0);
  });

  it('locates a key as an s3:// URI for the query engine', () => {
    // Act
    const location = store().locationOf('curated/artists/dt=2026-11-23/');

    // Assess
    expect(location).toBe('s3://lake-bucket/curated/artists/dt=2026-11-23/');
  });
});
