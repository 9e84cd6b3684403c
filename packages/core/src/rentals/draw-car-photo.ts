import { crc32, deflateSync } from 'node:zlib';

/**
 * A small picture of a demo car (PNG, 480×300): sky, hills, road, and a side view of a car, SUV
 * or van in the vehicle's own colour, drawn at seed time so the repository ships no binaries.
 * A real listing's photos are the driver's uploads; these only make the demo look lived in.
 */
export function drawCarPhoto(input: { type: string; seed: string }): Buffer {
  const W = 480;
  const H = 300;
  const px = new Uint8Array(W * H * 3);
  const set = (x: number, y: number, [r, g, b]: RGB) => {
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const i = (y * W + x) * 3;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
  };
  const rect = (x0: number, y0: number, x1: number, y1: number, c: RGB) => {
    for (let y = Math.max(0, y0); y < Math.min(H, y1); y++) for (let x = Math.max(0, x0); x < Math.min(W, x1); x++) set(x, y, c);
  };
  const circle = (cx: number, cy: number, r: number, c: RGB) => {
    for (let y = cy - r; y <= cy + r; y++) for (let x = cx - r; x <= cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) set(x, y, c);
  };
  const polygon = (points: Array<[number, number]>, c: RGB) => {
    const ys = points.map((p) => p[1]);
    for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++) {
      const xs: number[] = [];
      for (let i = 0; i < points.length; i++) {
        const [ax, ay] = points[i] as [number, number];
        const [bx, by] = points[(i + 1) % points.length] as [number, number];
        if (ay <= y !== by <= y) xs.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) for (let x = Math.ceil(xs[k] as number); x <= (xs[k + 1] as number); x++) set(x, y, c);
    }
  };

  const hash = [...input.seed].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 7);
  const paint = PAINTS[hash % PAINTS.length] as RGB;
  const dark = paint.map((v) => Math.round(v * 0.7)) as unknown as RGB;
  // Sky fading to the horizon, green hills, the road and its markings.
  for (let y = 0; y < 170; y++) rect(0, y, W, y + 1, [120 + Math.round(y * 0.5), 175 + Math.round(y * 0.3), 235]);
  for (let x = 0; x < W; x++) {
    const hill = 150 - Math.round(25 * Math.sin(x / 55 + (hash % 7)) + 12 * Math.sin(x / 23));
    rect(x, hill, x + 1, 185, [76, 140, 74]);
  }
  rect(0, 185, W, H, [88, 92, 98]);
  for (let x = 10; x < W; x += 70) rect(x, 262, x + 38, 268, [235, 230, 200]);

  const base = 240;
  const tall = input.type === 'van' ? 95 : input.type === 'suv' ? 78 : 62;
  const left = 70;
  const right = 410;
  // Body, then the cabin and its windows, then the wheels.
  polygon(
    [
      [left, base - 12],
      [left + 6, base - 48],
      [right - 10, base - 52],
      [right, base - 20],
      [right, base - 12],
    ],
    paint,
  );
  const roof = base - 48 - tall;
  const cabin: Array<[number, number]> =
    input.type === 'van'
      ? [
          [left + 10, base - 48],
          [left + 20, roof],
          [right - 30, roof],
          [right - 8, base - 48],
        ]
      : [
          [left + 60, base - 48],
          [left + 110, roof],
          [right - 110, roof],
          [right - 40, base - 48],
        ];
  polygon(cabin, paint);
  const glass: RGB = [170, 205, 230];
  const [c0, c1, c2, c3] = cabin as [[number, number], [number, number], [number, number], [number, number]];
  const inset = 8;
  const mid = Math.round((c1[0] + c2[0]) / 2);
  polygon(
    [
      [c0[0] + inset * 2, c0[1] - 4],
      [c1[0] + inset, c1[1] + inset],
      [mid - 4, c1[1] + inset],
      [mid - 4, c0[1] - 4],
    ],
    glass,
  );
  polygon(
    [
      [mid + 4, c3[1] - 4],
      [mid + 4, c2[1] + inset],
      [c2[0] - inset, c2[1] + inset],
      [c3[0] - inset * 2, c3[1] - 4],
    ],
    glass,
  );
  rect(left + 4, base - 30, right - 4, base - 26, dark);
  rect(right - 14, base - 44, right - 2, base - 36, [250, 220, 120]);
  for (const cx of [left + 70, right - 70]) {
    circle(cx, base - 8, 30, [30, 30, 34]);
    circle(cx, base - 8, 14, [180, 184, 190]);
  }
  return encodePng(W, H, px);
}

type RGB = [number, number, number];

const PAINTS: RGB[] = [
  [200, 40, 45],
  [30, 80, 160],
  [235, 235, 235],
  [40, 40, 44],
  [150, 155, 162],
  [20, 120, 100],
  [220, 140, 30],
];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG of `rgb` (row-major, 3 bytes a pixel), with no dependency. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
