import { parseArgs } from 'node:util';

import { config as loadDotenv } from 'dotenv';

import { isScope, loadConfig, type Scope, TokenIssuer } from '@lanegate/platform';

/**
 * Prints a development bearer token, signed with the configured secret, as the last line of its output.
 *   npm run token -- --scope ops
 *   npm run token -- --scope portal --customer C-1001
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      scope: { type: 'string', multiple: true, default: ['ops'] },
      customer: { type: 'string' },
      subject: { type: 'string', default: 'developer' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const scopes = values.scope.flatMap((scope) => scope.split(/[ ,]/)).filter(Boolean);
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) {
    throw new Error(`unknown scope(s): ${unknown.join(', ')}; use portal, dispatch:write, ops or internal`);
  }
  if (scopes.includes('portal') && !values.customer) {
    throw new Error('a portal token needs --customer <customer id>');
  }

  loadDotenv({ quiet: true });
  const config = loadConfig('gateway');
  const token = new TokenIssuer(config).issue({
    subject: values.subject,
    scopes: scopes as Scope[],
    customerId: values.customer,
    ttlSeconds: Number(values.ttl),
  });

  process.stdout.write(`Development token for ${values.subject} (${scopes.join(' ')}), valid ${values.ttl} s:\n`);
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
