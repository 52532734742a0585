// A Write that keeps the lines, so tests assert exactly what the operator would read.
export function captureOutput(): { write: (line: string) => void; lines: string[]; text: () => string } {
  const lines: string[] = [];
  return { write: (line) => lines.push(line), lines, text: () => lines.join('\n') };
}

export const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:SixpotifyPipeline';

export const executionArn = (name: string) => `arn:aws:states:eu-west-1:123456789012:execution:SixpotifyPipeline:${name}`;

/** Resolves at once: tests never wait for a poll interval. */
export const noSleep = async (): Promise<void> => {};
