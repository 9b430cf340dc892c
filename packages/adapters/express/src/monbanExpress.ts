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

const isHttp = (value: Monban | MonbanHttp): value is MonbanHttp =>
  typeof (value as MonbanHttp).handle === 'function';

/** Read only by rate-limited routes: Express computes it (trust proxy) on each access. */
const readIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * Express 5 middleware answering Monban's JSON API under its mount path. Express is used as
 * types only; mount it with `app.use`. Bodies are read and parsed strictly by `@monban/http`
 * (a body already parsed by `express.json()` is accepted too).
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { monbanExpress } from '@monban/express';
 *
 * const app = express();
 * app.set('trust proxy', 1); // behind a TLS proxy: req.secure and req.ip are right
 * app.use('/auth', monbanExpress(monban, { tenant: 'daiwa' }));
 * app.listen(3000);
 * ```
 */
export function monbanExpress(monban: MonbanHttp): RequestHandler;
export function monbanExpress(monban: Monban, options: MonbanHttpOptions): RequestHandler;
export function monbanExpress(
  monban: Monban | MonbanHttp,
  options?: MonbanHttpOptions,
): RequestHandler {
  const http = isHttp(monban) ? monban : createMonbanHttp(monban, options as MonbanHttpOptions);
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
