/**
 * Reading QR codes back in tests, with jsQR: from a PNG (a browser's screenshot of the code as
 * shown, tests/e2e) or straight from the SVG the server made (its dark modules are drawn as
 * horizontal runs: `M x y.5 h n m dx dy …`, which is all this rasteriser understands).
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** The text a PNG's QR code holds, or null when none reads. */
export function decodeQrPng(png: Buffer): string | null {
  const { data, width, height } = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height)?.data ?? null;
}

/** The text an SVG QR code (the `qrcode` package's output) holds, drawn at `scale` pixels a module. */
export function decodeQrSvg(svg: string, scale = 4): string | null {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1];
  if (!size || !path) return null;
  const px = size * scale;
  const rgba = new Uint8ClampedArray(px * px * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of path.matchAll(/([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?/g)) {
    const n = Number(a);
    if (cmd === 'M') [x, y] = [n, Math.floor(Number(b))];
    else if (cmd === 'm') [x, y] = [x + n, y + Math.floor(Number(b))];
    else {
      for (let i = x * scale; i < (x + n) * scale; i++)
        for (let j = y * scale; j < (y + 1) * scale; j++) rgba.fill(0, (j * px + i) * 4, (j * px + i) * 4 + 3);
      x += n;
    }
  }
  return jsQR(rgba, px, px)?.data ?? null;
}
