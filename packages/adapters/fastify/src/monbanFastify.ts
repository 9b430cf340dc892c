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

/** Options of {@link monbanFastify}: a ready `http` layer, or `monban` plus its options. */
export type MonbanFastifyOptions =
  | { http: MonbanHttp; prefix?: string }
  | ({ monban: Monban; prefix?: string } & MonbanHttpOptions);

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
 * the application's content-type parsers are untouched.
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
 */
export const monbanFastify: FastifyPluginAsync<MonbanFastifyOptions> = async (
  fastify: FastifyInstance,
  options: MonbanFastifyOptions,
) => {
  const http =
    'http' in options
      ? options.http
      : (() => {
          const { monban, prefix: _prefix, ...rest } = options;
          return createMonbanHttp(monban, rest);
        })();
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
