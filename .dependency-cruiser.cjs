/**
 * The direction of imports (README, "Architecture"): scripts → main → bootstrap → http / bot / transports →
 * services → repositories (src/db) → entities. Platforms sit beside services: services get platform capabilities
 * through the small interfaces in src/platforms/types.ts, never a platform's internals. `npm run lint:deps` (in
 * .ci/run) fails the build on any arrow below.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'bot-not-to-db',
      comment: 'Chat commands call services; they never touch repositories, entities or SQL.',
      severity: 'error',
      from: { path: '^src/bot/' },
      to: { path: '^(src/db/|entities/)' },
    },
    {
      name: 'services-not-to-edges',
      comment: 'Services are plain TS: no Koa routes, no chat code, no transports.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(http|bot|transports)/' },
    },
    {
      name: 'services-not-to-platform-internals',
      comment: 'Services reach a platform only through the interfaces of src/platforms/types.ts (and escape.ts for user text), which they receive; never media, tokens, markdown dialects or fonts.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/platforms/', pathNot: '^src/platforms/(types|escape)\.ts$' },
    },
    {
      name: 'migrations-frozen',
      comment: 'A migration is a frozen snapshot: it imports nothing from live domain code.',
      severity: 'error',
      from: { path: '^src/db/migrations/' },
      to: { path: '^src/(services|bot|http|platforms|transports)/' },
    },
    {
      name: 'db-not-to-domain',
      comment: 'Repositories know entities and TypeORM, not services or chat.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(services|bot|http|platforms|transports)/' },
    },
    {
      name: 'entities-are-data',
      comment: 'Entities hold data, not workflows.',
      severity: 'error',
      from: { path: '^entities/' },
      to: { path: '^src/' },
    },
    {
      name: 'no-circular',
      comment: 'Data flows one way; a circle means two rooms own one thing.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
