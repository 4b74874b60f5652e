// A bitmap of the last full drawing of the canvas renderer. While the user pans or zooms, frames
// redraw this bitmap moved and scaled instead of rasterizing every edge again, and a full
// drawing follows once the gesture pauses. Rasterizing 11,000 edges took about 40 ms a frame in
// software-rendered Chromium, copying the bitmap about as long as clearing the canvas.

import type { Transform } from './paint';

/** The scale change beyond which the bitmap is too blurry or too small to stand in. */
const MAX_SCALE_CHANGE = 2;

export class Snapshot {
  private readonly bitmap = document.createElement('canvas');
  private readonly context = this.bitmap.getContext('2d', { willReadFrequently: true })!;
  private transform: Transform | null = null;

  capture(source: HTMLCanvasElement, transform: Transform): void {
    if (this.bitmap.width !== source.width || this.bitmap.height !== source.height) {
      this.bitmap.width = source.width;
      this.bitmap.height = source.height;
    }
    this.context.drawImage(source, 0, 0);
    this.transform = { x: transform.x, y: transform.y, k: transform.k };
  }

  invalidate(): void {
    this.transform = null;
  }

  /** Draws the bitmap on `background` as it would appear under `next`; returns false when there is no usable bitmap. */
  draw(ctx: CanvasRenderingContext2D, next: Transform, ratio: number, width: number, height: number, background: string): boolean {
    const from = this.transform;
    if (!from) return false;
    const scale = next.k / from.k;
    if (scale > MAX_SCALE_CHANGE || scale < 1 / MAX_SCALE_CHANGE) return false;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, width, height);
    // A point drawn at p·k0 + t0 must now appear at p·k1 + t1 = (drawn − t0)·(k1/k0) + t1.
    ctx.translate(next.x - from.x * scale, next.y - from.y * scale);
    ctx.scale(scale, scale);
    ctx.drawImage(this.bitmap, 0, 0, width, height);
    return true;
  }
}
