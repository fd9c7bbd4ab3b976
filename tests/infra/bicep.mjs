// Helpers for the infra tests: find (restore once) the offline Bicep CLI, compile infra/ into a temp
// dir (never into the tree), and read the compiled ARM JSON: walk resources through nested
// deployments and evaluate the simple ARM expressions Bicep emits (parameters, variables, format,
// if, ...) so tests can assert on real values. Anything not evaluable (reference(), resourceId(),
// ...) becomes an Unknown that prints as «expression».
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BICEP_VERSION = '0.49.2';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const infraDir = path.join(repoRoot, 'infra');
const toolProject = path.join(infraDir, 'tools', 'bicep-cli.csproj');

/** A Bicep/ARM diagnostic line: "<file>(l,c) : Warning <code>: ..." or ": Error ". */
export const DIAGNOSTIC = /: (Warning|Error) /;

let cachedBicep;

function globalPackagesDir() {
  if (process.env.NUGET_PACKAGES) return process.env.NUGET_PACKAGES;
  const r = spawnSync('dotnet', ['nuget', 'locals', 'global-packages', '--list'], { encoding: 'utf8' });
  const m = /global-packages:\s*(.+)\s*$/m.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) throw new Error(`cannot find NuGet global-packages folder: ${r.stderr}${r.stdout}`);
  return m[1].trim();
}

/** Path of the bicep binary; restores infra/tools/bicep-cli.csproj the first time. */
export function bicepPath() {
  if (cachedBicep) return cachedBicep;
  const bin = path.join(globalPackagesDir(), 'azure.bicep.commandline.linux-x64', BICEP_VERSION, 'tools', 'bicep');
  if (!fs.existsSync(bin)) {
    const r = spawnSync('dotnet', ['restore', toolProject], { encoding: 'utf8', cwd: repoRoot });
    if (r.status !== 0 || !fs.existsSync(bin)) {
      throw new Error(`dotnet restore ${toolProject} did not provide ${bin}:\n${r.stdout}\n${r.stderr}`);
    }
  }
  if ((fs.statSync(bin).mode & 0o111) === 0) fs.chmodSync(bin, 0o755);
  cachedBicep = bin;
  return bin;
}

/** Runs bicep; returns status, the combined output and its Warning/Error lines. */
export function runBicep(args, { env = {}, cwd = repoRoot } = {}) {
  const r = spawnSync(bicepPath(), args, {
    encoding: 'utf8',
    cwd,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const output = `${r.stdout}\n${r.stderr}`;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, output, diagnostics: diagnosticsOf(output) };
}

export function diagnosticsOf(output) {
  return output.split(/\r?\n/).filter((line) => DIAGNOSTIC.test(line));
}

/** Files under infra/ with the given extension (skips tools/ build folders). */
export function infraFiles(ext, dir = infraDir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!['obj', 'bin', 'node_modules'].includes(e.name)) out.push(...infraFiles(ext, p));
    } else if (e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

function inputsHash() {
  const h = createHash('sha256').update(BICEP_VERSION);
  for (const f of [...infraFiles('.bicep'), ...infraFiles('.json')]) {
    h.update(path.relative(infraDir, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

let cachedBuild;

/**
 * `bicep build` of every .bicep file under infra/ into a temp dir, once per content hash (the
 * result is shared by the test files and the app-settings CLI). Returns
 * { status, output, diagnostics, outDir, templates: { 'main.bicep': json, 'modules/x.bicep': json } }.
 */
export function buildAll() {
  if (cachedBuild) return cachedBuild;
  const cacheRoot = path.join(os.tmpdir(), 'hubfeed-bicep-build');
  const dir = path.join(cacheRoot, inputsHash());
  const resultFile = path.join(dir, 'result.json');
  if (!fs.existsSync(resultFile)) {
    fs.mkdirSync(cacheRoot, { recursive: true });
    const tmp = fs.mkdtempSync(path.join(cacheRoot, 'tmp-'));
    const r = runBicep(['build', '--pattern', 'infra/**/*.bicep', '--outdir', path.join(tmp, 'out')]);
    fs.writeFileSync(path.join(tmp, 'result.json'), JSON.stringify({ status: r.status, output: r.output }));
    try {
      fs.renameSync(tmp, dir);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another process won the race
    }
  }
  const { status, output } = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  const outDir = path.join(dir, 'out');
  const templates = {};
  for (const f of infraFiles('.bicep')) {
    const rel = path.relative(infraDir, f);
    const json = path.join(outDir, rel.replace(/\.bicep$/, '.json'));
    templates[rel] = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, 'utf8')) : undefined;
  }
  cachedBuild = { status, output, diagnostics: diagnosticsOf(output), outDir, templates };
  return cachedBuild;
}

/** The compiled ARM JSON of infra/main.bicep. */
export function mainTemplate() {
  const t = buildAll().templates['main.bicep'];
  if (!t) throw new Error(`infra/main.bicep did not compile:\n${buildAll().output}`);
  return t;
}

// ---------------------------------------------------------------------------------------------
// A small evaluator for ARM template expressions.

export class Unknown {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return `«${this.text}»`;
  }
}

function tokenize(src) {
  const tokens = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`unterminated string in ${src}`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      tokens.push({ t: 'str', v: s });
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      tokens.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i));
      tokens.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else if ('(),.[]'.includes(c)) {
      tokens.push({ t: c });
      i++;
    } else {
      throw new Error(`unexpected '${c}' in ${src}`);
    }
  }
  return tokens;
}

function parse(src) {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const take = (t) => {
    const tok = tokens[p++];
    if (!tok || (t && tok.t !== t)) throw new Error(`expected ${t} at ${p} in ${src}`);
    return tok;
  };
  function expr() {
    let node;
    const tok = take();
    if (tok.t === 'str' || tok.t === 'num') node = { k: 'lit', v: tok.v };
    else if (tok.t === 'id') {
      take('(');
      const args = [];
      if (peek()?.t !== ')') {
        args.push(expr());
        while (peek()?.t === ',') {
          take(',');
          args.push(expr());
        }
      }
      take(')');
      node = { k: 'call', name: tok.v, args };
    } else throw new Error(`unexpected token ${tok.t} in ${src}`);
    for (;;) {
      if (peek()?.t === '.') {
        take('.');
        node = { k: 'prop', obj: node, name: take('id').v };
      } else if (peek()?.t === '[') {
        take('[');
        const index = expr();
        take(']');
        node = { k: 'index', obj: node, index };
      } else return node;
    }
  }
  const node = expr();
  if (p !== tokens.length) throw new Error(`trailing tokens in ${src}`);
  return node;
}

function show(node) {
  switch (node.k) {
    case 'lit':
      return typeof node.v === 'string' ? `'${node.v}'` : String(node.v);
    case 'call':
      return `${node.name}(${node.args.map(show).join(', ')})`;
    case 'prop':
      return `${show(node.obj)}.${node.name}`;
    default:
      return `${show(node.obj)}[${show(node.index)}]`;
  }
}

const isUnknown = (v) => v instanceof Unknown;
const str = (v) => (isUnknown(v) ? v.toString() : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * An evaluation context: one template, the values its parameters were given (already resolved),
 * and the copy index if inside a loop.
 */
export class Scope {
  constructor(template, parameterValues = {}, { copyIndex, deploymentPath = [] } = {}) {
    this.template = template;
    this.parameterValues = parameterValues;
    this.copyIndexValue = copyIndex;
    this.deploymentPath = deploymentPath;
    this.variableCache = new Map();
  }

  withCopyIndex(i) {
    const s = new Scope(this.template, this.parameterValues, { copyIndex: i, deploymentPath: this.deploymentPath });
    s.variableCache = this.variableCache;
    return s;
  }

  parameter(name) {
    const key = Object.keys(this.template.parameters ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) throw new Error(`unknown parameter ${name}`);
    if (Object.hasOwn(this.parameterValues, key)) return this.parameterValues[key];
    const def = this.template.parameters[key];
    if (Object.hasOwn(def, 'defaultValue')) return this.resolve(def.defaultValue);
    return new Unknown(`parameters('${key}') (no value)`);
  }

  variable(name) {
    const vars = this.template.variables ?? {};
    const key = Object.keys(vars).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) throw new Error(`unknown variable ${name}`);
    if (!this.variableCache.has(key)) this.variableCache.set(key, this.resolve(vars[key]));
    return this.variableCache.get(key);
  }

  /** Deeply resolves a template value: "[expr]" strings are evaluated, "[[" unescaped. */
  resolve(value) {
    if (typeof value === 'string') {
      if (value.startsWith('[[')) return value.slice(1);
      if (value.startsWith('[') && value.endsWith(']')) return this.evaluate(value.slice(1, -1));
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [String(this.resolve(k)), this.resolve(v)]));
    }
    return value;
  }

  evaluate(src) {
    return this.eval(parse(src));
  }

  eval(node) {
    switch (node.k) {
      case 'lit':
        return node.v;
      case 'prop': {
        const obj = this.eval(node.obj);
        if (isUnknown(obj) || obj == null || typeof obj !== 'object') return new Unknown(show(node));
        const key = Object.keys(obj).find((k) => k.toLowerCase() === node.name.toLowerCase());
        return key === undefined ? new Unknown(show(node)) : obj[key];
      }
      case 'index': {
        const obj = this.eval(node.obj);
        const index = this.eval(node.index);
        if (isUnknown(obj) || isUnknown(index) || obj == null) return new Unknown(show(node));
        return obj[index];
      }
      default:
        return this.call(node);
    }
  }

  call(node) {
    const name = node.name.toLowerCase();
    const args = () => node.args.map((a) => this.eval(a));
    const unknown = () => new Unknown(show(node));
    switch (name) {
      case 'parameters':
        return this.parameter(this.eval(node.args[0]));
      case 'variables':
        return this.variable(this.eval(node.args[0]));
      case 'copyindex': {
        if (this.copyIndexValue === undefined) return unknown();
        const offset = node.args.length && typeof this.eval(node.args.at(-1)) === 'number' ? this.eval(node.args.at(-1)) : 0;
        return this.copyIndexValue + offset;
      }
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
        return null;
      case 'if': {
        const c = this.eval(node.args[0]);
        if (isUnknown(c)) return unknown();
        return this.eval(node.args[c ? 1 : 2]);
      }
      case 'format': {
        const [fmt, ...rest] = args();
        if (isUnknown(fmt)) return unknown();
        return fmt.replace(/\{(\d+)\}/g, (_, i) => str(rest[Number(i)]));
      }
      case 'concat': {
        const a = args();
        if (a.every(Array.isArray)) return a.flat();
        return a.map(str).join('');
      }
      case 'createarray':
        return args(); // elements may be Unknown
      case 'createobject': {
        const a = args();
        const o = {};
        for (let i = 0; i < a.length; i += 2) {
          if (isUnknown(a[i])) return unknown();
          o[a[i]] = a[i + 1]; // values may be Unknown
        }
        return o;
      }
    }
    const a = args();
    if (a.some(isUnknown)) return unknown();
    switch (name) {
      case 'tolower':
        return a[0].toLowerCase();
      case 'toupper':
        return a[0].toUpperCase();
      case 'string':
        return typeof a[0] === 'string' ? a[0] : JSON.stringify(a[0]);
      case 'bool':
        return typeof a[0] === 'string' ? a[0].toLowerCase() === 'true' : Boolean(a[0]);
      case 'int':
        return Number.parseInt(a[0], 10);
      case 'trim':
        return a[0].trim();
      case 'split':
        return a[0].split(a[1]);
      case 'first':
        return a[0][0];
      case 'last':
        return a[0].at(-1);
      case 'length':
        return typeof a[0] === 'object' && !Array.isArray(a[0]) ? Object.keys(a[0]).length : a[0].length;
      case 'empty':
        return a[0] == null || a[0].length === 0 || (typeof a[0] === 'object' && Object.keys(a[0]).length === 0);
      case 'not':
        return !a[0];
      case 'and':
        return a.every(Boolean);
      case 'or':
        return a.some(Boolean);
      case 'equals':
        return JSON.stringify(a[0]) === JSON.stringify(a[1]);
      case 'contains':
        return typeof a[0] === 'string'
          ? a[0].includes(a[1])
          : Array.isArray(a[0])
            ? a[0].some((x) => JSON.stringify(x) === JSON.stringify(a[1]))
            : Object.hasOwn(a[0], a[1]);
      case 'startswith':
        return a[0].toLowerCase().startsWith(a[1].toLowerCase());
      case 'endswith':
        return a[0].toLowerCase().endsWith(a[1].toLowerCase());
      case 'replace':
        return a[0].split(a[1]).join(a[2]);
      case 'union':
        return Array.isArray(a[0]) ? [...new Set(a.flat())] : Object.assign({}, ...a);
      case 'add':
        return a[0] + a[1];
      case 'sub':
        return a[0] - a[1];
      case 'mul':
        return a[0] * a[1];
      case 'div':
        return Math.trunc(a[0] / a[1]);
      case 'mod':
        return a[0] % a[1];
      case 'range':
        return Array.from({ length: a[1] }, (_, i) => a[0] + i);
      default:
        return unknown(); // reference(), resourceId(), guid(), uniqueString(), subscription(), ...
    }
  }
}

/**
 * Every resource of a template, nested deployments' templates included, with its scope.
 * Each item: { resource, scope, deploymentPath (module names), name (resolved), condition
 * (resolved: true/false/Unknown), existing, and for a module its inner Scope }. Copy loops are expanded. With deployedOnly, resources
 * whose condition (or an enclosing module's) is false are left out.
 */
export function walkResources(template, parameterValues = {}, { deployedOnly = true } = {}) {
  const out = [];
  const visit = (scope) => {
    const resources = Array.isArray(scope.template.resources)
      ? scope.template.resources
      : Object.values(scope.template.resources ?? {});
    for (const resource of resources) {
      let count = 1;
      if (resource.copy) count = scope.resolve(resource.copy.count);
      if (isUnknown(count)) throw new Error(`cannot evaluate copy count of ${resource.type}: ${count}`);
      for (let i = 0; i < count; i++) {
        const s = resource.copy ? scope.withCopyIndex(i) : scope;
        const condition = Object.hasOwn(resource, 'condition') ? s.resolve(resource.condition) : true;
        if (deployedOnly && condition === false) continue;
        const name = s.resolve(resource.name);
        const item = { resource, scope: s, deploymentPath: scope.deploymentPath, name, condition, existing: !!resource.existing };
        out.push(item);
        if (resource.type === 'Microsoft.Resources/deployments' && resource.properties?.template) {
          const inner = resource.properties.template;
          const values = {};
          for (const [k, v] of Object.entries(resource.properties.parameters ?? {})) {
            // Evaluated in the outer scope (expressionEvaluationOptions: inner). Bicep emits either
            // { value: ... } or one expression yielding that object (e.g. if(c, createObject('value', a), ...)).
            const entry = s.resolve(v);
            values[k] = entry && typeof entry === 'object' && !isUnknown(entry) && 'value' in entry
              ? entry.value
              : new Unknown(`module parameter ${k}: ${str(entry)}`);
          }
          item.inner = new Scope(inner, values, { deploymentPath: [...scope.deploymentPath, str(name)] });
          visit(item.inner);
        }
      }
    }
  };
  visit(new Scope(template, parameterValues));
  return out;
}

/** Parameter values for evaluating main.bicep: its required parameters filled in, plus overrides. */
export function mainParameters(overrides = {}) {
  return { environmentName: 'test', sourceContactUrl: 'mailto:ops@example.org', ...overrides };
}

/** The function app resource(s) of a compiled main template. */
export function functionApps(items) {
  return items.filter((x) => x.resource.type === 'Microsoft.Web/sites' && !x.existing);
}

/** The app settings main.bicep gives the function app: [{ name, value }] with values resolved. */
export function appSettings(parameterValues = mainParameters()) {
  const apps = functionApps(walkResources(mainTemplate(), parameterValues));
  if (apps.length !== 1) throw new Error(`expected one function app, found ${apps.length}`);
  const { resource, scope } = apps[0];
  const settings = scope.resolve(resource.properties?.siteConfig?.appSettings ?? []);
  if (!Array.isArray(settings)) throw new Error(`appSettings is not a static array: ${settings}`);
  return settings;
}

/** The names of the app settings main.bicep sets, in template order. */
export function appSettingNames() {
  return appSettings().map((s) => s.name);
}
