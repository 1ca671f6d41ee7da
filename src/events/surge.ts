/** Settings of the surge detector. */
export interface SurgeConfig {
  /** Bucket length in minutes. */
  bucketMinutes: number;
  /** Weight of the newest bucket in the moving baseline. */
  alpha: number;
  /** Poisson tail probability below which a bucket is a surge. */
  pValue: number;
  /** Fewest items in a bucket that can be a surge, whatever the baseline. */
  minCount: number;
  /** Baseline rate assumed before any history (items per bucket). */
  priorRate: number;
}

export const DEFAULT_SURGE_CONFIG: SurgeConfig = {
  bucketMinutes: 60,
  alpha: 0.1,
  pValue: 1e-4,
  minCount: 5,
  priorRate: 1,
};

export interface Surge {
  group: string;
  bucketStart: string;
  count: number;
  baseline: number;
  threshold: number;
}

/** Smallest k with P(X ≥ k) < p for X ~ Poisson(λ). */
export function poissonThreshold(lambda: number, p: number): number {
  let term = Math.exp(-lambda);
  let cdf = term;
  let k = 0;
  while (1 - cdf >= p && k < 10_000) {
    k++;
    term *= lambda / k;
    cdf += term;
  }
  return k + 1;
}

interface GroupState {
  bucket: number;
  count: number;
  baseline: number;
  seen: number;
  inSurge: boolean;
  alerted: boolean;
}

/**
 * Reactions per bucket against an exponentially weighted baseline, per source group. A bucket
 * whose count passes the Poisson threshold raises one surge, as soon as it passes (so within the
 * surge's first bucket); the surge ends when a bucket falls back under the threshold. Surge
 * buckets do not feed the baseline, so a long surge is not mistaken for the new normal.
 */
export class SurgeDetector {
  private readonly groups = new Map<string, GroupState>();

  constructor(private readonly config: SurgeConfig = DEFAULT_SURGE_CONFIG) {}

  /** Feeds one item (in time order); returns a surge when this item starts one. */
  observe(timestamp: string, group: string): Surge | null {
    const ms = this.config.bucketMinutes * 60_000;
    const bucket = Math.floor(Date.parse(timestamp) / ms);
    let s = this.groups.get(group);
    if (!s) {
      s = { bucket, count: 0, baseline: this.config.priorRate, seen: 0, inSurge: false, alerted: false };
      this.groups.set(group, s);
    }
    while (s.bucket < bucket) this.close(s);
    s.count++;
    const threshold = Math.max(
      this.config.minCount,
      poissonThreshold(Math.max(s.baseline, 0.1), this.config.pValue),
    );
    if (s.count >= threshold && !s.inSurge) {
      s.inSurge = true;
      return {
        group,
        bucketStart: new Date(s.bucket * ms).toISOString(),
        count: s.count,
        baseline: Number(s.baseline.toFixed(3)),
        threshold,
      };
    }
    return null;
  }

  private close(s: GroupState): void {
    const threshold = Math.max(
      this.config.minCount,
      poissonThreshold(Math.max(s.baseline, 0.1), this.config.pValue),
    );
    const surging = s.count >= threshold;
    if (!surging) {
      s.baseline =
        s.seen === 0
          ? s.count || this.config.priorRate
          : (1 - this.config.alpha) * s.baseline + this.config.alpha * s.count;
      s.seen++;
      s.inSurge = false;
    }
    s.bucket++;
    s.count = 0;
  }
}
