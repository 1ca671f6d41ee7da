/**
 * The stream's layout. One stream per deployment holds every stage's work under its own subject,
 * the dead letters, and the ids that have passed every stage:
 *
 *   <stream>.stage.analyze → .stage.match → .stage.events → .stage.alerts → <stream>.done
 *   <stream>.dlq.<stage>   messages a stage gave up on, with the error in a header
 *
 * Each stage has one durable pull consumer filtered to its subject; its workers share it.
 */
export const STAGES = ['analyze', 'match', 'events', 'alerts'] as const;
export type Stage = (typeof STAGES)[number];

export const isStage = (s: string): s is Stage => (STAGES as readonly string[]).includes(s);

export const stageSubject = (stream: string, stage: Stage) => `${stream}.stage.${stage}`;
export const doneSubject = (stream: string) => `${stream}.done`;
export const deadLetterSubject = (stream: string, stage: Stage) => `${stream}.dlq.${stage}`;
export const allDeadLetters = (stream: string) => `${stream}.dlq.>`;

/** The stage after `stage`, or null after the last. */
export function nextStage(stage: Stage): Stage | null {
  return STAGES[STAGES.indexOf(stage) + 1] ?? null;
}

/** Consumers are named by stage; the stream name keeps deployments apart. */
export const consumerName = (stage: Stage) => `vigil-${stage}`;

/** Headers a dead letter carries. */
export const HEADER = {
  stage: 'Vigil-Stage',
  error: 'Vigil-Error',
  deliveries: 'Vigil-Deliveries',
  originalSeq: 'Vigil-Original-Seq',
} as const;
