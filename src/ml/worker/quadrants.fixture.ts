/**
 * A tiny dataset for the session's tests: 32 "bright quadrant" images of 12×12 (one 6×6 quadrant
 * lit), labelled 0…3 by the quadrant, with ten classes declared. Any model learns it in seconds.
 */
export function quadrantImages(): { n: number; images: Uint8Array; labels: Uint8Array } {
  const n = 32;
  const images = new Uint8Array(n * 144);
  const labels = new Uint8Array(n);
  for (let e = 0; e < n; e++) {
    const q = e % 4;
    labels[e] = q;
    for (let r = 0; r < 6; r++)
      for (let c = 0; c < 6; c++) images[e * 144 + (r + (q < 2 ? 0 : 6)) * 12 + c + (q % 2 ? 6 : 0)] = 255;
  }
  return { n, images, labels };
}
