// The local Logger: quiet by default so the progress display stays readable; warnings and errors
// are kept and shown, with their attributes, and everything goes to a log file for later reading.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../tasks/ports.js';

export class FileLogger implements Logger {
  constructor(
    private readonly path: string,
    private readonly echoWarnings = false,
  ) {
    mkdirSync(dirname(path), { recursive: true });
  }

  info(message: string, attributes?: Record<string, unknown>): void {
    this.write('INFO', message, attributes);
  }

  warn(message: string, attributes?: Record<string, unknown>): void {
    this.write('WARN', message, attributes);
    if (this.echoWarnings) console.warn(`  warning: ${message} ${attributes ? JSON.stringify(attributes) : ''}`);
  }

  error(message: string, attributes?: Record<string, unknown>): void {
    this.write('ERROR', message, attributes);
  }

  private write(level: string, message: string, attributes?: Record<string, unknown>): void {
    const line = JSON.stringify({ timestamp: new Date().toISOString(), level, message, ...attributes });
    appendFileSync(this.path, `${line}\n`);
  }
}
