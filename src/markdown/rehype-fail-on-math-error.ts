/**
 * rehype-fail-on-math-error: runs right after rehype-katex and turns its warnings into a build
 * failure. rehype-katex reports a bad equation as a vfile message and still emits red
 * `.katex-error` markup; a textbook must never ship that, so the build stops with
 * `file:line:column` and KaTeX's own explanation instead.
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';

export function rehypeFailOnMathError() {
  return function check(_tree: Root, file: VFile): void {
    const problems = file.messages.filter((m) => m.source === 'rehype-katex');
    if (problems.length === 0) return;
    const lines = problems.map((m) => {
      const place = m.place && 'start' in m.place ? m.place.start : m.place;
      const where = place ? `${place.line}:${place.column}` : '?';
      const cause = m.cause instanceof Error ? m.cause.message : String(m.cause ?? m.reason);
      return `${file.path}:${where}: KaTeX: ${cause}`;
    });
    throw new Error(`Malformed math in ${file.path}:\n${lines.join('\n')}`);
  };
}
