#!/usr/bin/env node
/**
 * Draws the app and tray icons into build/ as PNG files, with nothing but
 * node:zlib (PNG = signature + IHDR + zlib-compressed scanlines + IEND, see
 * https://www.w3.org/TR/png-3/). Shapes are anti-aliased by 4×4 supersampling.
 *
 *   node build/generate-icons.mjs
 *
 * The PNGs are committed as deliberate assets; rerun this only to change them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels (Uint8Array, width*height*4) as a PNG. */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Renders layers onto a transparent square. Each layer is `[inside(x, y), [r, g, b, a]]`
 * with x, y in 0…1; later layers paint over earlier ones.
 */
function render(size, layers) {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour = [0, 0, 0, 0];
          for (const [inside, fill] of layers) if (inside(x, y)) colour = fill;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha;
          g += colour[1] * alpha;
          b += colour[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      const n = samples * samples;
      pixels[i] = a > 0 ? Math.round(r / a) : 0;
      pixels[i + 1] = a > 0 ? Math.round(g / a) : 0;
      pixels[i + 2] = a > 0 ? Math.round(b / a) : 0;
      pixels[i + 3] = Math.round((a / n) * 255);
    }
  }
  return encodePng(size, size, pixels);
}

const circle = (cx, cy, radius) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
const ring = (cx, cy, outer, inner) => (x, y) => circle(cx, cy, outer)(x, y) && !circle(cx, cy, inner)(x, y);
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const roundedRect = (x0, y0, x1, y1, radius) => (x, y) => {
  if (!rect(x0, y0, x1, y1)(x, y)) return false;
  const cx = Math.min(Math.max(x, x0 + radius), x1 - radius);
  const cy = Math.min(Math.max(y, y0 + radius), y1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};

const BLUE = [37, 99, 235, 255];
const WHITE = [255, 255, 255, 255];
const GREEN = [22, 163, 74, 255];
const GREY = [107, 114, 128, 255];
const RED = [220, 38, 38, 255];
const BLACK = [0, 0, 0, 255];
const CLEAR = [0, 0, 0, 0];

/** App icon: a blue tile with a white node and its three links. */
const appIcon = [
  [roundedRect(0.06, 0.06, 0.94, 0.94, 0.2), BLUE],
  [rect(0.47, 0.22, 0.53, 0.5), WHITE],
  [rect(0.24, 0.56, 0.76, 0.62), WHITE],
  [ring(0.5, 0.5, 0.17, 0.1), WHITE],
  [circle(0.5, 0.5, 0.1), BLUE],
  [circle(0.5, 0.22, 0.08), WHITE],
  [circle(0.22, 0.59, 0.08), WHITE],
  [circle(0.78, 0.59, 0.08), WHITE],
];

/** Tray icons: filled dot (running), hollow ring (stopped), dot with a bar (error). */
function trayLayers(state, colour) {
  if (state === 'running') return [[circle(0.5, 0.5, 0.4), colour]];
  if (state === 'stopped') return [[ring(0.5, 0.5, 0.4, 0.27), colour]];
  return [
    [circle(0.5, 0.5, 0.4), colour],
    [rect(0.43, 0.22, 0.57, 0.58), CLEAR],
    [circle(0.5, 0.72, 0.075), CLEAR],
  ];
}

const files = { 'icon.png': render(512, appIcon) };
for (const state of ['running', 'stopped', 'error']) {
  const colour = { running: GREEN, stopped: GREY, error: RED }[state];
  for (const [suffix, size] of [['', 16], ['@2x', 32]]) {
    files[`tray/tray-${state}${suffix}.png`] = render(size, trayLayers(state, colour));
    files[`tray/tray-${state}Template${suffix}.png`] = render(size, trayLayers(state, BLACK));
  }
}

for (const [name, png] of Object.entries(files)) {
  const target = join(here, name);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, png);
  process.stdout.write(`wrote build/${name} (${png.length} bytes)\n`);
}
