import { writeFileAtomic } from '../config/atomic-write.js';
import { readRegularFile } from '../config/read-regular-file.js';
import { isPlainObject } from '../../shared/plain-object.js';
import type { PinnedDefinition, ServerPins } from './tool-pins.js';

/** Approved tool definitions of every upstream, by server name. */
export type AllPins = Readonly<Record<string, ServerPins>>;

const MAX_PINS_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Reads the pins file. A missing file means nothing was recorded yet; a file
 * that is unreadable or not the expected shape is reported through `log` and
 * treated as empty for servers it cannot read, so tools are recorded afresh
 * rather than the gateway failing.
 */
export async function loadPins(file: string, log: (line: string) => void = () => undefined): Promise<AllPins> {
  let read;
  try {
    read = await readRegularFile(file, MAX_PINS_FILE_BYTES);
  } catch (error) {
    log(`[gateway] cannot read ${file}: ${(error as Error).message}`);
    return {};
  }
  if (read.kind === 'missing') return {};
  if (read.kind === 'refused') {
    log(`[gateway] ${file} ${read.problem}; approved tool definitions are recorded afresh`);
    return {};
  }
  try {
    const value: unknown = JSON.parse(read.text);
    if (!isPlainObject(value)) throw new Error('not a JSON object');
    const pins: Record<string, ServerPins> = {};
    for (const [server, tools] of Object.entries(value)) {
      if (isPlainObject(tools)) pins[server] = tools as Record<string, PinnedDefinition>;
    }
    return pins;
  } catch (error) {
    log(`[gateway] ${file} is not valid (${(error as Error).message}); approved tool definitions are recorded afresh`);
    return {};
  }
}

/** Writes the pins file atomically (mode 0600). */
export async function savePins(file: string, pins: AllPins): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(pins, null, 2)}\n`);
}
