import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { type Event, VigilError } from '../domain/index.js';
import { eventIdFor } from './resolve.js';

const SeedEvent = z.object({
  name: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  place: z.string().min(1),
  method: z
    .enum(['vehicle_ramming', 'stabbing', 'shooting', 'bombing', 'arson', 'other'])
    .nullable()
    .default(null),
  kind: z.enum(['attack', 'plot', 'arrest', 'trial']).default('attack'),
  perpetrator_ideology: z.enum(['jihadist', 'far_right', 'none']).nullable().default(null),
  targeted_group: z.string().nullable().default(null),
  aliases: z.array(z.string()).default([]),
  killed: z.number().int().nullable().default(null),
  injured: z.number().int().nullable().default(null),
});

/** Reads the seed list of notable attacks, naming the entry and field of any mistake. */
export function readSeedEvents(file: string): Event[] {
  const doc = parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(doc))
    throw new VigilError('BAD_CONFIG', `events seed ${file}: expected a list of events`);
  return doc.map((entry, i) => {
    const r = SeedEvent.safeParse(entry);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new VigilError(
        'BAD_CONFIG',
        `events seed ${file}: entry ${i + 1}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`,
      );
    }
    const e = r.data;
    return {
      id: eventIdFor(e.name, e.date),
      name: e.name,
      aliases: e.aliases,
      date: e.date,
      dateUncertaintyDays: 0,
      place: e.place,
      kind: e.kind,
      method: e.method,
      casualties: { killed: e.killed, injured: e.injured },
      perpetratorIdeology: e.perpetrator_ideology,
      targetedGroup: e.targeted_group,
    };
  });
}
