#!/usr/bin/env node
// The limit of `npm run bench`: plain `node:http` answering every POST with fixed JSON bytes, read
// from the files given: `raw-http-server.mjs LIST.json CALL.json` (the `tools/call` answer when the
// request body names `tools/call`, the `tools/list` answer otherwise). No MCP, no parsing: what the
// machine can do for an answer of the same size. Listens on 127.0.0.1, port 0, prints `listening on URL`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [listFile, callFile] = process.argv.slice(2);
if (listFile === undefined || callFile === undefined) {
  console.error('usage: raw-http-server.mjs LIST.json CALL.json');
  process.exit(2);
}
const list = readFileSync(listFile);
const call = readFileSync(callFile);

const http = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const answer = Buffer.concat(chunks).includes('"tools/call"') ? call : list;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length }).end(answer);
  });
});
http.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${http.address().port}`));
process.on('SIGTERM', () => process.exit(0));
