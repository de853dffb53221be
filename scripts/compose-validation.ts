import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Checks docker-compose.yml without a Docker engine: the official Compose Specification schema
 * (vendored in compose-spec.schema.json, see README.md here) plus rules of this project that the
 * schema cannot express. Every function returns a list of messages; an empty list means valid.
 */

export interface ComposeValidationOptions {
  /** Name used in messages. */
  file?: string;
  /** Variables to interpolate with; defaults to none set, i.e. the file as shipped with its defaults. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Variables documented elsewhere (docs/deployment.md), which may be used without a default. */
  documentedVariables?: Iterable<string>;
  /** Text of the Dockerfile that services with `build` use; when given, their targets are checked. */
  dockerfile?: string;
  /** Nest application projects (nest-cli.json); when given, every Dockerfile CMD must start one of them. */
  applications?: Iterable<string>;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function validateCompose(source: string, options: ComposeValidationOptions = {}): string[] {
  const file = options.file ?? 'docker-compose.yml';
  let raw: unknown;
  try {
    // Compose resolves YAML merge keys (`<<: *app`); without `merge` they would stay literal `<<` keys.
    raw = parse(source, { merge: true });
  } catch (error) {
    return [`${file}: not valid YAML: ${(error as Error).message}`];
  }
  if (!isRecord(raw)) return [`${file}: the top level must be a mapping`];

  const errors: string[] = [];
  const documented = new Set(options.documentedVariables ?? []);
  const undocumented = new Map<string, string[]>();
  // Compose validates the file after interpolation, so the schema sees the same values it would.
  const doc = interpolateTree(raw, options.env ?? {}, '', (usage) => {
    if (usage.error) errors.push(`${file}: ${usage.path}: ${usage.error}`);
    else if (!usage.hasDefault && !usage.required && !documented.has(usage.name)) {
      undocumented.set(usage.name, [...(undocumented.get(usage.name) ?? []), usage.path]);
    }
  }) as Json;
  // One message per variable: an anchor repeats its values in every service that merges it.
  for (const [name, paths] of undocumented) {
    errors.push(
      `${file}: \${${name}} has no default and is not documented, at ${paths.join(', ')} ` +
        `(write \${${name}:-value}, \${${name}:?why it is needed}, or document it in docs/deployment.md)`,
    );
  }

  const validate = composeSchemaValidator();
  if (!validate(doc)) errors.push(...formatSchemaErrors(file, validate.errors ?? []));

  errors.push(...checkProjectRules(file, doc));
  if (options.dockerfile !== undefined) {
    errors.push(...checkDockerfile(doc, options.dockerfile, options.applications ? new Set(options.applications) : undefined));
  }
  return [...new Set(errors)];
}

/** Validates the repository's own docker-compose.yml against its Dockerfile, nest-cli.json and docs. */
export function validateRepositoryDeployment(root: string, composeFile = 'docker-compose.yml'): string[] {
  const read = (name: string): string | undefined => (existsSync(join(root, name)) ? readFileSync(join(root, name), 'utf8') : undefined);
  const compose = read(composeFile);
  if (compose === undefined) return [`${composeFile}: not found in ${root}`];
  const nestCli = read('nest-cli.json');
  const projects: unknown = nestCli ? (JSON.parse(nestCli) as Json).projects : undefined;
  return validateCompose(compose, {
    file: composeFile,
    dockerfile: read('Dockerfile'),
    applications: isRecord(projects)
      ? Object.keys(projects).filter((name) => isRecord(projects[name]) && projects[name].type === 'application')
      : undefined,
    documentedVariables: documentedVariablesIn(read('docs/deployment.md') ?? ''),
  });
}

/** Names written as `NAME` (upper case, in backticks) in a markdown document. */
export function documentedVariablesIn(markdown: string): string[] {
  return [...markdown.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1]);
}

let cachedValidator: ValidateFunction | undefined;

function composeSchemaValidator(): ValidateFunction {
  if (!cachedValidator) {
    const schema = JSON.parse(readFileSync(join(__dirname, 'compose-spec.schema.json'), 'utf8')) as Json;
    // The schema names the draft-07 meta-schema by an https URL; Ajv registers it under its canonical
    // http id. Same meta-schema, so point at that rather than switch schema validation off.
    schema.$schema = 'http://json-schema.org/draft-07/schema#';
    // strict: false because the official schema uses union types and patterns Ajv's strict mode flags.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    cachedValidator = ajv.compile(schema);
  }
  return cachedValidator;
}

function formatSchemaErrors(file: string, schemaErrors: ErrorObject[]): string[] {
  return schemaErrors.map((error) => {
    const at = error.instancePath ? error.instancePath.slice(1).split('/').join('.') : '(top level)';
    if (error.keyword === 'additionalProperties') {
      return `${file}: schema: ${at}: unknown key "${String(error.params.additionalProperty)}"`;
    }
    return `${file}: schema: ${at}: ${error.message ?? error.keyword}`;
  });
}

function checkProjectRules(file: string, doc: Json): string[] {
  const errors: string[] = [];
  const services = isRecord(doc.services) ? doc.services : {};
  if (Object.keys(services).length === 0) return [`${file}: defines no services`];
  const declaredVolumes = new Set(isRecord(doc.volumes) ? Object.keys(doc.volumes) : []);

  for (const [name, service] of Object.entries(services)) {
    if (!isRecord(service)) continue;
    const at = `${file}: services.${name}`;

    const dependsOn = service.depends_on;
    const dependencies: Array<[string, unknown]> = Array.isArray(dependsOn)
      ? dependsOn.map((dependency): [string, unknown] => [String(dependency), undefined])
      : isRecord(dependsOn)
        ? Object.entries(dependsOn)
        : [];
    for (const [dependency, spec] of dependencies) {
      if (dependency === name) errors.push(`${at}.depends_on: "${dependency}" depends on itself`);
      else if (!(dependency in services)) errors.push(`${at}.depends_on: "${dependency}" is not a service in this file`);
      else if (isRecord(spec) && spec.condition === 'service_healthy' && !hasHealthcheck(services[dependency])) {
        errors.push(`${at}.depends_on: waits for "${dependency}" to be healthy, but "${dependency}" has no healthcheck`);
      }
    }

    // Services built from this repository are our apps: compose and operators rely on their /health.
    if (service.build !== undefined && !hasHealthcheck(service)) {
      errors.push(`${at}: app service (built from this repository) has no healthcheck`);
    }

    for (const volume of Array.isArray(service.volumes) ? service.volumes : []) {
      const source = namedVolumeSource(volume);
      if (source !== undefined && !declaredVolumes.has(source)) {
        errors.push(`${at}.volumes: volume "${source}" is not declared under the top-level volumes`);
      }
    }
  }
  return errors;
}

/** The volume name of a named-volume mount; undefined for bind mounts, tmpfs and anonymous volumes. */
function namedVolumeSource(volume: unknown): string | undefined {
  if (isRecord(volume)) return volume.type === 'volume' && typeof volume.source === 'string' && volume.source !== '' ? volume.source : undefined;
  if (typeof volume !== 'string' || !volume.includes(':')) return undefined;
  const source = volume.split(':')[0];
  return /^[./~]/.test(source) || source.includes('/') ? undefined : source;
}

function hasHealthcheck(service: unknown): boolean {
  if (!isRecord(service) || !isRecord(service.healthcheck)) return false;
  const { disable, test } = service.healthcheck;
  if (disable === true || disable === 'true') return false;
  if (Array.isArray(test)) return test.length >= 2 && test[0] !== 'NONE';
  return typeof test === 'string' && test !== '' && test !== 'NONE';
}

// --- Dockerfile -------------------------------------------------------------------------------------

interface Stage {
  name: string;
  base: string;
  cmd?: string;
  user?: string;
}

function parseDockerfileStages(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const line of logical) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = keyword.toUpperCase();
    if (instruction === 'FROM') {
      const words = rest.split(/\s+/).filter((word) => !word.startsWith('--'));
      const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({ base: words[0] ?? '', name: asIndex >= 0 ? (words[asIndex + 1] ?? '') : String(stages.length) });
    } else if (stages.length > 0 && instruction === 'CMD') {
      stages[stages.length - 1].cmd = rest;
    } else if (stages.length > 0 && instruction === 'USER') {
      stages[stages.length - 1].user = rest;
    }
  }
  return stages;
}

/** A stage inherits CMD and USER from the stage it is built FROM. */
function effective(stages: Stage[], stage: Stage, key: 'cmd' | 'user'): string | undefined {
  let current: Stage | undefined = stage;
  // Bounded, so a stage that names itself as its base cannot loop.
  for (let hops = 0; current && hops <= stages.length; hops++) {
    const value: string | undefined = current[key];
    if (value !== undefined) return value;
    const base: string = current.base;
    current = stages.find((candidate) => candidate.name === base);
  }
  return undefined;
}

function checkDockerfile(doc: Json, dockerfile: string, applications: Set<string> | undefined): string[] {
  const errors: string[] = [];
  const stages = parseDockerfileStages(dockerfile);
  if (stages.length === 0) return ['Dockerfile: no FROM instruction'];
  const services = isRecord(doc.services) ? doc.services : {};

  for (const [name, service] of Object.entries(services)) {
    if (!isRecord(service) || service.build === undefined) continue;
    const build = isRecord(service.build) ? service.build : {};
    if (build.dockerfile !== undefined && build.dockerfile !== 'Dockerfile') continue;
    const target = typeof build.target === 'string' ? build.target : undefined;
    const stage = target === undefined ? stages[stages.length - 1] : stages.find((candidate) => candidate.name === target);
    const via = `services.${name}.build${target === undefined ? ' (no target: last stage)' : `.target "${target}"`}`;
    if (!stage) {
      errors.push(`Dockerfile: ${via}: no stage named "${target}"`);
      continue;
    }

    const cmd = effective(stages, stage, 'cmd');
    let argv: unknown;
    try {
      argv = cmd === undefined ? undefined : JSON.parse(cmd);
    } catch {
      argv = undefined;
    }
    const main = Array.isArray(argv) && argv.length === 2 && argv[0] === 'node' ? /^dist\/apps\/([^/]+)\/src\/main\.js$/.exec(String(argv[1])) : null;
    if (!main) {
      errors.push(
        `Dockerfile: stage "${stage.name}" (${via}) must end in an exec-form CMD ["node", "dist/apps/<app>/src/main.js"], found ${cmd === undefined ? 'no CMD' : `CMD ${cmd}`}`,
      );
    } else {
      if (main[1] !== stage.name) {
        errors.push(`Dockerfile: stage "${stage.name}" (${via}) starts dist/apps/${main[1]}/src/main.js, another app than its name says`);
      }
      if (applications && !applications.has(main[1])) {
        errors.push(`Dockerfile: stage "${stage.name}" (${via}) starts "${main[1]}", which is not an application in nest-cli.json`);
      }
    }

    const user = effective(stages, stage, 'user');
    if (user === undefined || /^(root|0)(:|$)/.test(user)) {
      errors.push(`Dockerfile: stage "${stage.name}" (${via}) runs as root; add USER node`);
    }
  }
  return errors;
}

// --- Interpolation (Compose syntax: $$, $VAR, ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?e}, ${VAR?e}, ${VAR:+r}, ${VAR+r}) ---

interface VariableUsage {
  name: string;
  path: string;
  hasDefault: boolean;
  required: boolean;
  error?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function interpolateTree(value: unknown, env: Env, path: string, onUsage: (usage: VariableUsage) => void): unknown {
  if (typeof value === 'string') return interpolate(value, env, path || '(top level)', onUsage);
  if (Array.isArray(value)) return value.map((item, index) => interpolateTree(item, env, path ? `${path}.${index}` : String(index), onUsage));
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateTree(item, env, path ? `${path}.${key}` : key, onUsage)]),
    );
  }
  return value;
}

function interpolate(text: string, env: Env, path: string, onUsage: (usage: VariableUsage) => void): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char !== '$') {
      out += char;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    if (next === '{') {
      let depth = 1;
      let end = i + 2;
      for (; end < text.length && depth > 0; end++) {
        if (text[end] === '{') depth++;
        else if (text[end] === '}') depth--;
      }
      if (depth > 0) {
        onUsage({ name: '', path, hasDefault: false, required: false, error: `unclosed "\${" in "${text}"` });
        return out + text.slice(i);
      }
      out += expand(text.slice(i + 2, end - 1), env, path, onUsage);
      i = end - 1;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (bare) {
      onUsage({ name: bare[0], path, hasDefault: false, required: false });
      out += env[bare[0]] ?? '';
      i += bare[0].length;
      continue;
    }
    out += '$';
  }
  return out;
}

function expand(body: string, env: Env, path: string, onUsage: (usage: VariableUsage) => void): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!match) {
    onUsage({ name: body, path, hasDefault: false, required: false, error: `invalid interpolation "\${${body}}"` });
    return '';
  }
  const [, name, operator, operand = ''] = match;
  const value = env[name];
  // With a colon, empty counts as unset.
  const set = value !== undefined && (!operator?.startsWith(':') || value !== '');
  switch (operator) {
    case ':-':
    case '-':
      onUsage({ name, path, hasDefault: true, required: false });
      return set && value !== undefined ? value : interpolate(operand, env, path, onUsage);
    case ':+':
    case '+':
      // Unset means empty, which is a default of its own.
      onUsage({ name, path, hasDefault: true, required: false });
      return set ? interpolate(operand, env, path, onUsage) : '';
    case ':?':
    case '?':
      // Compose stops with this message when the variable is missing: that is documentation enough,
      // but an empty message is not.
      onUsage({ name, path, hasDefault: false, required: operand.trim() !== '' });
      return value ?? '';
    default:
      onUsage({ name, path, hasDefault: false, required: false });
      return value ?? '';
  }
}
