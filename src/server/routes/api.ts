import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Detector } from '../../analyze/detector.js';
import {
  CONTEXTS,
  IDEOLOGIES,
  LABELS,
  LEGAL_BASIS,
  SEARCH_SORTS,
  settlesItem,
  VigilError,
} from '../../domain/index.js';
import { eventDetail } from '../../events/event-detail.js';
import { isCandidate } from '../../events/resolve.js';
import { parseBank } from '../../match/banks/formats.js';
import { spreadOf } from '../../match/spread.js';
import { toLiveSourceView } from '../../pipeline/live-source-view.js';
import { hashPassword, newToken, tokenHash, verifyPassword } from '../../shared/credentials.js';
import type { Store } from '../../store/store.js';
import { ROLES } from '../auth.js';
import { itemMediaViews } from '../item-media.js';
import { referrals, referralsCsv, trainingCsv, transparencyHtml, transparencyReport } from '../reports.js';

interface Deps {
  store: Store;
  detector: Detector;
  fourEyes: boolean;
  secureCookies: boolean;
  /** A password hash no user has, verified against for unknown names. */
  unknownUserHash: string;
  /** The data folder images are shown from; null shows none. */
  mediaRoot: string | null;
}

const SESSION_COOKIE = 'vigil_session';
const SESSION_HOURS = 12;
/** Sign-in attempts allowed per client address and window, across every server process. */
const SIGN_IN_LIMIT = 10;
const SIGN_IN_WINDOW_MS = 60_000;
const id = z.object({ id: z.coerce.number().int().positive() });

export async function registerRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { store } = deps;
  const audit = (actor: string, action: string, target: string, details: unknown = {}) =>
    store.audit.append(actor, action, target, details);

  // --- session -------------------------------------------------------------------------------
  app.post(
    '/api/v1/session',
    {
      schema: {
        body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(500) }),
      },
    },
    async (req, reply) => {
      if ((await store.users.countSignInAttempt(req.ip, SIGN_IN_WINDOW_MS)) > SIGN_IN_LIMIT)
        throw new VigilError('RATE_LIMITED', 'too many sign-in attempts; wait a minute');
      const user = await store.users.byName(req.body.username);
      // One scrypt whether or not the user exists, so timing does not reveal user names.
      const passwordOk = await verifyPassword(req.body.password, user?.password_hash ?? deps.unknownUserHash);
      if (!user || user.disabled || !passwordOk)
        throw new VigilError('UNAUTHENTICATED', 'wrong username or password');
      const token = newToken();
      const csrf = newToken();
      await store.users.createSession(
        user.id,
        tokenHash(token),
        csrf,
        new Date(Date.now() + SESSION_HOURS * 3_600_000).toISOString(),
      );
      await audit(user.username, 'session.create', `user:${user.id}`);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        // Secure when asked, or when the request came over https (directly or, with
        // --trust-proxy, as the proxy reports it).
        secure: deps.secureCookies || req.protocol === 'https',
        maxAge: SESSION_HOURS * 3600,
      });
      return { user: { username: user.username, role: user.role }, csrf };
    },
  );
  app.get('/api/v1/session', { config: { role: 'viewer' } }, async (req) => ({
    user: { username: req.user?.username, role: req.user?.role },
    csrf: req.csrf,
  }));
  app.delete('/api/v1/session', { config: { role: 'viewer' } }, async (req, reply) => {
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) await store.users.deleteSession(tokenHash(cookie));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  // --- items ---------------------------------------------------------------------------------
  const ItemQuery = z.object({
    q: z.string().max(200).optional(),
    label: z.enum(LABELS).optional(),
    context: z.enum(CONTEXTS).optional(),
    ideology: z.enum(IDEOLOGIES).optional(),
    action: z.enum(['refer', 'review', 'none']).optional(),
    source: z.string().max(300).optional(),
    platform: z.string().max(50).optional(),
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
    event: z.string().max(40).optional(),
    cluster: z.coerce.number().int().positive().optional(),
    /** With `q`: `date` (the default; newest post first) or `relevance` (best match first). */
    sort: z.enum(SEARCH_SORTS).optional(),
    page: z.coerce.number().int().min(1).default(1),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  });
  app.get('/api/v1/items', { config: { role: 'viewer' }, schema: { querystring: ItemQuery } }, async (req) =>
    store.browse.query(req.query),
  );

  app.get('/api/v1/items/:id', { config: { role: 'viewer' }, schema: { params: id } }, async (req) => {
    const item = await store.items.getItem(req.params.id);
    if (!item) throw new VigilError('NOT_FOUND', `no item ${req.params.id}`);
    const [analysis, reviews, versions, media] = await Promise.all([
      store.analyses.getAnalysis(item.id),
      store.reviews.forItem(item.id),
      store.items.itemVersions(item.id),
      store.browse.media(item.id),
    ]);
    const links = await store.browse.links(item.id);
    return {
      // Where a file lies on the server is no business of the page: the media list below says
      // whether it is present and serves it by id.
      item: { ...item, media: item.media.map(({ path: _path, ...m }) => m) },
      analysis,
      reviews,
      versions,
      media: await itemMediaViews(media, deps.mediaRoot),
      ...links,
    };
  });

  app.post(
    '/api/v1/analyze',
    {
      config: { role: 'viewer' },
      schema: {
        body: z.object({
          text: z.string().min(1).max(100_000),
          platform: z.string().max(50).optional(),
          // ISO 639-1, overriding language identification as `vigil analyze --lang` does.
          language: z
            .string()
            .regex(/^[a-z]{2}$/)
            .optional(),
        }),
      },
    },
    async (req) =>
      deps.detector.analyze({
        text: req.body.text,
        platform: req.body.platform ?? null,
        language: req.body.language ?? null,
      }),
  );

  app.get('/api/v1/sources', { config: { role: 'viewer' } }, async () => store.items.stats());
  // Live sources with the status `vigil sources list` shows; the secret variable's name stays inside.
  app.get('/api/v1/live-sources', { config: { role: 'viewer' } }, async () =>
    (await store.liveSources.list()).map(toLiveSourceView),
  );

  // --- events, clusters, alerts --------------------------------------------------------------
  app.get('/api/v1/events', { config: { role: 'viewer' } }, async () =>
    (await store.events.listEvents()).filter(
      (e) => !isCandidate(e) && (e.linked_items > 0 || e.origin !== 'seed'),
    ),
  );
  // Incidents known without their place or date: listed apart until a report supplies them.
  app.get('/api/v1/events/candidates', { config: { role: 'viewer' } }, async () =>
    (await store.events.listEvents()).filter(isCandidate),
  );
  app.get(
    '/api/v1/events/:id',
    { config: { role: 'viewer' }, schema: { params: z.object({ id: z.string().max(40) }) } },
    async (req) => {
      const event = await store.events.getEvent(req.params.id);
      if (!event) throw new VigilError('NOT_FOUND', `no event ${req.params.id}`);
      return eventDetail(event, await store.events.linkedItems(event.id));
    },
  );
  app.get(
    '/api/v1/clusters',
    {
      config: { role: 'viewer' },
      schema: { querystring: z.object({ min_sources: z.coerce.number().int().min(1).default(1) }) },
    },
    async (req) => store.clusters.listClusters({ minSources: req.query.min_sources, limit: 100 }),
  );
  app.get('/api/v1/clusters/:id', { config: { role: 'viewer' }, schema: { params: id } }, async (req) => {
    const cluster = await store.clusters.getCluster(req.params.id);
    if (!cluster) throw new VigilError('NOT_FOUND', `no cluster ${req.params.id}`);
    return { ...cluster, spread: spreadOf(cluster.members) };
  });
  app.get('/api/v1/alerts', { config: { role: 'viewer' } }, async () => store.alerts.list({ limit: 200 }));

  // --- review --------------------------------------------------------------------------------
  app.get(
    '/api/v1/review/queue',
    {
      config: { role: 'analyst' },
      schema: {
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
        }),
      },
    },
    async (req) => store.reviews.queue(req.query.limit, (req.query.page - 1) * req.query.limit),
  );
  const ReviewBody = z.object({
    labels: z.array(z.enum(LABELS)).max(6),
    context: z.enum(CONTEXTS),
    ideology: z.enum(IDEOLOGIES),
    decision: z.enum(['confirmed', 'corrected', 'verified', 'referred', 'dismissed']),
    note: z.string().max(5000).optional(),
  });
  app.post(
    '/api/v1/items/:id/reviews',
    { config: { role: 'analyst' }, schema: { params: id, body: ReviewBody } },
    async (req) => {
      const item = await store.items.getItem(req.params.id);
      if (!item) throw new VigilError('NOT_FOUND', `no item ${req.params.id}`);
      const reviewer = req.user?.username ?? '';
      if (req.body.decision === 'referred' && deps.fourEyes) {
        const earlier = await store.reviews.forItem(item.id);
        if (
          !earlier.some(
            (r) => r.reviewer !== reviewer && (r.decision === 'verified' || r.decision === 'confirmed'),
          )
        ) {
          throw new VigilError(
            'CONFLICT',
            'four-eyes: another analyst must confirm or verify this item before it is referred',
          );
        }
      }
      // The decision is tied to the policy it applies: the legal basis of the labels it upholds.
      const policy = [...new Set(req.body.labels.flatMap((l) => LEGAL_BASIS[l]))].join('|') || 'none';
      // The decision and its audit row are stored in one transaction: both or neither.
      return store.reviews.add(
        {
          item_id: item.id,
          reviewer,
          labels: req.body.labels,
          context: req.body.context,
          ideology: req.body.ideology,
          decision: req.body.decision,
          policy,
          note: req.body.note ?? null,
          settles: settlesItem(req.body.decision, deps.fourEyes),
        },
        (review) => ({
          actor: reviewer,
          action: `review.${review.decision}`,
          target: `item:${review.item_id}`,
          details: {
            labels: review.labels,
            context: review.context,
            ideology: review.ideology,
            review_id: review.id,
          },
        }),
      );
    },
  );

  // --- hash lists ----------------------------------------------------------------------------
  app.get('/api/v1/banks', { config: { role: 'viewer' } }, async () => store.banks.listBanks());
  app.get(
    '/api/v1/banks/:name/signals',
    { config: { role: 'viewer' }, schema: { params: z.object({ name: z.string().max(200) }) } },
    async (req) => store.banks.listSignals(req.params.name),
  );
  app.post(
    '/api/v1/banks/:name/signals',
    {
      config: { role: 'analyst' },
      schema: {
        params: z.object({ name: z.string().min(1).max(200) }),
        body: z.object({
          content: z.string().max(10_000_000),
          format: z.enum(['csv', 'lines']).default('csv'),
        }),
      },
    },
    async (req) => {
      const { signals, errors } = parseBank(req.body.content, req.body.format, 'upload');
      const added = await store.banks.addSignals(
        req.params.name,
        signals.map((s) => ({ ...s, provenance: `api:${req.user?.username}` })),
      );
      await audit(req.user?.username ?? '', 'bank.import', `bank:${req.params.name}`, {
        added,
        errors: errors.length,
      });
      return { new: added, duplicates: signals.length - added, errors };
    },
  );
  app.post(
    '/api/v1/signals/:id/false-positive',
    {
      config: { role: 'analyst' },
      schema: { params: id, body: z.object({ value: z.boolean().default(true) }) },
    },
    async (req) => {
      if (!(await store.banks.setFalsePositive(req.params.id, req.body.value)))
        throw new VigilError('NOT_FOUND', `no signal ${req.params.id}`);
      await audit(
        req.user?.username ?? '',
        req.body.value ? 'signal.false_positive' : 'signal.restore',
        `signal:${req.params.id}`,
      );
      return { ok: true };
    },
  );

  // --- exports and reports -------------------------------------------------------------------
  app.get(
    '/api/v1/exports/referrals',
    {
      config: { role: 'analyst' },
      schema: { querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }) },
    },
    async (req, reply) => {
      const rows = await referrals(store);
      await audit(req.user?.username ?? '', 'export.referrals', 'referrals', {
        format: req.query.format,
        rows: rows.length,
      });
      if (req.query.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="vigil-referrals.csv"')
          .send(referralsCsv(rows));
      return rows;
    },
  );
  app.get('/api/v1/exports/training', { config: { role: 'analyst' } }, async (req, reply) => {
    await audit(req.user?.username ?? '', 'export.training', 'reviews');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="vigil-reviews.csv"')
      .send(await trainingCsv(store));
  });
  app.get(
    '/api/v1/reports/transparency',
    {
      config: { role: 'viewer' },
      schema: {
        querystring: z.object({
          from: z.string().max(40).default('1970-01-01'),
          to: z.string().max(40).default('9999-12-31'),
          format: z.enum(['json', 'html']).default('json'),
        }),
      },
    },
    async (req, reply) => {
      const report = await transparencyReport(store, req.query.from, req.query.to);
      if (req.query.format === 'html')
        return reply.type('text/html; charset=utf-8').send(transparencyHtml(report));
      return report;
    },
  );

  // --- audit, users, tokens ------------------------------------------------------------------
  app.get('/api/v1/audit', { config: { role: 'admin' } }, async () => store.audit.list(500));
  app.get('/api/v1/audit/verify', { config: { role: 'admin' } }, async () => store.audit.verify());
  app.post(
    '/api/v1/users',
    {
      config: { role: 'admin' },
      schema: {
        body: z.object({
          username: z
            .string()
            .min(1)
            .max(100)
            .regex(/^[\w.@-]+$/),
          role: z.enum(ROLES as ['viewer', 'analyst', 'admin']),
          password: z.string().min(10).max(500),
        }),
      },
    },
    async (req) => {
      if (await store.users.byName(req.body.username))
        throw new VigilError('CONFLICT', `user ${req.body.username} exists`);
      const userId = await store.users.create(
        req.body.username,
        req.body.role,
        await hashPassword(req.body.password),
        { actor: req.user?.username ?? '' },
      );
      return { id: userId, username: req.body.username, role: req.body.role };
    },
  );
  app.get('/api/v1/users', { config: { role: 'admin' } }, async () => store.users.list());
  app.post(
    '/api/v1/tokens',
    { config: { role: 'analyst' }, schema: { body: z.object({ name: z.string().min(1).max(100) }) } },
    async (req) => {
      const token = newToken();
      const tokenId = await store.users.createToken(req.user?.id ?? 0, req.body.name, tokenHash(token));
      await audit(req.user?.username ?? '', 'token.create', `token:${tokenId}`, { name: req.body.name });
      // Shown once: only its hash is kept.
      return { id: tokenId, name: req.body.name, token };
    },
  );
}
