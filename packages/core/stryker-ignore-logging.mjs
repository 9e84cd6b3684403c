import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** `log.warn(...)` or `deps.log.warn(...)`: the pino logger's `log`, called as a statement. */
function isLogCall(node) {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  if (property.type !== 'Identifier' || !LEVELS.has(property.name)) return false;
  if (object.type === 'Identifier') return object.name === 'log';
  return object.type === 'MemberExpression' && object.property.type === 'Identifier' && object.property.name === 'log';
}

// The money run's ignorer (stryker.money.config.mjs): a mutant inside a log statement changes only
// what the operator reads in the logs, which no use case returns or stores; reported as ignored.
export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'logging', {
    shouldIgnore(path) {
      if (path.isExpressionStatement() && isLogCall(path.node.expression)) return 'A log statement: only the logs change';
      return undefined;
    },
  }),
];
