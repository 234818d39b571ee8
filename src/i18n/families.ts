import { attn } from './attn';
import { batch } from './batch';
import { chargen } from './chargen';
import { classify } from './classify';
import { device } from './device';
import { cnn } from './cnn';
import { code } from './code';
import { compress } from './compress';
import { dates } from './dates';
import { exercises } from './exercises';
import { explorers } from './explorers';
import { fairness } from './fairness';
import { federated } from './federated';
import { foundations } from './foundations';
import { gan } from './gan';
import { optim } from './optim';
import { optimRace } from './optimrace';
import { ownData } from './own-data';
import { page } from './page';
import { recsys } from './recsys';
import { playground } from './playground';
import { rnn } from './rnn';
import { runs } from './runs';
import { share } from './share';
import { transformerRace } from './transformer-race';
import { transfer } from './transfer';

/**
 * UI strings by family. Each family's file holds its English strings and their Chinese side by
 * side, and `family()` makes a missing or extra Chinese key a type error there; the strings shared
 * by every lab stay in `en.ts` and `zh-cn.ts`. A new family (say a new lab folder) adds its file and one line here;
 * `useTranslations` then knows its keys in every locale, and no other file changes.
 */
export const FAMILIES = {
  attn,
  batch,
  chargen,
  classify,
  cnn,
  code,
  compress,
  device,
  dates,
  exercises,
  explorers,
  fairness,
  federated,
  foundations,
  gan,
  optim,
  optimRace,
  recsys,
  ownData,
  page,
  playground,
  rnn,
  runs,
  share,
  transformerRace,
  transfer,
};

export type Locale = 'en' | 'zh-cn';
type Family = (typeof FAMILIES)[keyof typeof FAMILIES];
/** Every key of every family (distributed over the union, so it is all keys, not the shared ones). */
type KeysOf<T> = T extends unknown ? keyof T : never;
export type FamilyKey = KeysOf<Family['en']>;

/** One locale's strings of every family, merged into one table. */
export function familyStrings(locale: Locale): Record<FamilyKey, string> {
  const table: Record<string, string> = {};
  for (const family of Object.values(FAMILIES)) Object.assign(table, family[locale]);
  return table as Record<FamilyKey, string>;
}
