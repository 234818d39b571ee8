/**
 * Small checks for payloads that cross the worker boundary: each task validates its job, commands
 * and settings with these, next to their types, so one file holds both the shape and its check.
 * They throw BadMessage (reported to the page as kind 'bad-message') with the field's path.
 */
import { BadMessage } from './states';

export type Fields = Record<string, unknown>;

export function object(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadMessage(`${path} must be an object`);
  return value as Fields;
}

export function int(
  value: unknown,
  path: string,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new BadMessage(`${path} must be an integer in [${min}, ${max}]`);
  return value;
}

export function positive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new BadMessage(`${path} must be a positive number`);
  return value;
}

export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new BadMessage(`${path} must be a string`);
  return value;
}

export function oneOf<T extends string>(value: unknown, options: readonly T[], path: string): T {
  if (!(options as readonly unknown[]).includes(value))
    throw new BadMessage(`${path} must be one of ${options.join(', ')}`);
  return value as T;
}

export function float32(value: unknown, path: string): Float32Array {
  if (!(value instanceof Float32Array)) throw new BadMessage(`${path} must be a Float32Array`);
  return value;
}

export function uint8(value: unknown, path: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new BadMessage(`${path} must be a Uint8Array`);
  return value;
}

/** An optional field: undefined stays undefined, anything else must pass `check`. */
export function optional<T>(value: unknown, path: string, check: (v: unknown, path: string) => T): T | undefined {
  return value === undefined ? undefined : check(value, path);
}
