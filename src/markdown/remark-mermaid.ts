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
          variants.push({
            type: 'element',
            tagName: 'div',
            properties: { className: [theme === 'dark' ? 'mermaid-dark' : 'mermaid-light'] },
            children: svgToHast(svg),
          });
        }
        const title = metaTitle(node.meta);
        const children: ElementContent[] = [...variants];
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
