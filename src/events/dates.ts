import { MONTHS, WEEKDAYS } from '../shared/calendar.js';
import { NUMBER_WORDS } from './number-words.js';

/** A resolved date with its uncertainty in days (0: the day is known). */
export interface ResolvedDate {
  date: string;
  uncertaintyDays: number;
  expression: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const shift = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/**
 * The date of an incident from the words of a report, resolved against the report's publication
 * date: explicit dates ("19 June 2017", "June 19"), and relative ones ("last night", "yesterday",
 * "on Monday", "Saturday", "two days ago", "earlier this week", "earlier this month"). A weekday
 * means the most recent such day on or before publication ("last Monday": before it). A span
 * measured from another incident ("a week after the attack at …") is no date of this one. Of
 * several relative expressions, the one nearest `anchor` (the act) wins.
 */
export function resolveIncidentDate(text: string, published: string | null, anchor = 0): ResolvedDate | null {
  const lower = text.toLowerCase();
  const explicit =
    /\b(\d{1,2})(?:st|nd|rd|th)?\s+(january|february|march|april|may|june|july|august|september|october|november|december)(?:\s+(\d{4}))?\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b/.exec(
      lower,
    );
  const pub = published ? new Date(published) : null;
  if (explicit) {
    const dayOfMonth = Number(explicit[1] ?? explicit[5]);
    const month = MONTHS.indexOf((explicit[2] ?? explicit[4]) as string);
    const year = Number(explicit[3] ?? explicit[6] ?? pub?.getUTCFullYear() ?? Number.NaN);
    if (dayOfMonth >= 1 && dayOfMonth <= 31 && Number.isFinite(year)) {
      let d = new Date(Date.UTC(year, month, dayOfMonth));
      // "June 19" in a January report is last year's.
      if (!explicit[3] && !explicit[6] && pub && d.getTime() > pub.getTime() + 86_400_000)
        d = new Date(Date.UTC(year - 1, month, dayOfMonth));
      return { date: day(d), uncertaintyDays: 0, expression: explicit[0] };
    }
  }
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(lower);
  if (iso) return { date: `${iso[1]}-${iso[2]}-${iso[3]}`, uncertaintyDays: 0, expression: iso[0] };
  if (!pub) return null;
  const rel: [RegExp, (m: RegExpExecArray) => ResolvedDate][] = [
    [
      /\b(last night|overnight|late yesterday)\b/,
      (m) => ({ date: day(shift(pub, -1)), uncertaintyDays: 1, expression: m[0] }),
    ],
    [/\byesterday\b/, (m) => ({ date: day(shift(pub, -1)), uncertaintyDays: 0, expression: m[0] })],
    [
      /\b(today|this morning|this afternoon|this evening|tonight|earlier today)\b/,
      (m) => ({ date: day(pub), uncertaintyDays: 0, expression: m[0] }),
    ],
    [
      /\b(?:(on|last|this past)\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)(?:['’]s)?\b/,
      (m) => {
        const target = WEEKDAYS.indexOf(m[2] as string);
        let back = (pub.getUTCDay() - target + 7) % 7;
        // "On Tuesday" in a Tuesday report is that day; "last Tuesday" is the week before.
        if (back === 0 && m[1] !== undefined && m[1] !== 'on') back = 7;
        return { date: day(shift(pub, -back)), uncertaintyDays: 0, expression: m[0].trim() };
      },
    ],
    [
      // "Two days ago", "a week ago", "twelve months ago today": counted back whole; a week is
      // uncertain by three days, a month or a year by a week.
      /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a)\s+(days?|weeks?|months?|years?)\s+ago\b/,
      (m) => {
        const n = NUMBER_WORDS[m[1] as string] ?? Number(m[1]);
        const unit = m[2] as string;
        const days =
          n *
          (unit.startsWith('year') ? 365 : unit.startsWith('month') ? 30 : unit.startsWith('week') ? 7 : 1);
        return {
          date: day(shift(pub, -days)),
          uncertaintyDays: unit.startsWith('day') ? 0 : unit.startsWith('week') ? 3 : 7,
          expression: m[0],
        };
      },
    ],
    [/\b(last week)\b/, (m) => ({ date: day(shift(pub, -7)), uncertaintyDays: 3, expression: m[0] })],
    [
      /\b(earlier this week|this week)\b/,
      (m) => {
        // From this week's Monday to the day before publication (or publication day on a Monday).
        const sinceMonday = (pub.getUTCDay() + 6) % 7;
        const half = Math.max(0, Math.ceil((sinceMonday - 1) / 2));
        return {
          date: day(shift(pub, -Math.max(1, sinceMonday) + half)),
          uncertaintyDays: Math.max(1, half),
          expression: m[0],
        };
      },
    ],
    [
      /\b(earlier this month|this month)\b/,
      (m) => ({
        date: day(shift(pub, -Math.floor(pub.getUTCDate() / 2))),
        uncertaintyDays: Math.max(1, Math.ceil(pub.getUTCDate() / 2)),
        expression: m[0],
      }),
    ],
    [/\b(last month)\b/, (m) => ({ date: day(shift(pub, -30)), uncertaintyDays: 15, expression: m[0] })],
    [
      // "the shooting in May", "since last March": the month's middle, the latest such month on or
      // before publication (a year before when the month is still to come), uncertain by half a month.
      /\b(?:in|last|since|during|early|late|mid)[\s-]+(january|february|march|april|may|june|july|august|september|october|november|december)(?:\s+(\d{4}))?\b(?!\s+\d{1,2}\b)/,
      (m) => {
        const month = MONTHS.indexOf(m[1] as string);
        let year = m[2] ? Number(m[2]) : pub.getUTCFullYear();
        if (!m[2] && month > pub.getUTCMonth()) year -= 1;
        const current = year === pub.getUTCFullYear() && month === pub.getUTCMonth();
        const middle = current ? Math.max(1, Math.ceil(pub.getUTCDate() / 2)) : 15;
        return {
          date: day(new Date(Date.UTC(year, month, middle))),
          uncertaintyDays: current ? Math.max(1, middle) : 15,
          expression: m[0],
        };
      },
    ],
    [
      /\b(at the weekend|this weekend|over the weekend)\b/,
      (m) => ({
        date: day(shift(pub, -((pub.getUTCDay() + 1) % 7 || 7))),
        uncertaintyDays: 1,
        expression: m[0],
      }),
    ],
  ];
  // Of several expressions ("gathered on Monday … Saturday's attack"), the one nearest the act wins.
  let best: { distance: number; date: ResolvedDate } | null = null;
  for (const [re, make] of rel) {
    for (const m of lower.matchAll(new RegExp(re.source, 'g'))) {
      const distance = Math.abs(m.index - anchor);
      if (!best || distance < best.distance) best = { distance, date: make(m as RegExpExecArray) };
    }
  }
  return best?.date ?? null;
}
