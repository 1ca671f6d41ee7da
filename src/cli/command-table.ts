import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every top-level command, the one-line summary `vigil --help` lists, and the module that defines
 * it, loaded only when the command runs: a command pays for its own dependencies (the detector, the
 * web server, the database driver), not for every other command's.
 */
export const COMMANDS: readonly { name: string; summary: string; load: () => Promise<Register> }[] = [
  {
    name: 'scan',
    summary: 'ingest, analyse, match and report on files or folders (the everyday job)',
    load: async () => (await import('./commands/scan.js')).registerScan,
  },
  {
    name: 'ingest',
    summary: 'read exports, articles and feeds into the store (idempotent)',
    load: async () => (await import('./commands/ingest.js')).registerIngest,
  },
  {
    name: 'analyze',
    summary: 'analyse texts for violent-extremist content and explain the verdict',
    load: async () => (await import('./commands/analyze.js')).registerAnalyze,
  },
  {
    name: 'reanalyze',
    summary: "re-analyse stored items with the current model (each model's analysis is kept)",
    load: async () => (await import('./commands/reanalyze.js')).registerReanalyze,
  },
  {
    name: 'eval',
    summary: 'measure the detector on a labelled CSV (id,functionality,text,labels,context,ideology,target)',
    load: async () => (await import('./commands/eval.js')).registerEval,
  },
  {
    name: 'train',
    summary: 'train the linear model from labelled CSVs (evaluation format) and the shared public data',
    load: async () => (await import('./commands/train.js')).registerTrain,
  },
  {
    name: 'search',
    summary: 'full-text search over stored items (any script)',
    load: async () => (await import('./commands/search.js')).registerSearch,
  },
  {
    name: 'stats',
    summary: 'count stored items by platform and source',
    load: async () => (await import('./commands/stats.js')).registerStats,
  },
  {
    name: 'hash',
    summary: 'PDQ-hash images (JPEG, PNG, WebP, GIF)',
    load: async () => (await import('./commands/hash.js')).registerHash,
  },
  {
    name: 'clusters',
    summary: 'near-duplicate clusters: one message wherever it appeared',
    load: async () => (await import('./commands/clusters.js')).registerClusters,
  },
  {
    name: 'cluster',
    summary: 'one cluster: members, timeline and spread (forwards, reports)',
    load: async () => (await import('./commands/cluster.js')).registerCluster,
  },
  {
    name: 'banks',
    summary: 'hash lists (banks) shared with peers',
    load: async () => (await import('./commands/banks.js')).registerBanks,
  },
  {
    name: 'alerts',
    summary: 'alerts raised by matching, events and rules',
    load: async () => (await import('./commands/alerts.js')).registerAlerts,
  },
  {
    name: 'events',
    summary: 'incidents found in news or seeded, with how many items refer to them',
    load: async () => (await import('./commands/events.js')).registerEvents,
  },
  {
    name: 'event',
    summary: 'one event: timeline of linked items, top items, and reactions from the other side',
    load: async () => (await import('./commands/event.js')).registerEvent,
  },
  {
    name: 'event-admin',
    summary: "analysts' edits: create, rename, merge and split events",
    load: async () => (await import('./commands/event-admin.js')).registerEventAdmin,
  },
  {
    name: 'sources',
    summary:
      'live sources (news feeds, Telegram channels and bots): add, list, pause, resume, remove, suggestions',
    load: async () => (await import('./commands/sources.js')).registerSources,
  },
  {
    name: 'watch',
    summary: 'collect live sources on their schedules (--once: each due source once, for cron)',
    load: async () => (await import('./commands/watch.js')).registerWatch,
  },
  {
    name: 'worker',
    summary: 'run one pipeline stage as a JetStream worker (scaled preset, VIGIL_NATS_URL)',
    load: async () => (await import('./commands/worker.js')).registerWorker,
  },
  {
    name: 'pipeline',
    summary: 'the scaled pipeline: per-stage pending, in flight, dead-lettered, lag',
    load: async () => (await import('./commands/pipeline.js')).registerPipeline,
  },
  {
    name: 'dlq',
    summary: 'dead letters of the scaled pipeline: list and replay',
    load: async () => (await import('./commands/dlq.js')).registerDlq,
  },
  {
    name: 'telegram',
    summary: 'sign in to Telegram for MTProto channel collection (session kept encrypted)',
    load: async () => (await import('./commands/telegram.js')).registerTelegram,
  },
  {
    name: 'serve',
    summary: 'the HTTP API and the analyst UI',
    load: async () => (await import('./commands/serve.js')).registerServe,
  },
  {
    name: 'users',
    summary: 'workspace users (roles: viewer, analyst, admin)',
    load: async () => (await import('./commands/users.js')).registerUsers,
  },
  {
    name: 'audit',
    summary: 'the tamper-evident audit trail',
    load: async () => (await import('./commands/audit.js')).registerAudit,
  },
];
