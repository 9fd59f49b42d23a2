import { context as otelContext, type Context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { tracingEnabled } from '../tracing/tracing-state';
import type { PinoLoggerService } from './pino-logger.service';
import { type RequestContext, runWithRequestContext } from './request-context';

interface RequestState {
  context: RequestContext;
  span?: Span;
  spanContext?: Context;
}

const QUIET_ROUTES = /^\/(health|metrics)/;

export interface RequestLoggingOptions {
  /** Puts the request id in the async context (LOG_REQUEST_CONTEXT), for every line logged while serving it. */
  requestContext?: boolean;
}

/**
 * One log line per response (request id, method, route pattern, status, latency, and the
 * provider and model when the gateway answered) and, with tracing on, one server span per
 * request. With `requestContext`, the request id is in the async context from the first hook
 * on, so every line logged while serving the request carries it; without it (and without
 * tracing) no async context is entered at all: on Node 20 that alone costs every promise a hook.
 */
export function installRequestLogging(fastify: FastifyInstance, logger: PinoLoggerService, options: RequestLoggingOptions = {}): void {
  fastify.addHook('onResponse', accessLogHook(logger));
  if (!options.requestContext && !tracingEnabled()) return;
  const states = new WeakMap<FastifyRequest, RequestState>();
  const withContext = options.requestContext === true;

  // Re-entered before the handler: body parsing may run the rest in another async context.
  const enter = (request: FastifyRequest, done: HookHandlerDoneFunction, state: RequestState) => {
    const run = withContext ? () => runWithRequestContext(state.context, done) : done;
    if (state.spanContext) otelContext.with(state.spanContext, run);
    else run();
  };

  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const state: RequestState = { context: { requestId: String(request.id) } };
    if (tracingEnabled()) {
      state.span = trace.getTracer('llmgw').startSpan(`${request.method} ${request.routeOptions.url ?? 'unmatched'}`, {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'url.path': request.url.split('?', 1)[0], 'llmgw.request_id': String(request.id) },
      });
      state.spanContext = trace.setSpan(otelContext.active(), state.span);
    }
    states.set(request, state);
    enter(request, done, state);
  });

  fastify.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const state = states.get(request);
    if (state) enter(request, done, state);
    else done();
  });

  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const span = states.get(request)?.span;
    if (span) {
      const route = request.routeOptions.url ?? 'unmatched';
      span.setAttributes({ 'http.route': route, 'http.response.status_code': reply.statusCode });
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}

function accessLogHook(logger: PinoLoggerService) {
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const route = request.routeOptions.url ?? 'unmatched';
    // A streaming handler may write its headers on the raw response.
    const provider = reply.getHeader('x-llmgw-provider') ?? reply.raw.getHeader('x-llmgw-provider');
    const model = reply.getHeader('x-llmgw-model') ?? reply.raw.getHeader('x-llmgw-model');
    // Probes and scrapes every few seconds would drown the useful lines.
    const level = QUIET_ROUTES.test(route) ? 'debug' : 'info';
    if (logger.pino.isLevelEnabled(level)) {
      // Straight to pino, past the masker: every field here is ours (ids, the route pattern, never the URL).
      logger.pino[level](
        {
          context: 'Http',
          requestId: String(request.id),
          method: request.method,
          route,
          status: reply.statusCode,
          latencyMs: Math.round(reply.elapsedTime * 10) / 10,
          ...(typeof provider === 'string' ? { provider } : {}),
          ...(typeof model === 'string' ? { model } : {}),
        },
        'request completed',
      );
    }
    done();
  };
}
