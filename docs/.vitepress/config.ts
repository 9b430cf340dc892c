import { defineConfig } from 'vitepress';
import apiSidebar from '../api/typedoc-sidebar.json' with { type: 'json' };

const packages = [
  ['@monban/policy', '/packages/policy'],
  ['@monban/core', '/packages/core'],
  ['@monban/totp', '/packages/totp'],
  ['@monban/webauthn', '/packages/webauthn'],
  ['@monban/email-otp', '/packages/email-otp'],
  ['@monban/http', '/packages/http'],
  ['@monban/express', '/packages/express'],
  ['@monban/fastify', '/packages/fastify'],
  ['@monban/memory', '/packages/memory'],
  ['@monban/postgres', '/packages/postgres'],
  ['@monban/redis', '/packages/redis'],
  ['@monban/argon2', '/packages/argon2'],
  ['@monban/smtp', '/packages/smtp'],
  ['@monban/test-utils', '/packages/test-utils'],
].map(([text, link]) => ({ text, link }));

export default defineConfig({
  title: 'Monban',
  description:
    'Framework-agnostic authentication building blocks for multi-tenant member portals: first login, MFA enrollment, step-up and recovery.',
  lang: 'en-US',
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  srcExclude: ['generated/**', 'examples/**', 'scripts/**'],
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Recipes', link: '/recipes/first-login/' },
      { text: 'Packages', link: '/packages/' },
      { text: 'Security', link: '/security' },
      { text: 'Error codes', link: '/reference/error-codes' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      '/api/': [{ text: 'API reference', link: '/api/', items: apiSidebar }],
      '/': [
        {
          text: 'Guide',
          items: [
            { text: 'Getting started', link: '/guide/getting-started' },
            { text: 'Concepts', link: '/guide/concepts' },
            { text: 'Production checklist', link: '/guide/production' },
          ],
        },
        {
          text: 'Recipes',
          items: [
            {
              text: "Reproduce each manual's first login",
              link: '/recipes/first-login/',
              collapsed: false,
              items: [
                { text: 'Daiwa', link: '/recipes/first-login/daiwa' },
                { text: 'Japan Steel Works', link: '/recipes/first-login/jsw' },
                { text: 'GS Yuasa', link: '/recipes/first-login/gs-yuasa' },
                { text: 'Kinki Denshi', link: '/recipes/first-login/kinki-denshi' },
                { text: 'Ajinomoto', link: '/recipes/first-login/ajinomoto' },
              ],
            },
            { text: 'Add passkeys to an Express app', link: '/recipes/express-passkeys' },
            { text: 'Fastify plugin', link: '/recipes/fastify' },
            { text: 'Protect your routes', link: '/recipes/protect-routes' },
            {
              text: 'PostgreSQL and Redis behind a load balancer',
              link: '/recipes/postgres-redis',
            },
            { text: 'Write your own storage adapter', link: '/recipes/storage-adapter' },
            { text: 'Customize messages and mails (ja/en)', link: '/recipes/messages' },
            { text: 'Offer recovery codes', link: '/recipes/recovery-codes' },
          ],
        },
        { text: 'Packages', link: '/packages/', collapsed: true, items: packages },
        {
          text: 'Reference',
          items: [
            { text: 'Security model', link: '/security' },
            { text: 'Benchmarks', link: '/benchmarks' },
            { text: 'Error codes', link: '/reference/error-codes' },
            { text: 'API reference', link: '/api/' },
          ],
        },
      ],
    },
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    footer: { message: 'MIT License' },
  },
});
