// The README's architecture diagram is drawn from .github/architecture.mmd by the book's own mermaid
// renderer (`npx vite-node scripts/dev/readme-diagram.ts`); the drawing records its source's
// SHA-256. This fails when the source changed and nobody drew it again, or the README lost it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const file = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

describe("the README's architecture diagram", () => {
  it('is drawn from its current source', () => {
    const source = file('.github/architecture.mmd');
    const recorded = /sha256 ([0-9a-f]{64})/.exec(file('.github/architecture.svg'))?.[1];
    expect(recorded).toBe(createHash('sha256').update(source).digest('hex'));
  });

  it('is in the README', () => {
    expect(file('README.md')).toContain('(.github/architecture.svg)');
  });
});
