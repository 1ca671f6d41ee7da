import { randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import client from 'prom-client';
import type { Detector } from '../analyze/detector.js';
import { errorEnvelope, VigilError } from '../domain/index.js';
import type { PipelineStatus } from '../pipeline/jetstream/status.js';
import { hashPassword, tokenHash } from '../shared/credentials.js';
import { projectRoot } from '../shared/paths.js';
import type { Store } from '../store/store.js';
import type { Role, UserRecord } from '../store/workspace-repositories.js';
import { hasRole } from './auth.js';
import { registerPipelineMetrics } from './pipeline-metrics.js';
import { requestLogger } from './request-logger.js';
import { registerRoutes } from './routes/api.js';
import { registerMediaRoutes } from './routes/media.js';

export interface AppOptions {
  store: Store;
  detector: Detector;
  /** Require a second analyst's verification before a referral. */
  fourEyes?: boolean;
  /** Serve the built UI from this folder (default: dist/web when built). */
  webRoot?: string | null;
  /** Always mark the session cookie Secure. */
  secureCookies?: boolean;
  /**
   * Behind a reverse proxy: the client's address and scheme come from X-Forwarded-For/-Proto, and
   * the cookie is Secure whenever the proxy says the request came over https.
   */
  trustProxy?: boolean;
  /** Who may read /metrics: anyone, or a bearer of `token` (when set) and any signed-in user. */
  metrics?: 'public' | { token: string | null };
  /** JSON logs on stderr (default silent: tests and embedding). */
  logLevel?: LogLevel;
  /** Under the scaled preset: the pipeline's state, exported on /metrics. */
  pipelineStatus?: () => Promise<PipelineStatus>;
  /** The data folder: item pages show images only from inside it (default: none are shown). */
  mediaRoot?: string | null;
}

export const LOG_LEVELS: readonly string[] = ['info', 'warn', 'error', 'silent'];
export type LogLevel = 'info' | 'warn' | 'error' | 'silent';

declare module 'fastify' {
  interface FastifyRequest {
    user: UserRecord | null;
    csrf: string | null;
    viaToken: boolean;
  }
  interface FastifyContextConfig {
    /** The least role a route needs; absent means public. */
    role?: Role;
  }
}

export const SESSION_COOKIE = 'vigil_session';

/**
 * Hostile content is rendered as text by the UI; the policy below also forbids inline script,
 * plugins and framing, so a payload that slipped through could not run.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** The HTTP API and the analyst UI. Built in-process for tests (`app.inject`) and served by `vigil serve`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: requestLogger(options.logLevel ?? 'silent'),
    // Ids are made here, never taken from a header a client controls.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: options.trustProxy ?? false,
    // One line a request, written when it completes (below), instead of two.
    disableRequestLogging: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Vigil API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: 'vigil_http_requests_total',
    help: 'HTTP requests',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new client.Histogram({
    name: 'vigil_http_request_seconds',
    help: 'HTTP request latency',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.3, 1, 3],
    registers: [registry],
  });

  if (options.pipelineStatus) registerPipelineMetrics(registry, options.pipelineStatus);

  app.decorateRequest('user', null);
  app.decorateRequest('csrf', null);
  app.decorateRequest('viaToken', false);

  app.addHook('onRequest', async (req) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.user = await options.store.users.tokenUser(tokenHash(auth.slice(7).trim()));
      req.viaToken = req.user !== null;
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) {
      const s = await options.store.users.session(tokenHash(cookie));
      if (s) {
        req.user = s.user;
        req.csrf = s.csrf;
      }
    }
  });

  app.addHook('preHandler', async (req) => {
    const role = req.routeOptions.config.role;
    if (!role) return;
    if (!req.user) throw new VigilError('UNAUTHENTICATED', 'sign in or send an API token');
    if (!hasRole(req.user.role, role)) throw new VigilError('FORBIDDEN', `this needs the ${role} role`);
    // Cookie sessions must prove the request came from Vigil's own page.
    if (
      !req.viaToken &&
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      req.headers['x-csrf-token'] !== req.csrf
    ) {
      throw new VigilError('CSRF', 'missing or wrong X-CSRF-Token header');
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    req.log.info(
      { method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
    latency.observe({ route }, reply.elapsedTime / 1000);
  });

  app.setErrorHandler((error: unknown, req: FastifyRequest, reply: FastifyReply) => {
    // A user's error is answered with its message; a server-side one (status 500) falls through
    // to the generic answer below, its details kept out of the response.
    if (error instanceof VigilError && error.status < 500)
      return reply.status(error.status).send(errorEnvelope(error.code, error.message));
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      return reply
        .status(400)
        .send(
          errorEnvelope(
            'BAD_REQUEST',
            `${error.validationContext ?? 'request'}${issue?.instancePath ?? ''}: ${issue?.message ?? 'invalid'}`,
          ),
        );
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500)
      return reply.status(status).send(errorEnvelope('BAD_REQUEST', (error as Error).message));
    // The error's type only: a message can quote the content or the query that caused it.
    req.log.error(
      { err: { type: (error as Error)?.name, code: (error as { code?: unknown })?.code } },
      'internal error',
    );
    return reply.status(500).send(errorEnvelope('INTERNAL', 'internal error'));
  });

  app.get('/healthz', async () => ({ ok: true }));
  const metrics = options.metrics ?? { token: null };
  app.get('/metrics', async (req, reply) => {
    if (metrics !== 'public' && !req.user && !bearerMatches(req.headers.authorization, metrics.token))
      throw new VigilError('UNAUTHENTICATED', 'metrics need a signed-in user or the metrics token');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  app.get('/api/openapi.json', async () => app.swagger());

  await registerRoutes(app, {
    store: options.store,
    detector: options.detector,
    fourEyes: options.fourEyes ?? false,
    secureCookies: options.secureCookies ?? false,
    // Checked against when the user does not exist, so sign-in takes as long either way.
    unknownUserHash: await hashPassword(randomUUID()),
    mediaRoot: options.mediaRoot ?? null,
  });
  await registerMediaRoutes(app, { browse: options.store.browse, mediaRoot: options.mediaRoot ?? null });

  const webRoot = options.webRoot === undefined ? join(projectRoot(), 'dist/web') : options.webRoot;
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'] });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET')
        return reply
          .status(404)
          .send(errorEnvelope('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`));
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.status(404).send(errorEnvelope('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`)),
    );
  }
  return app;
}

/** Compares a bearer header with the configured token without leaking where they differ. */
function bearerMatches(header: string | undefined, token: string | null): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  // Compared as digests: equal length, so timingSafeEqual applies whatever was sent.
  return timingSafeEqual(Buffer.from(tokenHash(header.slice(7).trim())), Buffer.from(tokenHash(token)));
}
