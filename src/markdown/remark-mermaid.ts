/**
 * remark-mermaid: turns ```mermaid code fences into inline SVG at build time.
 *
 * Why build time: a reader gets the diagram with the page, without JavaScript and without the
 * ~2 MB mermaid bundle. Mermaid needs a real browser to measure text, so the build drives a
 * headless Chromium through `mermaid-isomorphic` (Playwright).
 *
 * Why two SVGs per diagram: Starlight switches themes with `data-theme` on <html>, not with a
 * media query, so a <picture> cannot follow it. Each diagram is rendered with mermaid's `default`
 * and `dark` themes, and `mermaid.css` shows the one that matches the page.
 *
 * Why a remark (not rehype) plugin: Expressive Code claims every `pre > code` in rehype; replacing
 * the fence in the Markdown tree keeps it out of the code-block pipeline.
 *
 * Why a minimum width: the SVG scales with the column, and a wide diagram on a phone would shrink
 * its labels to a few pixels. Each SVG carries its natural width and label size (`sizeDiagram`),
 * and the book's CSS never draws it below the scale that keeps labels at 10 px on a phone and 12 px
 * on a wider screen; a diagram that is then still wider than the column scrolls sideways in a
 * focusable box, with its caption outside the scrolled part. Diagrams are drawn (top to bottom,
 * short labels broken over lines) so that most fit a phone without scrolling.
 *
 * Rendered SVGs are cached on disk by content hash (mermaid version + theme + source), so rebuilds
 * and test runs do not start a browser unless a diagram changed.
 *
 * An invalid diagram fails the build with `file:line:column` and mermaid's own parse message.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Code, Root } from 'mdast';
import type { ElementContent, Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { createMermaidRenderer } from 'mermaid-isomorphic';
import type { VFile } from 'vfile';
import type { LaunchOptions } from 'playwright';

export interface RemarkMermaidOptions {
  /** Passed to Playwright's `chromium.launch` (executablePath, args). */
  launchOptions?: LaunchOptions;
  /** Where rendered SVGs are cached; `false` disables the cache. */
  cacheDir?: string | false;
}

export const MERMAID_THEMES = ['default', 'dark'] as const;
type Theme = (typeof MERMAID_THEMES)[number];

/** Font stack mermaid measures with at build time; the CSS uses the same stack in the page. */
export const MERMAID_FONT =
  '"Helvetica Neue", Arial, "Liberation Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const require = createRequire(import.meta.url);
const mermaidVersion: string = (require('mermaid/package.json') as { version: string }).version;

type Renderer = (
  diagrams: string[],
  options: { prefix: string; mermaidConfig: Record<string, unknown> },
) => Promise<PromiseSettledResult<{ svg: string; title?: string; description?: string }>[]>;

let renderer: Renderer | undefined;

/** One renderer per build: it starts Chromium on first use and closes it when idle. */
function getRenderer(launchOptions: LaunchOptions | undefined): Renderer {
  if (!launchOptions?.executablePath) {
    throw new Error(
      'no Chromium to render diagrams with: run `npm run build` (it finds or installs one) or set CHROMIUM_PATH',
    );
  }
  renderer ??= createMermaidRenderer({ launchOptions }) as unknown as Renderer;
  return renderer;
}

/** A stable short id for a diagram source in one theme; also used as the SVG id prefix. */
export function diagramKey(source: string, theme: Theme): string {
  return 'mmd' + createHash('sha256').update(`${mermaidVersion}\0${theme}\0${source}`).digest('hex').slice(0, 16);
}

async function renderSvg(source: string, theme: Theme, options: RemarkMermaidOptions): Promise<string> {
  const key = diagramKey(source, theme);
  const cacheDir =
    options.cacheDir === undefined ? join(process.cwd(), 'node_modules', '.cache', 'mermaid-svg') : options.cacheDir;
  const cacheFile = cacheDir ? join(cacheDir, `${key}.svg`) : undefined;
  if (cacheFile && existsSync(cacheFile)) return readFileSync(cacheFile, 'utf8');

  const render = getRenderer(options.launchOptions);
  const [result] = await render([source], {
    prefix: key,
    mermaidConfig: {
      theme,
      fontFamily: MERMAID_FONT,
      // Labels as SVG <text>, not HTML in <foreignObject>: they scale with the SVG and never clip.
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      securityLevel: 'strict',
    },
  });
  if (!result) throw new Error('mermaid returned no result');
  if (result.status === 'rejected') {
    const reason = result.reason as { message?: string } | undefined;
    throw new Error(reason?.message ?? String(result.reason));
  }
  const svg = result.value.svg;
  if (!/<svg[\s>]/.test(svg) || !/<(g|path|rect|text)[\s>]/.test(svg))
    throw new Error('mermaid produced an empty diagram');
  if (cacheFile && cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cacheFile, svg);
  }
  return svg;
}

/** Smallest label size the CSS allows on the narrowest page the book supports (360 px), in px. */
export const MIN_LABEL_PX = 10;
/** Width of the text column on a 360-px phone: a diagram wider than this may have to scroll. */
export const PHONE_COLUMN_PX = 328;

export interface DiagramSize {
  /** natural width of the diagram (its viewBox), in CSS px */
  width: number;
  /** font size of its labels at natural size, in px */
  labelPx: number;
}

/**
 * Reads a mermaid SVG's natural width and label size, and replaces its `max-width` style with
 * custom properties that the book's CSS turns into a maximum (natural size) and a minimum width
 * (labels no smaller than 10 px on a phone, 12 px on a desktop): see `.mermaid-diagram svg`.
 */
export function sizeDiagram(svg: string): { svg: string; size: DiagramSize } {
  const open = /^<svg\b[^>]*>/.exec(svg)?.[0];
  const viewBox = open && /\sviewBox="[\d.-]+ [\d.-]+ ([\d.]+) [\d.]+"/.exec(open);
  if (!open || !viewBox) throw new Error('mermaid produced an SVG without a viewBox');
  const width = Math.ceil(Number(viewBox[1]));
  const id = /\sid="([^"]+)"/.exec(open)?.[1];
  const rootRule = id ? new RegExp(`#${id}\\{[^}]*?font-size:([\\d.]+)px`).exec(svg) : null;
  const labelPx = rootRule ? Number(rootRule[1]) : 16;
  const style = `--diagram-w: ${width}px; --diagram-label: ${labelPx}`;
  const sized = open.includes(' style="')
    ? open.replace(/\sstyle="[^"]*"/, ` style="${style}"`)
    : open.replace(/>$/, ` style="${style}">`);
  return { svg: sized + svg.slice(open.length), size: { width, labelPx } };
}

function svgToHast(svg: string): ElementContent[] {
  return fromHtml(svg, { fragment: true }).children as ElementContent[];
}

/** Reads `title="…"` from a fence's meta string (```mermaid title="Concept map"). */
export function metaTitle(meta: string | null | undefined): string | undefined {
  const match = /title=(?:"([^"]*)"|'([^']*)')/.exec(meta ?? '');
  return match ? (match[1] ?? match[2]) : undefined;
}

export function remarkMermaid(options: RemarkMermaidOptions = {}) {
  return async function transform(tree: Root, file: VFile): Promise<void> {
    const found: { node: Code; index: number; parent: { children: unknown[] } }[] = [];
    visit(tree, 'code', (node, index, parent) => {
      if (node.lang === 'mermaid' && parent && index !== undefined) found.push({ node, index, parent });
    });
    if (found.length === 0) return;

    await Promise.all(
      found.map(async ({ node, index, parent }) => {
        const variants: Element[] = [];
        let widest = 0;
        for (const theme of MERMAID_THEMES) {
          let svg: string;
          try {
            svg = await renderSvg(node.value, theme, options);
          } catch (error) {
            const message = error instanceof Error ? error.message.split('\n').slice(0, 4).join(' ') : String(error);
            // Mermaid counts lines from the fence's first line; report the file's line too.
            const start = node.position?.start ?? { line: 0, column: 0 };
            const inner = /on line (\d+)/.exec(message);
            const where = inner ? `${start.line + Number(inner[1])}` : `${start.line}:${start.column}`;
            // file.fail throws a VFileMessage that also carries the fence's position for Astro's overlay.
            file.fail(`${file.path}:${where}: Invalid mermaid diagram: ${message}`, node, 'remark-mermaid:invalid');
          }
          const sized = sizeDiagram(svg);
          widest = Math.max(widest, (sized.size.width * MIN_LABEL_PX) / sized.size.labelPx);
          variants.push({
            type: 'element',
            tagName: 'div',
            properties: { className: [theme === 'dark' ? 'mermaid-dark' : 'mermaid-light'] },
            children: svgToHast(sized.svg),
          });
        }
        const title = metaTitle(node.meta);
        // a diagram that may be wider than a phone's column scrolls there: a keyboard user must be
        // able to scroll it too, so its box takes focus, named after the caption
        const mayScroll = widest > PHONE_COLUMN_PX;
        const children: ElementContent[] = [
          {
            type: 'element',
            tagName: 'div',
            properties: {
              className: ['mermaid-scroll'],
              ...(mayScroll ? { tabIndex: 0, role: 'group', ariaLabel: title } : {}),
            },
            children: variants,
          },
        ];
        if (title) {
          children.push({
            type: 'element',
            tagName: 'figcaption',
            properties: {},
            children: [{ type: 'text', value: title }],
          });
        }
        parent.children[index] = {
          type: 'mermaidDiagram',
          position: node.position,
          data: {
            hName: 'figure',
            hProperties: { className: ['mermaid-diagram'], dataDiagram: 'mermaid' },
            hChildren: children,
          },
        };
      }),
    );
  };
}
