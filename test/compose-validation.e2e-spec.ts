import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { documentedVariablesIn, validateCompose, validateRepositoryDeployment } from '../scripts/compose-validation';

/** The deployment files as shipped, and broken copies of them: each must be rejected with its reason. */
const root = join(__dirname, '..');
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

type Compose = { services: Record<string, Record<string, unknown>> } & Record<string, unknown>;

/** The real file with anchors and merge keys resolved, as a fresh object to break. */
function realCompose(): Compose {
  return parse(composeText, { merge: true }) as Compose;
}

function errorsFor(compose: Compose): string[] {
  return validateCompose(stringify(compose));
}

describe('docker-compose.yml', () => {
  it('is valid: Compose schema, project rules, Dockerfile targets, documented variables', () => {
    expect(validateRepositoryDeployment(root)).toEqual([]);
  });

  it('is valid with the event store switched to PostgreSQL', () => {
    expect(validateCompose(composeText, { env: { EVENT_STORE: 'postgres' } })).toEqual([]);
  });

  it('defines the services of the distributed deployment, the apps built from the Dockerfile', () => {
    const { services } = realCompose();
    expect(Object.keys(services).sort()).toEqual(['eventstore', 'gateway', 'nats', 'postgres', 'projector', 'referrals']);
    for (const app of ['gateway', 'referrals', 'projector']) {
      expect(services[app].build).toEqual({ context: '.', target: app });
    }
    expect(services.gateway.ports).toEqual(['${GATEWAY_PORT:-3000}:3000']);
  });

  it('rejects a depends_on that names a missing service', () => {
    const compose = realCompose();
    compose.services.gateway.depends_on = { ...(compose.services.gateway.depends_on as object), ghost: { condition: 'service_started' } };
    expect(errorsFor(compose)).toEqual(['docker-compose.yml: services.gateway.depends_on: "ghost" is not a service in this file']);
  });

  it('rejects an unknown top-level key through the Compose schema', () => {
    const compose = realCompose();
    compose.servises = {};
    expect(errorsFor(compose)).toEqual(['docker-compose.yml: schema: (top level): unknown key "servises"']);
  });

  it('rejects an unknown service key through the Compose schema', () => {
    const compose = realCompose();
    compose.services.nats.helthcheck = compose.services.nats.healthcheck;
    expect(errorsFor(compose)).toEqual(['docker-compose.yml: schema: services.nats: unknown key "helthcheck"']);
  });

  it('rejects an app service without a healthcheck, and the service_healthy dependency on it', () => {
    const compose = realCompose();
    delete compose.services.referrals.healthcheck;
    expect(errorsFor(compose)).toEqual([
      'docker-compose.yml: services.referrals: app service (built from this repository) has no healthcheck',
      'docker-compose.yml: services.gateway.depends_on: waits for "referrals" to be healthy, but "referrals" has no healthcheck',
    ]);
  });

  it('rejects a disabled healthcheck on an app service', () => {
    const compose = realCompose();
    compose.services.projector.healthcheck = { test: ['NONE'] };
    expect(errorsFor(compose)).toContain('docker-compose.yml: services.projector: app service (built from this repository) has no healthcheck');
  });

  it('rejects a variable with no default that is not documented, and accepts it once documented', () => {
    const text = composeText.replace('LOG_LEVEL: ${LOG_LEVEL:-info}', 'LOG_LEVEL: ${LOG_LEVEL:-info}\n    TRACE_SAMPLER: ${TRACE_SAMPLER}');
    const errors = validateCompose(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^docker-compose\.yml: \$\{TRACE_SAMPLER\} has no default and is not documented, at x-app\.environment\.TRACE_SAMPLER, /);
    expect(validateCompose(text, { documentedVariables: ['TRACE_SAMPLER'] })).toEqual([]);
  });

  it('accepts a required variable that says why, and rejects one that does not', () => {
    const withMessage = composeText.replace('${LOG_LEVEL:-info}', '${LOG_LEVEL:?set LOG_LEVEL, e.g. info}');
    expect(validateCompose(withMessage)).toEqual([]);
    const bare = composeText.replace('${LOG_LEVEL:-info}', '${LOG_LEVEL:?}');
    expect(validateCompose(bare).join('\n')).toContain('${LOG_LEVEL} has no default and is not documented');
  });

  it('rejects a named volume that is not declared', () => {
    const compose = realCompose();
    compose.services.postgres.volumes = ['pgdata:/var/lib/postgresql/data'];
    expect(errorsFor(compose)).toEqual(['docker-compose.yml: services.postgres.volumes: volume "pgdata" is not declared under the top-level volumes']);
  });

  it('rejects text that is not YAML', () => {
    expect(validateCompose('services: [\n')[0]).toMatch(/^docker-compose\.yml: not valid YAML: /);
  });

  it('finds the variables documented in docs/deployment.md', () => {
    const documented = documentedVariablesIn(readFileSync(join(root, 'docs/deployment.md'), 'utf8'));
    expect(documented).toEqual(expect.arrayContaining(['EVENT_STORE', 'LOG_LEVEL', 'POSTGRES_PASSWORD', 'GATEWAY_PORT', 'KURRENTDB_IMAGE']));
  });
});

describe('Dockerfile, as the compose app services build it', () => {
  const applications = ['gateway', 'referrals', 'projector'];

  it('rejects a compose build target that is not a Dockerfile stage', () => {
    const text = composeText.replace('target: projector', 'target: projecter');
    expect(validateCompose(text, { dockerfile, applications })).toEqual([
      'Dockerfile: services.projector.build.target "projecter": no stage named "projecter"',
    ]);
  });

  it('rejects a CMD that does not start dist/apps/<app>/src/main.js', () => {
    const broken = dockerfile.replace('CMD ["node", "dist/apps/referrals/src/main.js"]', 'CMD ["node", "dist/apps/referrals/main.js"]');
    expect(validateCompose(composeText, { dockerfile: broken, applications })).toEqual([
      'Dockerfile: stage "referrals" (services.referrals.build.target "referrals") must end in an exec-form CMD ["node", "dist/apps/<app>/src/main.js"], found CMD ["node", "dist/apps/referrals/main.js"]',
    ]);
  });

  it('rejects a stage that starts another app than its name, or one nest-cli.json does not know', () => {
    const swapped = dockerfile.replace('CMD ["node", "dist/apps/projector/src/main.js"]', 'CMD ["node", "dist/apps/reports/src/main.js"]');
    expect(validateCompose(composeText, { dockerfile: swapped, applications })).toEqual([
      'Dockerfile: stage "projector" (services.projector.build.target "projector") starts dist/apps/reports/src/main.js, another app than its name says',
      'Dockerfile: stage "projector" (services.projector.build.target "projector") starts "reports", which is not an application in nest-cli.json',
    ]);
  });

  it('rejects images that run as root', () => {
    const asRoot = dockerfile.replace(/^USER node$/m, '');
    const errors = validateCompose(composeText, { dockerfile: asRoot, applications });
    expect(errors).toHaveLength(3);
    expect(errors).toContain('Dockerfile: stage "gateway" (services.gateway.build.target "gateway") runs as root; add USER node');
  });
});
