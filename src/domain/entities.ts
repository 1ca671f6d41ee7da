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
