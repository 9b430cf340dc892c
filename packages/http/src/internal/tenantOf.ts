import type { Monban } from '@monban/core';
import type { HttpRequest, TenantResolver } from '../types.js';
import { headerOf } from './headerOf.js';

/** The tenant of a request (`null` when none is found there) and the path below it. */
export interface RequestTenant {
  tenantId: string | null;
  path: string;
}

/**
 * Checks `options.tenant` against the service's tenants (an unknown one throws `TypeError`) and
 * returns how a request's tenant is found: the fixed tenant, the `Host` header's, the first path
 * segment (percent-decoded, and cut off the path), or the application's function.
 */
export function tenantOf(
  monban: Monban,
  resolver: TenantResolver,
): (request: HttpRequest, pathname: string) => Promise<RequestTenant> {
  if (typeof resolver === 'string' && !monban.tenants.has(resolver)) {
    throw new TypeError(`createMonbanHttp: unknown tenant "${resolver}"`);
  }
  if (typeof resolver === 'object' && 'hosts' in resolver) {
    for (const [host, id] of Object.entries(resolver.hosts)) {
      if (!monban.tenants.has(id)) {
        throw new TypeError(`createMonbanHttp: host "${host}" names unknown tenant "${id}"`);
      }
    }
  }
  return async (request, pathname) => {
    if (typeof resolver === 'string') return { tenantId: resolver, path: pathname };
    if (typeof resolver === 'function') {
      return { tenantId: await resolver(request), path: pathname };
    }
    if ('hosts' in resolver) {
      const host = (headerOf(request, 'host') ?? '').toLowerCase();
      const id = Object.hasOwn(resolver.hosts, host) ? resolver.hosts[host] : undefined;
      return { tenantId: id ?? null, path: pathname };
    }
    // `/{tenant}` or `/{tenant}/...`.
    const slash = pathname.indexOf('/', 1);
    const segment = slash === -1 ? pathname.slice(1) : pathname.slice(1, slash);
    if (!pathname.startsWith('/') || segment === '') return { tenantId: null, path: pathname };
    let id: string;
    try {
      id = decodeURIComponent(segment);
    } catch {
      return { tenantId: null, path: pathname };
    }
    return { tenantId: id, path: slash === -1 ? '/' : pathname.slice(slash) };
  };
}
