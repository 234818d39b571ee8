// `npx vite-node scripts/dev/check-content.ts [slug ...]`: the content check for writers. With slugs,
// reports only problems in those chapters (both locales); without, the whole book. Exits 1 on any.
import { fileURLToPath } from 'node:url';
import { LOCALE_DIRS } from '../../src/chapters';
import { checkBook } from '../../src/markdown/content-check';

const docsDir = fileURLToPath(new URL('../../content/docs/', import.meta.url));
const slugs = process.argv.slice(2);
const { problems } = checkBook(docsDir, Object.values(LOCALE_DIRS).filter(Boolean));
const mine =
  slugs.length === 0
    ? problems
    : problems.filter((p) => slugs.some((slug) => new RegExp(`content/docs/(zh-cn/)?${slug}\\.mdx:`).test(p)));
for (const problem of mine) console.log(problem);
console.log(mine.length === 0 ? 'content check: no problems' : `content check: ${mine.length} problem(s)`);
process.exit(mine.length === 0 ? 0 : 1);
