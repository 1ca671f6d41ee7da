import type { Analysis, Context, Label } from './analysis.js';

/** A real-world incident that content reacts to. */
export interface Event {
  id: string;
  name: string;
  aliases: string[];
  /** Day precision, YYYY-MM-DD. */
  date: string | null;
  dateUncertaintyDays: number;
  place: string | null;
  kind: 'attack' | 'plot' | 'arrest' | 'trial';
  method: 'vehicle_ramming' | 'stabbing' | 'shooting' | 'bombing' | 'arson' | 'other' | null;
  casualties: { killed: number | null; injured: number | null };
  perpetratorIdeology: 'jihadist' | 'far_right' | 'none' | null;
  targetedGroup: string | null;
}

/** A group of near-duplicate texts (whole items or quotes) seen across sources. */
export interface Cluster {
  id: string;
  size: number;
  firstSeen: string | null;
}

export interface ClusterMember {
  clusterId: string;
  itemId: number;
  /** null for a whole item, else the index of the quote in the item's analysis. */
  quoteIndex: number | null;
}

/** An analyst's decision on an item. */
export interface Review {
  id: string;
  itemId: number;
  reviewer: string;
  labels: Label[];
  context: Context;
  ideology: Analysis['ideology']['label'];
  decision: 'confirmed' | 'corrected' | 'verified' | 'referred' | 'dismissed';
  note: string | null;
  createdAt: string;
}

/** Something an analyst must see: a surge, a match, a referral-grade item. */
export interface Alert {
  id: string;
  rule: string;
  createdAt: string;
  summary: string;
  evidence: unknown[];
}
