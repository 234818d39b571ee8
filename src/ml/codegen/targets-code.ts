/**
 * The labs' synthetic data as code, in JavaScript ('js') or Python with NumPy ('py'): the 2-D GAN's
 * targets (`gan/targets.ts`: a ring of Gaussians, two moons, a spiral, or the reader's drawn points)
 * and the plane lab's four toy problems (`explain/plane-classifier.ts`), with the same formulas and
 * defaults, drawn from the language's own random numbers.
 */
import type { PlaneDataset } from '../explain/plane-classifier';
import type { TargetSpec } from '../gan/targets';
import { drawnPoints, num } from './spec';

type Lang = 'js' | 'py';

const RANDN_JS = [
  '/** A standard normal number (Box–Muller). */',
  'const randn = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());',
];

/** Lines defining `sampleReal(n)`: n points of the target, [n, 2] (JS: a Float32Array; Python: an array). */
export function ganTarget(target: TargetSpec, lang: Lang): string[] {
  let note: string;
  let js: string[];
  let py: string[];
  switch (target.kind) {
    case 'ring': {
      const { modes = 8, radius = 2, std = 0.05 } = target;
      note = `a ring of ${num(modes)} Gaussians, radius ${num(radius)}, standard deviation ${num(std)}`;
      js = [
        `    const angle = (2 * Math.PI * Math.floor(Math.random() * ${num(modes)})) / ${num(modes)};`,
        `    out[2 * i] = ${num(radius)} * Math.cos(angle) + ${num(std)} * randn();`,
        `    out[2 * i + 1] = ${num(radius)} * Math.sin(angle) + ${num(std)} * randn();`,
      ];
      py = [
        `    angle = 2 * np.pi * rng.integers(0, ${num(modes)}, n) / ${num(modes)}`,
        `    points = ${num(radius)} * np.stack([np.cos(angle), np.sin(angle)], axis=1)`,
        `    return (points + ${num(std)} * rng.standard_normal((n, 2))).astype("float32")`,
      ];
      break;
    }
    case 'moons': {
      const { noise = 0.05, scale = 1.5 } = target;
      note = `two moons (scikit-learn's make_moons), noise ${num(noise)}, centred and scaled by ${num(scale)}`;
      js = [
        '    const t = Math.PI * Math.random();',
        '    const upper = i % 2 === 0;',
        '    const x = upper ? Math.cos(t) : 1 - Math.cos(t);',
        '    const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);',
        `    out[2 * i] = ${num(scale)} * (x - 0.5 + ${num(noise)} * randn());`,
        `    out[2 * i + 1] = ${num(scale)} * (y - 0.25 + ${num(noise)} * randn());`,
      ];
      py = [
        '    t = np.pi * rng.random(n)',
        '    upper = np.arange(n) % 2 == 0',
        '    x = np.where(upper, np.cos(t), 1 - np.cos(t)) - 0.5',
        '    y = np.where(upper, np.sin(t), 0.5 - np.sin(t)) - 0.25',
        `    points = np.stack([x, y], axis=1) + ${num(noise)} * rng.standard_normal((n, 2))`,
        `    return (${num(scale)} * points).astype("float32")`,
      ];
      break;
    }
    case 'spiral': {
      const { turns = 1.5, radius = 2.5, noise = 0.05 } = target;
      note = `one arm of a spiral, ${num(turns)} turns, radius ${num(radius)}, noise ${num(noise)}`;
      js = [
        '    const t = Math.sqrt(Math.random());',
        `    const angle = 2 * Math.PI * ${num(turns)} * t;`,
        `    out[2 * i] = ${num(radius)} * t * Math.cos(angle) + ${num(noise)} * randn();`,
        `    out[2 * i + 1] = ${num(radius)} * t * Math.sin(angle) + ${num(noise)} * randn();`,
      ];
      py = [
        '    t = np.sqrt(rng.random(n))',
        `    angle = 2 * np.pi * ${num(turns)} * t`,
        `    points = ${num(radius)} * t[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)`,
        `    return (points + ${num(noise)} * rng.standard_normal((n, 2))).astype("float32")`,
      ];
      break;
    }
    case 'drawn': {
      const { std = 0.05 } = target;
      const points = drawnPoints(target.points);
      const list = points.map(([x, y]) => `[${num(x!)}, ${num(y!)}]`).join(', ');
      note = `the ${points.length} points you drew, each blurred by a Gaussian of standard deviation ${num(std)}`;
      js = [
        `    const [x, y] = DRAWN[Math.floor(Math.random() * DRAWN.length)];`,
        `    out[2 * i] = x + ${num(std)} * randn();`,
        `    out[2 * i + 1] = y + ${num(std)} * randn();`,
      ];
      py = [
        '    points = DRAWN[rng.integers(0, len(DRAWN), n)]',
        `    return (points + ${num(std)} * rng.standard_normal((n, 2))).astype("float32")`,
      ];
      return lang === 'js'
        ? [
            ...RANDN_JS,
            '// YOUR POINTS: replace DRAWN with any list of [x, y] pairs',
            `const DRAWN = [${list}];`,
            '',
            ...sampleJs(note, js),
          ]
        : [`DRAWN = np.array([${list}], dtype="float32")  # YOUR POINTS: any [x, y] pairs`, '', ...samplePy(note, py)];
    }
    default: {
      const unreachable: never = target;
      throw new Error(`unknown target ${JSON.stringify(unreachable)}`);
    }
  }
  return lang === 'js' ? [...RANDN_JS, '', ...sampleJs(note, js)] : samplePy(note, py);
}

function sampleJs(note: string, body: string[]): string[] {
  return [
    `// The real data: ${note}. YOUR DATA GOES HERE: return n points of your own.`,
    '/** @param {number} n */',
    'function sampleReal(n) {',
    '  const out = new Float32Array(2 * n);',
    '  for (let i = 0; i < n; i++) {',
    ...body,
    '  }',
    '  return out;',
    '}',
  ];
}

function samplePy(note: string, body: string[]): string[] {
  return [
    'def sample_real(n):',
    `    """The real data: ${note}. YOUR DATA GOES HERE: return n points of your own."""`,
    ...body,
  ];
}

/** The plane lab's point (x, y) for class c and a uniform t, per problem (before the noise). */
const PLANE_JS: Record<PlaneDataset, string[]> = {
  circles: [
    '    const r = c === 0 ? 0.5 * Math.sqrt(t) : 0.7 + 0.25 * t;',
    '    const a = 2 * Math.PI * Math.random();',
    '    x = r * Math.cos(a);',
    '    y = r * Math.sin(a);',
  ],
  moons: [
    '    const a = Math.PI * t;',
    '    x = 0.7 * (c === 0 ? Math.cos(a) - 0.5 : 0.5 - Math.cos(a));',
    '    y = 0.9 * (c === 0 ? Math.sin(a) * 0.8 - 0.2 : 0.2 - Math.sin(a) * 0.8);',
  ],
  xor: [
    '    x = (0.1 + 0.85 * Math.random()) * (Math.random() < 0.5 ? -1 : 1);',
    '    y = (0.1 + 0.85 * Math.random()) * Math.sign(x) * (c === 0 ? 1 : -1);',
  ],
  spiral: [
    '    const r = 0.08 + 0.85 * t;',
    '    const a = 2.5 * Math.PI * t + c * Math.PI;',
    '    x = r * Math.cos(a);',
    '    y = r * Math.sin(a);',
  ],
};

const PLANE_PY: Record<PlaneDataset, string[]> = {
  circles: [
    '        r = 0.5 * math.sqrt(t) if c == 0 else 0.7 + 0.25 * t',
    '        a = 2 * math.pi * rng.random()',
    '        x, y = r * math.cos(a), r * math.sin(a)',
  ],
  moons: [
    '        a = math.pi * t',
    '        x = 0.7 * (math.cos(a) - 0.5 if c == 0 else 0.5 - math.cos(a))',
    '        y = 0.9 * (math.sin(a) * 0.8 - 0.2 if c == 0 else 0.2 - math.sin(a) * 0.8)',
  ],
  xor: [
    '        x = (0.1 + 0.85 * rng.random()) * (-1 if rng.random() < 0.5 else 1)',
    '        y = (0.1 + 0.85 * rng.random()) * math.copysign(1, x) * (1 if c == 0 else -1)',
  ],
  spiral: [
    '        r = 0.08 + 0.85 * t',
    '        a = 2.5 * math.pi * t + c * math.pi',
    '        x, y = r * math.cos(a), r * math.sin(a)',
  ],
};

const PLANE_NAMES: Record<PlaneDataset, string> = {
  circles: 'a disc inside a ring',
  moons: 'two moons',
  xor: 'XOR (opposite quadrants share a class)',
  spiral: 'two spirals',
};

/** Lines defining `makeData(count)` / `make_data(count)`: labelled points in [−1, 1]², half of each class. */
export function planeTarget(dataset: PlaneDataset, lang: Lang): string[] {
  const note = `// The data: ${PLANE_NAMES[dataset]}, class = i % 2, with Gaussian noise NOISE. YOUR DATA GOES HERE.`;
  if (lang === 'js')
    return [
      ...RANDN_JS,
      note,
      '/** @param {number} count */',
      'function makeData(count) {',
      '  const xy = new Float32Array(2 * count);',
      '  const labels = new Float32Array(count);',
      '  for (let i = 0; i < count; i++) {',
      '    const c = i % 2;',
      '    const t = Math.random();',
      '    let x = 0;',
      '    let y = 0;',
      ...PLANE_JS[dataset],
      '    xy[2 * i] = x + NOISE * randn();',
      '    xy[2 * i + 1] = y + NOISE * randn();',
      '    labels[i] = c;',
      '  }',
      '  return { xs: tf.tensor2d(xy, [count, 2]), ys: tf.tensor2d(labels, [count, 1]) };',
      '}',
    ];
  return [
    'def make_data(count):',
    `    """${PLANE_NAMES[dataset]}: class = i % 2, with Gaussian noise NOISE. YOUR DATA GOES HERE."""`,
    '    xy = np.zeros((count, 2), dtype="float32")',
    '    labels = np.zeros((count, 1), dtype="float32")',
    '    for i in range(count):',
    '        c = i % 2',
    '        t = rng.random()',
    ...PLANE_PY[dataset],
    '        xy[i] = (x + NOISE * rng.standard_normal(), y + NOISE * rng.standard_normal())',
    '        labels[i] = c',
    '    return xy, labels',
  ];
}
