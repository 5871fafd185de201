// A Node script that serves HTTP (the bench's reference and raw servers) as a child process:
// started with its arguments, ready once it prints `listening on URL`.
import { spawn } from 'node:child_process';

/** Starts `node script ...args` and waits for its `listening on URL` line. */
export async function startScriptServer(script, args = []) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, url };
}
