import type { Options } from 'tsup';
import { monbanTsup } from '../../tsup.base';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * In the CommonJS build, `vitest` is required on first use instead of at load: Vitest refuses
 * `require('vitest')` outright, so an eager require would make `require('@monban/test-utils')`
 * throw even for the helpers that never touch Vitest (record builders, the manual clock, the test
 * factor, the software authenticator). The conformance suite and `walkFirstLogin` still need
 * Vitest, which runs test files as ES modules and so loads the ESM build.
 */
const lazyVitestInCjs: Plugin = {
  name: 'lazy-vitest-in-cjs',
  setup(build) {
    // With `treeshake`, tsup runs esbuild in ESM for both builds and converts afterwards.
    const cjs = build.initialOptions.outExtension?.['.js'] === '.cjs';
    build.onResolve({ filter: /^vitest$/ }, (args) =>
      cjs && args.namespace !== 'lazy-vitest'
        ? { path: 'vitest', namespace: 'lazy-vitest' }
        : { path: 'vitest', external: true },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-vitest' }, () => ({
      loader: 'js',
      contents: `
let vitest;
const load = () => (vitest ??= require('vitest'));
const lazy = (name) =>
  new Proxy(function () {}, {
    apply: (_target, self, args) => Reflect.apply(load()[name], self, args),
    get: (_target, key) => load()[name][key],
  });
export const afterEach = lazy('afterEach');
export const beforeEach = lazy('beforeEach');
export const describe = lazy('describe');
export const expect = lazy('expect');
export const it = lazy('it');
`,
    }));
  },
};

// `noExternal` only hands `vitest` to the plugin (tsup would mark the peer external first); the
// plugin keeps it external in both builds.
export default monbanTsup(
  { index: 'src/index.ts' },
  { noExternal: ['vitest'], esbuildPlugins: [lazyVitestInCjs] },
);
