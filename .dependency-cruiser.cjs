/**
 * Dependencies point inward: apps → libs → domain. The domain imports no infrastructure, libs never
 * reach into apps, and apps never import each other.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain is pure TypeScript: no Nest, no I/O, no other lib.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: ['^libs/domain/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|dgram|cluster|worker_threads)$' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'event-store-below-platform',
      comment: 'The event store and database libs know nothing of Nest wiring or services.',
      severity: 'error',
      from: { path: '^libs/(event-store|database)/' },
      to: { path: '^libs/(platform|referrals|projections)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'production-code-not-importing-tests',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.(spec|int-spec|e2e-spec)\\.ts$', '/testing/'] },
      to: { path: ['\\.(spec|int-spec|e2e-spec)\\.ts$', '/testing/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|node_modules|data)/' },
  },
};
