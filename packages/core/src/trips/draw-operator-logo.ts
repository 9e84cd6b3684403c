import { encodePng } from '../rentals/draw-car-photo';

type RGB = [number, number, number];

/** Deep colours that white reads well on (contrast ≥ 4.5:1). */
const COLOURS: RGB[] = [
  [176, 30, 40],
  [20, 70, 150],
  [15, 110, 85],
  [120, 40, 130],
  [170, 80, 0],
  [40, 40, 48],
];

/**
 * A small square logo for a demo bus operator (PNG, 96×96): a bus seen from the front, white on
 * a colour chosen from the operator's name, drawn at seed time like the demo car photos so the
 * repository ships no binaries. A real operator's logo would be its own upload.
 */
export function drawOperatorLogo(name: string): Buffer {
  const S = 96;
  const px = new Uint8Array(S * S * 3);
  const hash = [...name].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 11);
  const ground = COLOURS[hash % COLOURS.length] as RGB;
  const white: RGB = [255, 255, 255];
  const glass: RGB = ground.map((v) => Math.round(v * 0.55 + 255 * 0.15)) as unknown as RGB;
  const inside = (x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number) => {
    if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
    // Rounded corners: outside the corner's circle is outside.
    const cx = x < x0 + r ? x0 + r : x >= x1 - r ? x1 - r - 1 : x;
    const cy = y < y0 + r ? y0 + r : y >= y1 - r ? y1 - r - 1 : y;
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      let c: RGB = inside(x, y, 0, 0, S, S, 18) ? ground : [255, 255, 255];
      // Body, windscreen, the stripe under it, lights, wheels.
      if (inside(x, y, 22, 16, 74, 74, 8)) c = white;
      if (inside(x, y, 28, 24, 68, 46, 4)) c = glass;
      if (y >= 50 && y < 54 && x >= 22 && x < 74) c = ground;
      if ((x - 33) ** 2 + (y - 63) ** 2 <= 16 || (x - 63) ** 2 + (y - 63) ** 2 <= 16) c = [245, 190, 40];
      if (inside(x, y, 26, 74, 38, 82, 2) || inside(x, y, 58, 74, 70, 82, 2)) c = [30, 30, 34];
      px.set(c, (y * S + x) * 3);
    }
  }
  return encodePng(S, S, px);
}
