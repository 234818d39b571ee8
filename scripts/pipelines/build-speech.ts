// `npx vite-node scripts/pipelines/build-speech.ts`: synthesises the spoken-digit data set with espeak-ng and
// writes it to scripts/data/spoken-digits/ (committed; `npm run data` copies it into public/data/).
// Not part of the normal build, because a reader's machine need not have espeak-ng; run it by hand
// after changing this script or src/ml/data/spectrogram.ts (`apt-get install espeak-ng` first).
//
// The ten digits are spoken in English ("zero" … "nine") and in Mandarin (pinyin "ling2" … "jiu3"
// read by espeak-ng's `cmn-latn-pinyin` voice: its `cmn` voice reads most digit characters wrongly
// in espeak-ng 1.51, e.g. 零 as "ling" followed by the English word "two" for its tone number).
// Both languages share the labels 0–9. Each clip is one word by one voice (a base voice plus a
// variant, `en-us+f3`) at a pitch (`-p`, 0–99) and a speed (`-s`, words per minute) drawn at random
// for that clip: espeak-ng's timing does not depend on the variant, so on a grid of a few speeds a
// nearest-neighbour lookup matches an unheard voice by its exact duration alone. Amplitude is not
// varied because `quantise` normalises every clip to its own peak. The features are those of
// `featuresFromAudio`, exactly what the page computes from the reader's microphone.
//
// The split is by voice: the test set's voices use variants that appear nowhere in the training
// set, in either language, so the test accuracy measures how well the model copes with an unheard
// voice. All draws and both shuffles come from one seeded generator: the output is the same on
// every run. clips.csv lists every clip (split, index, voice, pitch, speed, word, digit).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { format, resolveConfig } from 'prettier';
import {
  FEATURE_FRAMES,
  HOP_MS,
  MEL_BANDS,
  MEL_MAX_HZ,
  MEL_MIN_HZ,
  RANGE_DB,
  WINDOW_MS,
  featuresFromAudio,
  trimSilence,
} from '../../src/ml/data/spectrogram';
import { mulberry32 } from '../../src/ml/random';

const outDir = fileURLToPath(new URL('../data/spoken-digits/', import.meta.url));

interface Language {
  name: string;
  /** the words for 0 … 9, as passed to espeak-ng */
  words: string[];
  /** words per minute, [min, max]; Mandarin digits are one syllable, so they are spoken more slowly */
  speeds: [number, number];
  /** espeak-ng voices, `language+variant` */
  train: string[];
  test: string[];
}

/** espeak-ng's pitch, [min, max] of 0–99 (50 is each voice's own) */
const PITCHES: [number, number] = [20, 80];
/** clips per voice and digit, each at its own pitch and speed */
const TAKES = 6;
const LANGUAGES: Language[] = [
  {
    name: 'English',
    words: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
    speeds: [120, 190],
    train: [
      'en+m1',
      'en-us+m2',
      'en-gb-scotland+m3',
      'en-029+m4',
      'en-gb-x-rp+m7',
      'en-us-nyc+f1',
      'en+f2',
      'en-us+f3',
      'en-gb-x-gbclan+klatt',
      'en-us+klatt5',
      'en+m5',
      'en-us+klatt4',
      'en-gb+klatt6',
      'en+adam',
      'en-us+linda',
      'en+paul',
      'en-gb+belinda',
    ],
    test: ['en-us+m6', 'en+f4', 'en-gb-scotland+klatt3'],
  },
  {
    name: 'Mandarin',
    words: ['ling2', 'yi1', 'er4', 'san1', 'si4', 'wu3', 'liu4', 'qi1', 'ba1', 'jiu3'],
    speeds: [100, 170],
    train: [
      'm1',
      'm2',
      'm3',
      'm4',
      'm5',
      'm7',
      'f1',
      'f2',
      'f3',
      'klatt',
      'klatt4',
      'klatt5',
      'klatt6',
      'adam',
      'linda',
      'paul',
    ].map((v) => `cmn-latn-pinyin+${v}`),
    test: ['m8', 'f5', 'klatt2'].map((v) => `cmn-latn-pinyin+${v}`),
  },
];
const SEED = 20_240_601;

// the split's promise: no test variant is heard in training, in either language
const variant = (voice: string) => voice.split('+')[1] ?? '';
const trainVariants = new Set(LANGUAGES.flatMap((l) => l.train.map(variant)));
const leaked = LANGUAGES.flatMap((l) => l.test).filter((v) => trainVariants.has(variant(v)));
if (leaked.length > 0) throw new Error(`[speech] test voices with a training variant: ${leaked.join(', ')}`);

/** A 16-bit PCM WAV file as samples in [−1, 1]; several channels are averaged to one. */
function parseWav(bytes: Buffer): { sampleRate: number; samples: Float32Array } {
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') {
    throw new Error('WAV: not a RIFF/WAVE file');
  }
  let format: { channels: number; sampleRate: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (bytes.readUInt16LE(body) !== 1) throw new Error('WAV: not PCM');
      format = {
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        bits: bytes.readUInt16LE(body + 14),
      };
      if (format.bits !== 16) throw new Error(`WAV: ${format.bits}-bit samples, expected 16`);
    } else if (id === 'data') {
      if (!format) throw new Error('WAV: data chunk before fmt chunk');
      // espeak-ng may leave the size unset when writing to a pipe: read to the end then
      const end = Math.min(bytes.length, body + size);
      const frames = Math.floor((end - body) / (2 * format.channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < format.channels; c++) sum += bytes.readInt16LE(body + 2 * (i * format.channels + c));
        samples[i] = sum / format.channels / 32768;
      }
      return { sampleRate: format.sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV: no data chunk');
}

function shuffle<T>(items: T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Clip {
  language: string;
  voice: string;
  pitch: number;
  speed: number;
  word: string;
  digit: number;
  features: Uint8Array;
  /** seconds of speech after `trimSilence` */
  seconds: number;
}

let espeakVersion: string;
try {
  espeakVersion = execFileSync('espeak-ng', ['--version'], { encoding: 'utf8' }).trim();
} catch {
  console.error('[speech] espeak-ng not found: install it with `sudo apt-get install espeak-ng` (Debian/Ubuntu).');
  process.exit(1);
}
const version = /text-to-speech:\s*(\S+)/.exec(espeakVersion)?.[1] ?? espeakVersion;

const work = mkdtempSync(join(tmpdir(), 'spoken-digits-'));
let sampleRate = 0;
function synthesise(voice: string, pitch: number, speed: number, word: string) {
  const file = join(work, 'clip.wav');
  execFileSync('espeak-ng', ['-v', voice, '-p', String(pitch), '-s', String(speed), '-w', file, word]);
  const wav = parseWav(readFileSync(file));
  if (sampleRate !== 0 && wav.sampleRate !== sampleRate)
    throw new Error(`espeak-ng changed sample rate: ${wav.sampleRate}`);
  sampleRate = wav.sampleRate;
  const speech = trimSilence(wav.samples, wav.sampleRate);
  const features = featuresFromAudio(wav.samples, wav.sampleRate);
  const label = `${voice} -p ${pitch} -s ${speed} "${word}"`;
  if (speech.length === 0 || features.every((v) => v === 0)) throw new Error(`[speech] silent clip: ${label}`);
  return { features, seconds: speech.length / wav.sampleRate };
}

const next = mulberry32(SEED);
/** A whole number drawn uniformly from [min, max]. */
const draw = ([min, max]: [number, number]) => min + Math.floor(next() * (max - min + 1));

function clipsFor(voices: (lang: Language) => string[]): Clip[] {
  const clips: Clip[] = [];
  for (const lang of LANGUAGES) {
    for (const voice of voices(lang)) {
      lang.words.forEach((word, digit) => {
        for (let take = 0; take < TAKES; take++) {
          const pitch = draw(PITCHES);
          const speed = draw(lang.speeds);
          clips.push({
            language: lang.name,
            voice,
            pitch,
            speed,
            word,
            digit,
            ...synthesise(voice, pitch, speed, word),
          });
        }
      });
    }
  }
  return clips;
}

try {
  const train = shuffle(
    clipsFor((l) => l.train),
    next,
  );
  const test = shuffle(
    clipsFor((l) => l.test),
    next,
  );

  mkdirSync(outDir, { recursive: true });
  const per = FEATURE_FRAMES * MEL_BANDS;
  const files: Record<string, { bytes: number; gzipBytes: number; sha256: string; shape: number[] }> = {};
  const write = (name: string, shape: number[], data: Uint8Array) => {
    const gz = gzipSync(data, { level: 9 });
    writeFileSync(join(outDir, `${name}.u8.gz`), gz);
    files[`${name}.u8.gz`] = {
      shape,
      bytes: data.length,
      gzipBytes: gz.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
  };
  for (const [split, clips] of [
    ['train', train],
    ['test', test],
  ] as const) {
    const images = new Uint8Array(clips.length * per);
    clips.forEach((c, i) => images.set(c.features, i * per));
    write(`${split}-images`, [clips.length, FEATURE_FRAMES, MEL_BANDS, 1], images);
    write(
      `${split}-labels`,
      [clips.length],
      Uint8Array.from(clips, (c) => c.digit),
    );
  }

  const all = [...train, ...test];
  const seconds = all.map((c) => c.seconds).sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const windowSeconds = (FEATURE_FRAMES - 1) * (HOP_MS / 1000) + WINDOW_MS / 1000;
  const meta = {
    description:
      'The digits 0-9 spoken in English and Mandarin by espeak-ng, as quantised log-mel spectrograms (featuresFromAudio in src/ml/data/spectrogram.ts). Test voices use espeak-ng variants that appear nowhere in the training set.',
    command: 'npx vite-node scripts/pipelines/build-speech.ts',
    espeakNg: { version, sampleRate },
    features: {
      frames: FEATURE_FRAMES,
      bands: MEL_BANDS,
      hopMs: HOP_MS,
      windowMs: WINDOW_MS,
      window: 'Hann',
      melScale: 'HTK, 2595 log10(1 + f/700)',
      melMinHz: MEL_MIN_HZ,
      melMaxHz: MEL_MAX_HZ,
      quantisation: `per clip, 10 log10(band power) in dB: the loudest cell -> 255, ${RANGE_DB} dB below it or less -> 0, linear in dB; model input = value / 255`,
      layout: 'images: uint8 [N, frames, bands, 1], row-major, one row per 20 ms frame; labels: uint8 [N], the digit',
    },
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    pitchRange: PITCHES,
    takesPerVoiceAndDigit: TAKES,
    languages: LANGUAGES.map((l) => ({
      name: l.name,
      words: l.words,
      speedRange: l.speeds,
      train: l.train,
      test: l.test,
    })),
    clipList: 'clips.csv: split, index in that split, language, voice, pitch, speed, word, digit',
    split: 'by voice: every test voice uses an espeak-ng variant (+m6, +f4, ...) absent from the training voices',
    seed: SEED,
    counts: {
      train: train.length,
      test: test.length,
      trainPerClass: Array.from({ length: 10 }, (_, d) => train.filter((c) => c.digit === d).length),
      testPerClass: Array.from({ length: 10 }, (_, d) => test.filter((c) => c.digit === d).length),
    },
    speechSeconds: {
      min: round(seconds[0]!),
      median: round(seconds[Math.floor(seconds.length / 2)]!),
      max: round(seconds[seconds.length - 1]!),
      window: round(windowSeconds),
      longerThanWindow: seconds.filter((s) => s > windowSeconds).length,
    },
    files,
    licence:
      "espeak-ng is GPL-3.0-or-later. These features are computed from its output (the audio it synthesised for the words listed here), not from any part of the program; the GPL does not extend to a program's output as such.",
  };
  // formatted as `npm run format` would, so that formatting the repository leaves it unchanged
  const metaFile = join(outDir, 'meta.json');
  const prettierOptions = await resolveConfig(metaFile);
  writeFileSync(metaFile, await format(JSON.stringify(meta), { ...prettierOptions, filepath: metaFile }));
  const rows = [...train.map((c, i) => ['train', i, c] as const), ...test.map((c, i) => ['test', i, c] as const)].map(
    ([split, i, c]) => [split, i, c.language, c.voice, c.pitch, c.speed, c.word, c.digit].join(','),
  );
  writeFileSync(
    join(outDir, 'clips.csv'),
    `${['split,index,language,voice,pitch,speed,word,digit', ...rows].join('\n')}\n`,
  );
  const gz = Object.values(files).reduce((s, f) => s + f.gzipBytes, 0);
  console.log(
    `[speech] ${train.length} training and ${test.length} test clips, espeak-ng ${version} at ${sampleRate} Hz; ` +
      `speech ${meta.speechSeconds.min}–${meta.speechSeconds.max} s (median ${meta.speechSeconds.median} s), ` +
      `${meta.speechSeconds.longerThanWindow} longer than the ${meta.speechSeconds.window} s window; ` +
      `${(gz / 1e6).toFixed(2)} MB gzipped in scripts/data/spoken-digits/`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
