import type { RouteDef } from './context.js';

const NO_PARAMS: Record<string, string> = Object.freeze({});

/** A route of the table with its path as a pattern (`{name}` is one segment). */
interface CompiledRoute {
  def: RouteDef;
  pattern: RegExp;
  names: string[];
}

const compile = (def: RouteDef): CompiledRoute => {
  const names: string[] = [];
  const source = def.path
    .split('/')
    .map((part) => {
      const param = /^\{(\w+)\}$/.exec(part);
      if (param) {
        names.push(param[1] as string);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { def, pattern: new RegExp(`^${source}$`), names };
};

/** A route whose path matches the request's. */
export class RouteMatch {
  constructor(
    private readonly route: CompiledRoute,
    private readonly match: RegExpExecArray | null,
  ) {}

  get def(): RouteDef {
    return this.route.def;
  }

  /** The path parameters, percent-decoded (a value that does not decode is left as sent). */
  params(): Record<string, string> {
    const names = this.route.names;
    if (names.length === 0) return NO_PARAMS;
    const params: Record<string, string> = {};
    for (let i = 0; i < names.length; i++) {
      let value = this.match?.[i + 1] ?? '';
      try {
        value = decodeURIComponent(value);
      } catch {
        // Left as sent: it will match nothing.
      }
      params[names[i] as string] = value;
    }
    return params;
  }
}

/** No route: none at the path (404), or none of the method there (405, with the methods). */
export type RouteMiss = { code: 'ROUTE_NOT_FOUND' } | { code: 'METHOD_NOT_ALLOWED'; allow: string };

/**
 * The route lookup of a table. The matches of every literal route path are found once, here (in
 * table order, patterns included: GET /step-up/password is /step-up/{action}); other paths try
 * the patterns only. The first match of the request's method wins.
 */
export function createRouter(
  routes: readonly RouteDef[],
): (path: string, method: string) => RouteMatch | RouteMiss {
  const compiled = routes.map(compile);
  const scan = (among: readonly CompiledRoute[], path: string): RouteMatch[] => {
    const out: RouteMatch[] = [];
    for (const route of among) {
      const match = route.pattern.exec(path);
      if (match !== null) out.push(new RouteMatch(route, match));
    }
    return out;
  };
  const patterned = compiled.filter((route) => route.names.length > 0);
  const exact = new Map<string, RouteMatch[]>();
  for (const route of compiled) {
    if (route.names.length === 0 && !exact.has(route.def.path)) {
      exact.set(route.def.path, scan(compiled, route.def.path));
    }
  }
  return (path, method) => {
    const candidates = exact.get(path) ?? scan(patterned, path);
    if (candidates.length === 0) return { code: 'ROUTE_NOT_FOUND' };
    for (const candidate of candidates) {
      if (candidate.def.method === method) return candidate;
    }
    const allow = [...new Set(candidates.map((c) => c.def.method))].join(', ');
    return { code: 'METHOD_NOT_ALLOWED', allow };
  };
}
