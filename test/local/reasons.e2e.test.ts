// Reasons that hold, on the whole local pipeline with every signal (an extended-access app): what the
// chatbot reads in DynamoDB is checked against the similarity table the reasons came from.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStateMachine } from '../../local/runner.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { itemKeys } from '../../tasks/contracts/result-items.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const dt = '2026-11-20';

interface PublishedNeighbour {
  id: string;
  reason: string;
}

describe('published reasons, extended-access sample', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtime: LocalRuntime;

  beforeAll(async () => {
    temp = await makeTempDir();
    runtime = await startLocalRuntime({ home: join(temp.path, 'home'), source: { kind: 'sample', artists: 80, access: 'extended' } });
    const outcome = await runStateMachine(runtime.bindings, { dt });
    expect(outcome.status).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await runtime.close();
    await temp.remove();
  });

  async function reasonOf(artistId: string, neighbourId: string): Promise<string | undefined> {
    const item = await runtime.results.get(itemKeys.artist(artistId), itemKeys.similarSk);
    return (item?.neighbours as PublishedNeighbour[] | undefined)?.find((neighbour) => neighbour.id === neighbourId)?.reason;
  }

  it('does not call the least similar audio pair similar in sound', async () => {
    const [least] = await runtime.engines.run(
      `select artist_id, neighbour_id, audio_score from artist_similarity where dt = '${dt}' order by audio_score, artist_id, neighbour_id limit 1`,
    );

    const reason = await reasonOf(String(least?.artist_id), String(least?.neighbour_id));

    expect(Number(least?.audio_score)).toBeLessThan(0.9);
    expect(reason).toBeDefined();
    expect(reason).not.toMatch(/close audio profile|similar audio profile/);
  });

  it('names a close audio profile, with its score, only for pairs that are close', async () => {
    const rows = await runtime.engines.run(`select artist_id, neighbour_id, audio_score from artist_similarity where dt = '${dt}'`);
    const named: number[] = [];
    for (const row of rows) {
      const reason = await reasonOf(String(row.artist_id), String(row.neighbour_id));
      if (reason?.includes('close audio profile')) {
        named.push(Number(row.audio_score));
        expect(reason).toContain(`close audio profile (${Number(row.audio_score).toFixed(2)})`);
      }
    }

    expect(named.length).toBeGreaterThan(0);
    expect(Math.min(...named)).toBeGreaterThanOrEqual(0.9);
  });
});
