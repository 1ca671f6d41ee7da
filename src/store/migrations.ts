import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import type { DialectProfile } from './dialect-profile.js';
import type { Database } from './schema.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before and between schema versions
type AnyDb = Kysely<any>;

/** The schema's history. Never edit a shipped migration: add one. */
export function migrations(profile: DialectProfile): Record<string, Migration> {
  return {
    '0001_items': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('sources')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('source_key', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('external_id', 'text')
          .addColumn('kind', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('sources_platform_key', ['platform', 'source_key'])
          .execute();
        await db.schema
          .createTable('items')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
          .addColumn('external_id', 'text', (c) => c.notNull())
          .addColumn('author', 'text')
          .addColumn('author_id', 'text')
          .addColumn('posted_at', 'text')
          .addColumn('edited_at', 'text')
          .addColumn('collected_at', 'text', (c) => c.notNull())
          .addColumn('title', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('entities', 'text', (c) => c.notNull())
          .addColumn('url', 'text')
          .addColumn('forwarded_from', 'text')
          .addColumn('forwarded_from_id', 'text')
          .addColumn('reply_to', 'text')
          .addColumn('via_bot', 'text')
          .addColumn('raw', 'text', (c) => c.notNull())
          .addColumn('content_sha256', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addUniqueConstraint('items_identity', ['platform', 'source_id', 'external_id'])
          .execute();
        await db.schema.createIndex('items_posted_at').on('items').column('posted_at').execute();
        await db.schema
          .createTable('item_versions')
          .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('edited_at', 'text')
          .addColumn('raw', 'text', (c) => c.notNull())
          .addColumn('content_sha256', 'text', (c) => c.notNull())
          .addColumn('superseded_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('item_versions_pk', ['item_id', 'version'])
          .execute();
        await db.schema
          .createTable('media')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('path', 'text')
          .addColumn('declared', 'text', (c) => c.notNull())
          .addColumn('missing', 'integer', (c) => c.notNull())
          .addColumn('mime', 'text')
          .addColumn('width', 'integer')
          .addColumn('height', 'integer')
          .addColumn('sha256', 'text')
          .addColumn('pdq', 'text')
          .addColumn('pdq_quality', 'integer')
          .addUniqueConstraint('media_item_position', ['item_id', 'position'])
          .execute();
        await db.schema
          .createTable('channel_events')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
          .addColumn('external_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('action', 'text')
          .addColumn('actor', 'text')
          .addColumn('posted_at', 'text')
          .addColumn('raw', 'text', (c) => c.notNull())
          .addUniqueConstraint('channel_events_identity', ['platform', 'source_id', 'external_id'])
          .execute();
        await profile.createFullTextIndex(db as Kysely<Database>);
      },
    },
    '0002_analysis_matching_alerts': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('analyses')
          .addColumn('item_id', 'integer', (c) => c.primaryKey().notNull().references('items.id'))
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('context', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('ideology', 'text', (c) => c.notNull())
          .addColumn('labels', 'text', (c) => c.notNull())
          .addColumn('max_score', 'real', (c) => c.notNull())
          .addColumn('analysis', 'text', (c) => c.notNull())
          .addColumn('analyzed_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('analyses_action')
          .on('analyses')
          .columns(['action', 'max_score'])
          .execute();
        await db.schema
          .createTable('quotes')
          .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
          .addColumn('quote_index', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('attribution', 'text')
          .addColumn('platform', 'text')
          .addColumn('labels', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('quotes_pk', ['item_id', 'quote_index'])
          .execute();
        await db.schema
          .createTable('clusters')
          .addColumn('id', 'integer', (c) => c.primaryKey().notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('merged_into', 'integer')
          .execute();
        await db.schema
          .createTable('cluster_members')
          .addColumn('cluster_id', 'integer', (c) => c.notNull().references('clusters.id'))
          .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
          .addColumn('quote_index', 'integer', (c) => c.notNull())
          .addColumn('how', 'text', (c) => c.notNull())
          .addColumn('similarity', 'real', (c) => c.notNull())
          .addColumn('exact_key', 'text', (c) => c.notNull())
          .addColumn('signature', 'text', (c) => c.notNull())
          .addColumn('added_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('cluster_members_pk', ['item_id', 'quote_index'])
          .execute();
        await db.schema
          .createIndex('cluster_members_cluster')
          .on('cluster_members')
          .column('cluster_id')
          .execute();
        await db.schema
          .createTable('cluster_merges')
          .addColumn('from_id', 'integer', (c) => c.notNull())
          .addColumn('into_id', 'integer', (c) => c.notNull())
          .addColumn('merged_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('banks')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('description', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('signals')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('bank_id', 'integer', (c) => c.notNull().references('banks.id'))
          .addColumn('signal_type', 'text', (c) => c.notNull())
          .addColumn('signal_value', 'text', (c) => c.notNull())
          .addColumn('labels', 'text', (c) => c.notNull())
          .addColumn('provenance', 'text')
          .addColumn('false_positive', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('signals_identity', ['bank_id', 'signal_type', 'signal_value'])
          .execute();
        await db.schema
          .createTable('alerts')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('evidence', 'text', (c) => c.notNull())
          .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
          .execute();
      },
    },
    '0003_events': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('events')
          .addColumn('id', 'text', (c) => c.primaryKey().notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('aliases', 'text', (c) => c.notNull())
          .addColumn('date', 'text')
          .addColumn('date_uncertainty_days', 'integer', (c) => c.notNull())
          .addColumn('place', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('method', 'text')
          .addColumn('killed', 'integer')
          .addColumn('injured', 'integer')
          .addColumn('perpetrator_ideology', 'text')
          .addColumn('targeted_group', 'text')
          .addColumn('merged_into', 'text')
          .addColumn('origin', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('event_links')
          .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
          .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
          .addColumn('quote_index', 'integer', (c) => c.notNull())
          .addColumn('confidence', 'real', (c) => c.notNull())
          .addColumn('evidence', 'text', (c) => c.notNull())
          .addColumn('linked_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('event_links_pk', ['event_id', 'item_id', 'quote_index'])
          .execute();
        await db.schema.createIndex('event_links_item').on('event_links').column('item_id').execute();
        await db.schema
          .createTable('event_scans')
          .addColumn('item_id', 'integer', (c) => c.primaryKey().notNull())
          .addColumn('scanned_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('deliveries')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id'))
          .addColumn('webhook', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('last_error', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('deliveries_alert_webhook', ['alert_id', 'webhook'])
          .execute();
      },
    },
    '0004_workspace': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('users')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey().notNull())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('api_tokens')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('reviews')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
          .addColumn('reviewer', 'text', (c) => c.notNull())
          .addColumn('labels', 'text', (c) => c.notNull())
          .addColumn('context', 'text', (c) => c.notNull())
          .addColumn('ideology', 'text', (c) => c.notNull())
          .addColumn('decision', 'text', (c) => c.notNull())
          .addColumn('policy', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('reviews_item').on('reviews').column('item_id').execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('items_source_posted')
          .on('items')
          .columns(['source_id', 'posted_at'])
          .execute();
        await db.schema
          .createTable('item_labels')
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('posted_at', 'text', (c) => c.notNull())
          .addColumn('item_id', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('item_labels_pk', ['label', 'posted_at', 'item_id'])
          .execute();
        await db.schema.createIndex('item_labels_item').on('item_labels').column('item_id').execute();
      },
    },
    '0005_analysis_versions': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('analysis_versions')
          .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('analysis', 'text', (c) => c.notNull())
          .addColumn('analyzed_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('analysis_versions_pk', ['item_id', 'model'])
          .execute();
        // The analyses stored so far are their models' versions.
        await db
          .insertInto('analysis_versions')
          .columns(['item_id', 'model', 'analysis', 'analyzed_at'])
          .expression(db.selectFrom('analyses').select(['item_id', 'model', 'analysis', 'analyzed_at']))
          .execute();
      },
    },
    '0006_keyed_audit': {
      async up(db: AnyDb) {
        await db.schema.alterTable('audit_log').addColumn('seq', 'bigint').execute();
        await db.schema
          .alterTable('audit_log')
          .addColumn('key_id', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        // Rows so far were chained in id order; they keep that order as their sequence.
        await sql`UPDATE audit_log SET seq = r.rn
          FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM audit_log) AS r
          WHERE audit_log.id = r.id`.execute(db);
        await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute();
      },
    },
    '0007_review_queue': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('review_queue')
          .addColumn('item_id', 'integer', (c) => c.primaryKey().notNull().references('items.id'))
          .addColumn('priority', 'integer', (c) => c.notNull())
          .addColumn('max_score', 'real', (c) => c.notNull())
          .addColumn('posted_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('review_queue_order')
          .on('review_queue')
          .columns(['priority', 'max_score desc', 'posted_at desc', 'item_id desc'])
          .execute();
        await sql`INSERT INTO review_queue (item_id, priority, max_score, posted_at)
          SELECT a.item_id, CASE WHEN a.action = 'refer' THEN 0 ELSE 1 END, a.max_score,
            coalesce(i.posted_at, '')
          FROM analyses a JOIN items i ON i.id = a.item_id
          WHERE a.action IN ('refer', 'review')
            AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.item_id = a.item_id
              AND r.decision IN ('referred', 'dismissed', 'verified'))`.execute(db);
      },
    },
    '0008_sign_in_attempts': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('sign_in_attempts')
          .addColumn('client', 'text', (c) => c.primaryKey().notNull())
          .addColumn('window_start', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .execute();
      },
    },
    '0009_stage_leases': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('stage_leases')
          .addColumn('name', 'text', (c) => c.primaryKey().notNull())
          .addColumn('holder', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0010_review_settles': {
      async up(db: AnyDb) {
        await db.schema
          .alterTable('reviews')
          .addColumn('settles', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        // Until now only final decisions settled an item.
        await sql`UPDATE reviews SET settles = 1
          WHERE decision IN ('referred', 'dismissed', 'verified')`.execute(db);
      },
    },
    '0011_live_sources': {
      async up(db: AnyDb) {
        // Live sources (feeds, channels, bots) the scheduler collects; `sources` are items' sources.
        await db.schema
          .createTable('live_sources')
          .addColumn('id', profile.autoIdType, (c) => c.primaryKey().notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('schedule_seconds', 'integer', (c) => c.notNull())
          .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
          // The name of the environment variable holding the secret, never the secret itself.
          .addColumn('secret_env', 'text')
          .addColumn('cursor', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_run_at', 'text')
          .addColumn('last_success_at', 'text')
          .addColumn('last_error_at', 'text')
          .addColumn('last_error', 'text')
          .addColumn('last_problems', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('items_last_run', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('items_total', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_due_at', 'text')
          .addColumn('backoff_until', 'text')
          .execute();
        await db.schema
          .createTable('source_suggestions')
          .addColumn('channel', 'text', (c) => c.primaryKey().notNull())
          .addColumn('seen', 'integer', (c) => c.notNull())
          .addColumn('first_seen_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0012_search_fold': {
      async up(db: AnyDb) {
        // Full-text search folds Arabic diacritics, tatweel and letter variants as the detector does.
        await profile.foldFullTextIndex(db as Kysely<Database>);
      },
    },
    '0013_event_splits': {
      async up(db: AnyDb) {
        // Items an analyst split away from an event: no later scan links them to it again.
        await db.schema
          .createTable('event_link_exclusions')
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('item_id', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('event_link_exclusions_pk', ['event_id', 'item_id'])
          .execute();
      },
    },
    '0014_sign_in_window_index': {
      async up(db: AnyDb) {
        // Sign-in counts of windows that have passed are deleted as new ones come (see
        // countSignInAttempt): found by their start, so clients that never return are not kept.
        await db.schema
          .createIndex('sign_in_attempts_window')
          .on('sign_in_attempts')
          .column('window_start')
          .execute();
      },
    },
    '0015_fast_search_fold': {
      async up(db: AnyDb) {
        // The search fold skips text it leaves unchanged: a faster ingest, the same index.
        await profile.redefineSearchFold(db as Kysely<Database>);
      },
    },
    '0016_inline_search_fold': {
      async up(db: AnyDb) {
        // The search fold can be inlined where it is called: a faster ingest, the same index.
        await profile.redefineSearchFold(db as Kysely<Database>);
      },
    },
    '0017_item_sources_per_statement': {
      async up(db: AnyDb) {
        // Every item's source exists, checked once per statement rather than once per row.
        await profile.checkItemSourcesPerStatement(db as Kysely<Database>);
      },
    },
  };
}

/** Feeds the migrations above to Kysely's Migrator. */
export class CodeMigrationProvider implements MigrationProvider {
  constructor(private readonly profile: DialectProfile) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.profile);
  }
}
