import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.js';
import { DynamoDbResultsStore } from '../../tasks/aws/dynamodb-results-store.js';
import { InvalidRunDate } from '../../tasks/errors.js';
import { itemKeys } from '../../tasks/contracts/result-items.js';
import { movePublishedMarkerBack, PublishMarkerMoveRefused, readPublishedMarker } from '../../tasks/publish/marker.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const now = new Date('2026-11-23T01:00:00Z');
const options = { now, timeZone: 'Asia/Seoul' };

describe('moving the published marker back', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let dynamo: LocalDynamoDb;
  let results: DynamoDbResultsStore;

  beforeAll(async () => {
    temp = await makeTempDir();
    dynamo = await startLocalDynamoDb(`${temp.path}/dynamodb`);
    results = new DynamoDbResultsStore(dynamo.client, dynamo.tableName);
  });
  afterAll(async () => {
    await dynamo.close();
    await temp.remove();
  });
  beforeEach(async () => {
    // A future date published before the run date window existed.
    await results.putItems([{ pk: itemKeys.publishedPk, sk: itemKeys.publishedSk, dt: '2099-12-31', artists: 300 }]);
  });

  it('changes nothing without confirmation, and says what it would do', async () => {
    const move = await movePublishedMarkerBack(results, '2026-11-20', { ...options, confirm: false });

    expect(move).toEqual({ moved: false, from: '2099-12-31', to: '2026-11-20' });
    expect((await readPublishedMarker(results))?.dt).toBe('2099-12-31');
  });

  it('moves the marker back when confirmed, remembering where it was', async () => {
    const move = await movePublishedMarkerBack(results, '2026-11-20', { ...options, confirm: true });

    expect(move).toEqual({ moved: true, from: '2099-12-31', to: '2026-11-20' });
    expect(await readPublishedMarker(results)).toEqual({ dt: '2026-11-20', movedBackFrom: '2099-12-31', movedAt: now.toISOString() });
  });

  it('refuses to move the marker forward or leave it where it is', async () => {
    await results.putItems([{ pk: itemKeys.publishedPk, sk: itemKeys.publishedSk, dt: '2026-11-20' }]);

    await expect(movePublishedMarkerBack(results, '2026-11-22', { ...options, confirm: true })).rejects.toThrow(PublishMarkerMoveRefused);
    await expect(movePublishedMarkerBack(results, '2026-11-20', { ...options, confirm: true })).rejects.toThrow(
      'it can only be moved back, to an earlier date than that',
    );
    expect((await readPublishedMarker(results))?.dt).toBe('2026-11-20');
  });

  it('refuses a target date later than tomorrow', async () => {
    await expect(movePublishedMarkerBack(results, '2099-01-01', { ...options, confirm: true })).rejects.toThrow(InvalidRunDate);
    expect((await readPublishedMarker(results))?.dt).toBe('2099-12-31');
  });
});
