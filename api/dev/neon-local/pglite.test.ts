import { describeMigrations } from '../../test/fidelity/migrations.ts';
import { describeFidelity, useTarget } from '../../test/fidelity/suite.ts';
import { describeListsMigration } from '../../test/fidelity/lists-migration.ts';
import { describeUuidMigration } from '../../test/fidelity/uuid-migration.ts';
import { startNeonLocal } from './index.ts';

// One in-memory PGlite for the whole file: starting the WASM Postgres is the slow part.
const server = useTarget(async () => {
  const server = await startNeonLocal({ backend: 'pglite', dataDir: 'memory', quiet: true });
  return { server, close: () => server.close() };
});

describeFidelity('PGlite (in memory)', server);
describeMigrations('PGlite (in memory)', server);
describeUuidMigration('PGlite (in memory)', server);
describeListsMigration('PGlite (in memory)', server);
