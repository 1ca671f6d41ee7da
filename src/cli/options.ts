import { VigilError } from '../domain/index.js';

/** A whole-number option, or a usage error naming it. */
export const positiveInt = (name: string, v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new VigilError('USAGE', `${name} must be a whole number, not "${v}"`);
  return n;
};
