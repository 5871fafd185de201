import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSecretValue } from './read-secret.js';

function sink(): PassThrough & { text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return Object.assign(stream, { text: () => text });
}

describe('readSecretValue', () => {
  it('reads a piped value without its final line break, and prompts nothing', async () => {
    const prompt = sink();
    expect(await readSecretValue({ stdin: Readable.from(['tok-', 'value\n']), prompt }, 'Value: ')).toBe('tok-value');
    expect(await readSecretValue({ stdin: Readable.from(['a b\r\n']), prompt }, 'Value: ')).toBe('a b');
    expect(prompt.text()).toBe('');
  });

  it('on a terminal: prompts, reads one hidden line (backspace works), echoes nothing, restores the mode', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, modes: [] as boolean[], setRawMode(raw: boolean) { this.modes.push(raw); } });
    const prompt = sink();
    const value = readSecretValue({ stdin, prompt }, 'Value of TOKEN: ');
    stdin.write('sekret');
    stdin.write('\u007fT\r');
    expect(await value).toBe('sekreT');
    expect(prompt.text()).toBe('Value of TOKEN: \n');
    expect(stdin.modes).toEqual([true, false]);
  });

  it('on a terminal: Ctrl-C gives up', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const value = readSecretValue({ stdin, prompt: sink() }, 'Value: ');
    stdin.write('abc\u0003');
    await expect(value).rejects.toThrow('cancelled');
  });
});
