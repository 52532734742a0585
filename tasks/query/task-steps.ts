// Steps of the query phase that are not SQL. The plan lists each right after the SQL step that
// writes its input, and the state machine's ChooseStepEngine sends it, by name, to its own task
// instead of StartQuery. A SQL folder without that input step (a test's) gets no task step.
export interface TaskStep {
  /** Named after the curated table it writes, as the SQL steps are. */
  name: string;
  /** The SQL step whose output it reads. */
  after: string;
}

export const TASK_STEPS: readonly TaskStep[] = [
  // FindAudioNeighbours: the exact K nearest artists by audio, which 07_artist_similarity joins.
  { name: 'artist_audio_neighbours', after: '06_export_artist_features' },
];

export function withTaskSteps(sqlSteps: readonly string[]): string[] {
  return sqlSteps.flatMap((step) => [step, ...TASK_STEPS.filter((task) => task.after === step).map((task) => task.name)]);
}
