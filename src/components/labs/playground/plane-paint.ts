/**
 * The plane lab's picture, painted on a canvas: the network's decision regions (the probability of
 * class 1 on a grid: orange for class 0, blue for class 1, faint where it is unsure) and the
 * points, training filled and test hollow.
 */
import type { PlaneClassifier, PlanePoints } from '../../../ml/explain/plane-classifier';

/** cells per side of the probability grid */
const GRID = 50;

/** Decision regions (p of class 1 on a grid) and the points: training filled, test hollow. */
export function paintPlane(
  canvas: HTMLCanvasElement,
  net: PlaneClassifier,
  train: PlanePoints,
  test: PlanePoints,
): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const size = canvas.width;
  const cell = size / GRID;
  const dark = document.documentElement.dataset.theme !== 'light';
  const grid = net.probabilityGrid(GRID);
  for (let gy = 0; gy < GRID; gy++) {
    for (let gx = 0; gx < GRID; gx++) {
      const p = grid[gy * GRID + gx]!;
      // orange for class 0, blue for class 1, faint where the network is unsure
      const strength = Math.abs(p - 0.5) * 2;
      const alpha = 0.08 + 0.42 * strength;
      context.fillStyle = p < 0.5 ? `rgba(234, 120, 40, ${alpha})` : `rgba(40, 120, 234, ${alpha})`;
      context.clearRect(gx * cell, gy * cell, cell + 1, cell + 1);
      context.fillRect(gx * cell, gy * cell, cell + 1, cell + 1);
    }
  }
  const dot = (data: PlanePoints, hollow: boolean) => {
    for (let k = 0; k < data.label.length; k++) {
      const px = ((data.xy[2 * k]! + 1) / 2) * size;
      const py = ((1 - data.xy[2 * k + 1]!) / 2) * size;
      context.beginPath();
      context.arc(px, py, size / 110, 0, 2 * Math.PI);
      const colour = data.label[k] ? '#1f6fd6' : '#d9661a';
      if (hollow) {
        context.lineWidth = size / 320;
        context.strokeStyle = colour;
        context.stroke();
      } else {
        context.fillStyle = colour;
        context.fill();
        context.lineWidth = size / 500;
        context.strokeStyle = dark ? '#fff' : '#000';
        context.stroke();
      }
    }
  };
  dot(train, false);
  dot(test, true);
}
