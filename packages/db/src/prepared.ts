// Named statements for the queries every login runs. Postgres parses and plans an unnamed statement
// on every execution (the login query spent several times longer planning than running); a named
// one is planned once per connection. Only texts marked here get a name: naming every distinct text
// would grow each connection's statements without bound (`in (…)` lists of every length).
import type pg from 'pg';

const namesByText = new Map<string, string>();

/** Runs `sql` (a compiled query's text) as the named statement `name` on every pooled connection. */
export function prepareNamed(name: string, sql: string): void {
  const known = namesByText.get(sql);
  if (known === name) return;
  if (known !== undefined) throw new Error(`query already prepared as ${known}`);
  if ([...namesByText.values()].includes(name)) throw new Error(`statement name ${name} names another query`);
  namesByText.set(sql, name);
}

type Query = (...args: unknown[]) => unknown;

/** Makes each new connection of the pool send the marked texts as their named statements. */
export function namePreparedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    // The driver (Kysely's) calls `query(text, values)`; pg names a statement only in the config form.
    const target = client as unknown as { query: Query };
    const query = target.query.bind(client) as Query;
    target.query = (config: unknown, ...rest: unknown[]) => {
      const name = typeof config === 'string' ? namesByText.get(config) : undefined;
      if (name === undefined) return query(config, ...rest);
      const [values, callback] = rest;
      const named = { name, text: config, values };
      return callback === undefined ? query(named) : query(named, callback);
    };
  });
}
