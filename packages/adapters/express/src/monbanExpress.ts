import type { Monban } from '@monban/core';
import {
  AdapterRequest,
  createMonbanHttp,
  type MonbanHttp,
  type MonbanHttpOptions,
  serializeSetCookie,
} from '@monban/http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Reads the raw body up to `limit` bytes; `null` when it is larger. */
function readRaw(req: Request, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Uint8Array) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Read only by rate-limited routes: Express computes it (trust proxy) on each access. */
const readIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * Options of {@link monbanExpress}: the Monban service with the options of `createMonbanHttp`
 * (`tenant`, `csrf`, `cookie`...), or, alone, an HTTP layer already made by `createMonbanHttp`
 * (to share one layer between several mounts or frameworks).
 *
 * @example
 * ```ts
 * import type { MonbanExpressOptions } from '@monban/express';
 *
 * const options: MonbanExpressOptions = {
 *   monban,
 *   tenant: 'daiwa',
 *   csrf: { allowedOrigins: ['https://portal.example.jp'], secret: process.env.CSRF_SECRET },
 * };
 * app.use('/auth', monbanExpress(options));
 * ```
 */
export type MonbanExpressOptions = ({ monban: Monban } & MonbanHttpOptions) | { http: MonbanHttp };

/** The HTTP layer the options name or make; a `TypeError` for anything else. */
function layerOf(options: MonbanExpressOptions): MonbanHttp {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('monbanExpress: options are required: { monban, tenant, ... } or { http }');
  }
  if ('http' in options) {
    const extra = Object.keys(options).filter((key) => key !== 'http');
    if (extra.length > 0) {
      throw new TypeError(
        `monbanExpress: options.http takes no HTTP options (${extra.join(', ')} given too): they belong to createMonbanHttp`,
      );
    }
    if (typeof options.http?.handle !== 'function') {
      throw new TypeError('monbanExpress: options.http must be made by createMonbanHttp');
    }
    return options.http;
  }
  // A layer passed as the options themselves (it has a `monban` too): the old call.
  if (typeof (options as Partial<MonbanHttp>).handle === 'function') {
    throw new TypeError('monbanExpress: pass a ready HTTP layer as { http }');
  }
  if (!('monban' in options)) {
    throw new TypeError(
      'monbanExpress: options.monban (createMonban) or options.http (createMonbanHttp) is required',
    );
  }
  const { monban, ...httpOptions } = options;
  return createMonbanHttp(monban, httpOptions);
}

/**
 * Express 5 middleware answering Monban's JSON API under its mount path. Express is used as
 * types only; mount it with `app.use`. Bodies are read and parsed strictly by `@monban/http`
 * (a body already parsed by `express.json()` is accepted too). Wrong options throw a
 * `TypeError` here, when the application starts.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { monbanExpress } from '@monban/express';
 *
 * const app = express();
 * app.set('trust proxy', 1); // behind a TLS proxy: req.secure and req.ip are right
 * app.use('/auth', monbanExpress({ monban, tenant: 'daiwa' }));
 * app.listen(3000);
 * ```
 *
 * @example One HTTP layer, made once, served by this middleware
 * ```ts
 * import { createMonbanHttp } from '@monban/http';
 *
 * const http = createMonbanHttp(monban, { tenant: 'daiwa' });
 * app.use('/auth', monbanExpress({ http }));
 * ```
 */
export function monbanExpress(options: MonbanExpressOptions): RequestHandler {
  const http = layerOf(options);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const request = new AdapterRequest(req.method, req.url, req.headers, req.secure, req, readIp);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        if (req.body !== undefined || req.readableEnded) {
          request.body = req.body;
        } else {
          const raw = await readRaw(req, http.bodyLimitBytes);
          if (raw === null) request.bodyTooLarge = true;
          else request.body = raw;
        }
      }
      const response = await http.handle(request);
      res.status(response.status);
      for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
      if (response.cookies.length > 0) {
        res.setHeader('set-cookie', response.cookies.map(serializeSetCookie));
      }
      res.end(response.body);
    } catch (error) {
      next(error);
    }
  };
}
