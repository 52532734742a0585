// The data lake on AWS: the ObjectStore port over one S3 bucket.
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { LakeDeleteFailed } from '../errors.js';
import type { ObjectStore } from '../ports.js';
import { isAwsError } from './aws-error.js';

/** DeleteObjects accepts at most 1000 keys per request. */
const DELETE_BATCH_SIZE = 1000;

export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: Uint8Array | string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body }));
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return response.Body === undefined ? new Uint8Array() : await response.Body.transformToByteArray();
    } catch (error) {
      if (isAwsError(error, 'NoSuchKey')) return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: continuationToken }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) keys.push(object.Key);
      }
      continuationToken = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (continuationToken !== undefined);
    // S3 orders by UTF-8 bytes; the port promises JavaScript's sort order, which the folder lake uses too.
    return keys.sort();
  }

  async deletePrefix(prefix: string): Promise<number> {
    // An empty prefix would wipe the whole lake: that is always a bug in the caller, never a request.
    if (prefix === '') throw new LakeDeleteFailed(`refusing to delete every object in s3://${this.bucket}: the prefix is empty`);
    const keys = await this.list(prefix);
    for (let start = 0; start < keys.length; start += DELETE_BATCH_SIZE) {
      const batch = keys.slice(start, start + DELETE_BATCH_SIZE);
      const response = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((key) => ({ Key: key })), Quiet: true },
        }),
      );
      // DeleteObjects answers 200 even when some keys were not deleted: the failures are in the body.
      const failures = response.Errors ?? [];
      if (failures.length > 0) {
        const examples = failures
          .slice(0, 3)
          .map((failure) => `${failure.Key ?? '?'} (${failure.Code ?? 'unknown'}: ${failure.Message ?? 'no message'})`)
          .join(', ');
        throw new LakeDeleteFailed(
          `${failures.length} of ${batch.length} objects under s3://${this.bucket}/${prefix} were not deleted, e.g. ${examples}`,
        );
      }
    }
    return keys.length;
  }

  locationOf(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }
}
