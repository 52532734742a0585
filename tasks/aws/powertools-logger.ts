// The Logger port on Lambda: Powertools' structured JSON logger (one JSON object per line, with the
// Lambda context keys once a handler injects them).
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '../ports.js';

export function powertoolsLogger(logger: PowertoolsLogger = new PowertoolsLogger()): Logger {
  // Powertools takes attributes as a rest argument: passing `undefined` through would log it as an attribute.
  const emit = (level: 'info' | 'warn' | 'error') => (message: string, attributes?: Record<string, unknown>) => {
    if (attributes === undefined) logger[level](message);
    else logger[level](message, attributes);
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}
