// The content check for exercises: every chapter has at least five in each locale, the same ones
// (ids, kinds, answers, choices' count and the right one, labs and conditions) in the same order;
// ids are unique; a chapter with a lab has one exercise of each kind; a lab task names a lab that is
// on the same page; a checked exercise has an answer or choices, and every exercise a solution.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHAPTERS, LOCALE_DIRS } from '../chapters';
import { bookExercises, exercisesOf, type ExerciseSource } from './exercises';

const docsDir = fileURLToPath(new URL('../../content/docs/', import.meta.url));
const componentsDir = fileURLToPath(new URL('../components/', import.meta.url));
const locales = Object.values(LOCALE_DIRS);
const books = new Map(locales.map((dir) => [dir, bookExercises(docsDir, dir)]));

/**
 * The data-lab ids each lab or explorer component puts on its page (an `id` attribute names its
 * own): the lab's root and, for the labs made of two panels, each panel's. Every lab component a
 * chapter imports must be listed (checked below), so that no chapter with a lab escapes the rule.
 */
const LAB_IDS: Record<string, string[]> = {
  PlaneLab: ['playground-plane'],
  CnnLab: ['cnn-practice'],
  ChanceLab: ['cnn-chance-bug', 'cnn-chance-fixed'],
  EmojiLab: ['cnn-emoji'],
  CifarLab: ['cnn-cifar'],
  OverfitLab: ['overfit'],
  ForecastLab: ['lstm-forecast'],
  RaceLab: ['lstm-race', 'lstm-race-rnn', 'lstm-race-lstm'],
  GanLab: ['gan-2d'],
  GanDigitsLab: ['gan-digits'],
  SequenceLab: [],
  ConvExplorer: ['cnn-conv-step'],
  RnnStepper: ['rnn-step'],
  InitExplorer: ['init-explorer'],
  GradientFlow: ['rnn-gradients'],
  AttentionStep: ['attention-step'],
  OptimPaths: ['optim-paths'],
  OptimRaceLab: ['optim-race'],
  TransformerRaceLab: ['transformer-race'],
  ClassifyLab: ['nlp-classify', 'nlp-embeddings'],
  CharLab: ['lstm-text'],
  AttentionLab: ['attention-translate', 'attention-translate-attention', 'attention-translate-plain'],
  BackendRaceLab: ['backend-race'],
  BatchLab: ['batch-lab'],
  TransferLab: ['transfer'],
  QuantizeLab: ['quantize'],
  RecsysLab: ['recsys-mf'],
  FederatedLab: ['federated'],
  FairnessLab: ['fairness'],
};
const labsOn = (exercise: ExerciseSource) =>
  exercise.pageComponents.flatMap((c) => (c.name in LAB_IDS ? [...LAB_IDS[c.name]!, ...(c.id ? [c.id] : [])] : []));

/** What must be the same in both locales. */
const signature = ({ attributes: a }: ExerciseSource) =>
  JSON.stringify([
    a.id,
    a.kind,
    a.answer,
    a.abs,
    a.rel,
    (a.choices as unknown[] | undefined)?.length,
    a.correct,
    a.lab,
    a.condition,
  ]);

describe('exercises', () => {
  it('reads attributes as values', () => {
    const [exercise] = exercisesOf(
      `<Exercise id="x" kind="check" answer={-1.5} choices={['a', "b"]} condition={{ all: [{ key: 'k', op: '>=', value: 2 }] }}>\n\nQ\n\n<div slot="solution">S</div>\n</Exercise>\n`,
      'x.mdx',
    );
    expect(exercise!.attributes).toEqual({
      id: 'x',
      kind: 'check',
      answer: -1.5,
      choices: ['a', 'b'],
      condition: { all: [{ key: 'k', op: '>=', value: 2 }] },
    });
  });

  for (const chapter of CHAPTERS) {
    it(`${chapter}: at least five in each locale, the same in both`, () => {
      const [first, ...others] = locales.map((dir) => books.get(dir)!.get(chapter)!);
      expect(first!.length, chapter).toBeGreaterThanOrEqual(5);
      for (const other of others) expect(other.map(signature)).toEqual(first!.map(signature));
      for (const list of [first!, ...others]) {
        const hasLab = list.some((e) => labsOn(e).length > 0) || list[0]!.pageComponents.some((c) => c.name in LAB_IDS);
        const kinds = new Set(list.map((e) => e.attributes.kind));
        if (hasLab)
          expect([...kinds].sort(), `${chapter} has a lab: one exercise of each kind`).toEqual([
            'check',
            'lab',
            'think',
          ]);
      }
    });
  }

  it('know every lab component a chapter imports, by the ids its source gives', () => {
    const imported = new Set<string>();
    for (const file of readdirSync(docsDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mdx')))
      for (const m of readFileSync(join(docsDir, file), 'utf8').matchAll(
        /^import (\w+) from '[./]*\/src\/components\/(?:labs|explorers)\/[^']+\.astro';$/gm,
      ))
        imported.add(m[1]!);
    expect(imported.size).toBeGreaterThan(20);
    for (const name of imported) expect(Object.keys(LAB_IDS), `${name} is in LAB_IDS`).toContain(name);
    // each id is written in a lab's source (a data-lab, a panel's id or a side's id prefix)
    const sources = readdirSync(componentsDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(svelte|astro)$/.test(f))
      .map((f) => readFileSync(join(componentsDir, f), 'utf8'))
      .join('\n');
    const written = (id: string) =>
      [`"${id}"`, `'${id}'`, `\`${id.slice(0, id.lastIndexOf('-') + 1)}\${`].some((form) => sources.includes(form));
    for (const id of Object.values(LAB_IDS).flat()) expect(written(id), id).toBe(true);
  });

  it('have unique ids, valid kinds and what each kind needs', () => {
    for (const dir of locales) {
      const all = [...books.get(dir)!.values()].flat();
      const ids = all.map((e) => e.attributes.id);
      expect(new Set(ids).size, `duplicate exercise ids in ${dir || 'en'}`).toBe(ids.length);
      for (const exercise of all) {
        const a = exercise.attributes;
        const where = `${exercise.file}:${exercise.line}`;
        expect(['check', 'lab', 'think'], where).toContain(a.kind);
        expect(String(a.id), where).toMatch(/^[a-z0-9-]+$/);
        if (a.kind === 'check') {
          if (a.choices) {
            expect(Number.isInteger(a.correct), where).toBe(true);
            expect(a.correct as number, where).toBeLessThan((a.choices as unknown[]).length);
          } else expect(typeof a.answer, where).toBe('number');
          expect(typeof a.hint, `${where}: a hint after a wrong try`).toBe('string');
        }
        if (a.kind === 'lab') {
          expect(labsOn(exercise), `${where}: lab ${String(a.lab)} is on the page`).toContain(a.lab);
          expect(a.condition, where).toBeTypeOf('object');
        }
      }
    }
  });
});
