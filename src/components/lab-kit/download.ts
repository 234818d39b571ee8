/**
 * Downloads made in the page, never on a server: a Blob behind an <a download> (the pages' policy
 * allows blob: images and links), a chart's SVG made self-contained (the theme's colours and the
 * styles resolved into inline styles, on the page's own background, so it renders alike anywhere
 * and in dark mode too), and a PNG drawn from that SVG on a canvas.
 */

/** Saves `blob` as `name` through a temporary link. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // the download has its own copy once started
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The presentation properties a chart's styles set (the rest keep their SVG defaults). */
const PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
] as const;

/** The first non-transparent background colour of `element` or its ancestors (white if none). */
function backgroundOf(element: Element): string {
  for (let e: Element | null = element; e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#ffffff';
}

/**
 * The SVG as a standalone document: every element's computed presentation styles inline, the
 * caption (`title`) above the drawing, the page's background behind it, and a size in pixels.
 */
export function standaloneSvg(svg: SVGSVGElement, title = ''): { text: string; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((original, i) => {
    const copy = copies[i]!;
    const style = getComputedStyle(original);
    const inline = PROPERTIES.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
    copy.setAttribute('style', inline);
    copy.removeAttribute('class');
  });
  const [x0 = 0, y0 = 0, w = 300, h = 150] = (svg.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
  const top = title ? 18 : 0;
  const width = Math.round(w * 2);
  const height = Math.round((h + top) * 2);
  const ns = 'http://www.w3.org/2000/svg';
  clone.setAttribute('xmlns', ns);
  clone.setAttribute('viewBox', `${x0} ${y0 - top} ${w} ${h + top}`);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.removeAttribute('role');
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('x', String(x0));
  background.setAttribute('y', String(y0 - top));
  background.setAttribute('width', String(w));
  background.setAttribute('height', String(h + top));
  background.setAttribute('fill', backgroundOf(svg));
  clone.prepend(background);
  if (title) {
    const caption = document.createElementNS(ns, 'text');
    caption.setAttribute('x', String(x0 + 2));
    caption.setAttribute('y', String(y0 - top + 12));
    const ink = getComputedStyle(svg).color;
    caption.setAttribute('style', `fill:${ink};font-size:11px;font-family:${getComputedStyle(svg).fontFamily}`);
    caption.textContent = title;
    clone.append(caption);
    const name = document.createElementNS(ns, 'title');
    name.textContent = title;
    clone.prepend(name);
  }
  return { text: new XMLSerializer().serializeToString(clone), width, height };
}

/** Draws an SVG document on a canvas and returns it as a PNG. */
export async function svgToPng(text: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(image, 0, 0, width, height);
    return await canvasPng(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A canvas as a PNG. */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no picture'))), 'image/png'),
  );
}
