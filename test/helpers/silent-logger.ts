// A Logger that keeps what it was told, so tests can assert on warnings.
import type { Logger } from '../../tasks/ports.js';

export class RecordingLogger implements Logger {
  readonly lines: { level: string; message: string; attributes?: Record<string, unknown> }[] = [];
  info(message: string, attributes?: Record<string, unknown>): void {
    this.lines.push({ level: 'info', message, attributes });
  }
  warn(message: string, attributes?: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, attributes });
  }
  error(message: string, attributes?: Record<string, unknown>): void {
    this.lines.push({ level: 'error', message, attributes });
  }
}
