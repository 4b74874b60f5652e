// A small logger for the main process: an area prefix in the message, context as an object.
// Main logs to its own stdout and stderr only; nothing is sent anywhere.

const MAX_REMEMBERED_MESSAGES = 1000;
const seen = new Set<string>();

export function logInfo(message: string, context?: Record<string, unknown>): void {
  if (context) console.info(message, context);
  else console.info(message);
}

export function logError(message: string, context?: Record<string, unknown>): void {
  if (context) console.error(message, context);
  else console.error(message);
}

/**
 * Logs a warning the first time a message occurs and drops repeats. The set of seen messages is
 * cleared after MAX_REMEMBERED_MESSAGES distinct ones, so memory stays bounded.
 */
export function logWarningOnce(message: string): void {
  if (seen.has(message)) return;
  if (seen.size === MAX_REMEMBERED_MESSAGES) {
    console.warn(`log: ${MAX_REMEMBERED_MESSAGES} distinct warnings logged; repeats may be logged again`);
    seen.clear();
  }
  seen.add(message);
  console.warn(message);
}
