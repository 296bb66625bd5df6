// Reads infra/compose.yaml the way Compose does for what the tests check: `${VAR:?msg}` /
// `${VAR:-default}` interpolation, YAML merge keys (`<<: *anchor`), and list-or-map environments.
import { parse } from 'yaml';

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** Substitutes variables like Compose; a `${VAR:?…}` the caller does not provide is an error. */
export function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
    (_m, name: string, op?: string, arg?: string) => {
      const value = vars[name];
      if (value !== undefined && value !== '') return value;
      if (op?.endsWith('-')) return arg ?? '';
      if (op?.endsWith('?')) throw new Error(`compose requires ${name}: ${arg ?? ''}`);
      return '';
    },
  );
}

export function parseCompose(text: string, vars: Record<string, string>): ComposeFile {
  const doc = parse(interpolate(text, vars), { merge: true }) as ComposeFile;
  if (doc === null || typeof doc !== 'object' || typeof doc.services !== 'object')
    throw new Error('compose file has no services');
  return doc;
}

/** A service's environment as strings, whichever form the file uses. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((line) => {
        const i = line.indexOf('=');
        return i < 0 ? [line, ''] : [line.slice(0, i), line.slice(i + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}
