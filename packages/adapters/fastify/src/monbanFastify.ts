import type { Monban } from '@monban/core';
import {
  AdapterRequest,
  createMonbanHttp,
  type HttpResponse,
  type MonbanHttp,
  type MonbanHttpOptions,
  serializeSetCookie,
} from '@monban/http';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Options of {@link monbanFastify}: the Monban service with the options of `createMonbanHttp`
 * (`tenant`, `csrf`, `cookie`...), or an HTTP layer already made by `createMonbanHttp` (to share
 * one layer between several mounts or frameworks); with either, Fastify's `prefix`.
 *
 * @example
 * ```ts
 * import type { MonbanFastifyOptions } from '@monban/fastify';
 *
 * const options: MonbanFastifyOptions = {
 *   monban,
 *   prefix: '/auth',
 *   tenant: 'daiwa',
 *   csrf: { allowedOrigins: ['https://portal.example.jp'], secret: process.env.CSRF_SECRET },
 * };
 * await app.register(monbanFastify, options);
 * ```
 */
export type MonbanFastifyOptions =
  | ({ monban: Monban; prefix?: string } & MonbanHttpOptions)
  | { http: MonbanHttp; prefix?: string };

/** Fastify's own register options, which reach the plugin with the others. */
const REGISTER_OPTIONS = new Set(['prefix', 'logLevel', 'logSerializers']);

/** The HTTP layer the options name or make; a `TypeError` for anything else. */
function layerOf(options: MonbanFastifyOptions): MonbanHttp {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('monbanFastify: options are required: { monban, tenant, ... } or { http }');
  }
  if ('http' in options) {
    const extra = Object.keys(options).filter(
      (key) => key !== 'http' && !REGISTER_OPTIONS.has(key),
    );
    if (extra.length > 0) {
      throw new TypeError(
        `monbanFastify: options.http takes no HTTP options (${extra.join(', ')} given too): they belong to createMonbanHttp`,
      );
    }
    if (typeof options.http?.handle !== 'function') {
      throw new TypeError('monbanFastify: options.http must be made by createMonbanHttp');
    }
    return options.http;
  }
  // A layer passed as the options themselves (it has a `monban` too): the old call.
  if (typeof (options as Partial<MonbanHttp>).handle === 'function') {
    throw new TypeError('monbanFastify: pass a ready HTTP layer as { http }');
  }
  if (!('monban' in options)) {
    throw new TypeError(
      'monbanFastify: options.monban (createMonban) or options.http (createMonbanHttp) is required',
    );
  }
  const { monban, ...rest } = options;
  const httpOptions: Record<string, unknown> = { ...rest };
  for (const key of REGISTER_OPTIONS) delete httpOptions[key];
  return createMonbanHttp(monban, httpOptions as unknown as MonbanHttpOptions);
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Read only by rate-limited routes: Fastify computes it (trustProxy) on each access. */
const readIp = (req: FastifyRequest): string => req.ip;

const toRequest = (req: FastifyRequest, prefixLength: number) =>
  new AdapterRequest(
    req.method,
    req.url.slice(prefixLength) || '/',
    req.headers,
    req.protocol === 'https',
    req,
    readIp,
  );

function send(reply: FastifyReply, response: HttpResponse): FastifyReply {
  reply.code(response.status);
  reply.headers(response.headers);
  if (response.cookies.length > 0) {
    reply.header('set-cookie', response.cookies.map(serializeSetCookie));
  }
  return reply.send(response.body);
}

/**
 * Fastify 5 plugin answering Monban's JSON API under its prefix. Fastify is used as types only.
 * The plugin parses bodies itself (strict JSON, size limit) in its own encapsulated context, so
 * the application's content-type parsers are untouched. Wrong options throw a `TypeError` when
 * the plugin is registered.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { monbanFastify } from '@monban/fastify';
 *
 * const app = Fastify({ trustProxy: true });
 * await app.register(monbanFastify, { monban, tenant: 'daiwa', prefix: '/auth' });
 * await app.listen({ port: 3000 });
 * ```
 *
 * @example One HTTP layer, made once, served by this plugin
 * ```ts
 * import { createMonbanHttp } from '@monban/http';
 *
 * const http = createMonbanHttp(monban, { tenant: 'daiwa' });
 * await app.register(monbanFastify, { http, prefix: '/auth' });
 * ```
 */
export const monbanFastify: FastifyPluginAsync<MonbanFastifyOptions> = async (
  fastify: FastifyInstance,
  options: MonbanFastifyOptions,
) => {
  const http = layerOf(options);
  const prefixLength = fastify.prefix.length;
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: http.bodyLimitBytes },
    (_req, body, done) => done(null, body),
  );
  fastify.setErrorHandler(async (error, req, reply) => {
    const request = toRequest(req, prefixLength);
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      request.bodyTooLarge = true;
    } else {
      // Any other refusal of the body by Fastify (bad Content-Length...): an unreadable body.
      request.body = new Uint8Array([0xff]);
    }
    return send(reply, await http.handle(request));
  });
  // Neither async nor returning the layer's promise: the answer is sent from that promise's own
  // reaction, and Fastify, given undefined, waits for reply.send instead of chaining a reaction
  // of its own onto the promise (one promise and one microtask fewer per request). The layer
  // never rejects; a failure while sending goes to reply.send(error), the error handler above,
  // as a rejection of the returned promise would.
  const handler = (req: FastifyRequest, reply: FastifyReply): void => {
    const request = toRequest(req, prefixLength);
    if (req.method !== 'GET' && req.method !== 'HEAD') request.body = req.body;
    http.handle(request).then((response) => {
      try {
        send(reply, response);
      } catch (error) {
        reply.send(error);
      }
    });
  };
  fastify.route({ method: [...METHODS], url: '/', handler });
  fastify.route({ method: [...METHODS], url: '/*', handler });
};
