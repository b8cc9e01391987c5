/* global module */

// Layer boundaries checked by `npm run lint` (depcruise apps libs). Every rule is an error: a boundary that only
// warns is a boundary that erodes.

const SPEC_FILE = '\\.(?:spec|e2e-spec|int-spec)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment:
        'The domain model is plain TypeScript: no framework, no npm package, no Node built-in, so its rules read ' +
        'and test the same whatever carries them.',
      from: { path: '^libs/domain/', pathNot: SPEC_FILE },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'domain-specs-import-only-vitest',
      severity: 'error',
      comment:
        'Domain specs test the domain with the test runner alone, no Nest testing module or database; property ' +
        'tests draw their inputs with fast-check.',
      from: { path: `^libs/domain/.+${SPEC_FILE}` },
      to: { pathNot: ['^libs/domain/', '(^|/)node_modules/vitest/', '(^|/)node_modules/fast-check/'] },
    },
    {
      name: 'no-app-imports-another-app',
      severity: 'error',
      comment:
        'Layers talk to each other over HTTP only, so each can be deployed alone. The gateway, the embedded ' +
        'composition root, is the one exception (see gateway-imports-app-entry-points).',
      from: { path: '^apps/([^/]+)/', pathNot: ['^apps/gateway/', '^apps/[^/]+/test/'] },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'app-tests-start-apps-through-entry-points',
      severity: 'error',
      comment:
        "A layer's tests may start the layers it calls and the sandbox, the stand-in for the outside world, so " +
        'they exercise the real HTTP contracts; only through their entry points (src/index.ts), never their insides.',
      from: { path: '^apps/([^/]+)/test/', pathNot: '^apps/gateway/' },
      to: { path: '^apps/', pathNot: ['^apps/$1/', '^apps/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'gateway-imports-app-entry-points',
      severity: 'error',
      comment:
        "The gateway composes the layers through each app's public entry point (src/index.ts), never its insides.",
      from: { path: '^apps/gateway/' },
      to: { path: '^apps/(?!gateway/)[^/]+/', pathNot: '^apps/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'no-app-imports-sandbox',
      severity: 'error',
      comment:
        'The sandbox stands in for the outside world (ERP, dispatch platforms); the layers reach it over HTTP like ' +
        'the real thing. Only the embedded gateway hosts it.',
      from: { path: '^apps/', pathNot: ['^apps/(?:gateway|sandbox)/', '^apps/[^/]+/test/'] },
      to: { path: '^apps/sandbox/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      comment: 'Libraries are shared by every app; an import back into an app would couple them all to it.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'experience-never-touches-persistence',
      severity: 'error',
      comment: 'The experience layer owns no data: it reads everything from the process layer over HTTP.',
      from: { path: '^apps/experience-api/' },
      to: { path: ['^libs/persistence/', '(^|/)node_modules/(?:typeorm|@nestjs/typeorm)/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Modules in a cycle cannot be understood, tested or moved one at a time. A cycle made only of TypeORM ' +
        'entities is allowed: both sides of a relation name each other, lazily, through `Relation<T>`.',
      from: {},
      to: { circular: true, via: { pathNot: '\\.entity\\.ts$' } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import dependency-cruiser cannot resolve would slip past every rule above; fix the import or the ' +
        'resolution options.',
      // Worker scripts under test fixtures run the built output (dist/), which a lint before the build cannot see.
      from: { pathNot: '/test/fixtures/.+\\.mjs$' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['es6', 'cjs'],
    // Type-only imports count too: `import type` from a framework still ties the domain to it.
    tsPreCompilationDeps: true,
    // Resolves the `@lanegate/*` path aliases. Relative ESM imports name `.js` files; dependency-cruiser maps those
    // to the `.ts` sources the way tsc does (its 17.x schema has no `extensionAlias` option, nor needs one).
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
