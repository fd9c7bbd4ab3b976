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
  // Every file a template reads, loadTextContent's queries included.
  for (const f of [...infraFiles('.bicep'), ...infraFiles('.bicepparam'), ...infraFiles('.json'), ...infraFiles('.kql')]) {
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

/** environment() in the public cloud (the only one HubFeed targets). */
const PUBLIC_CLOUD = Object.freeze({
  name: 'AzureCloud',
  suffixes: { storage: 'core.windows.net', acrLoginServer: '.azurecr.io', keyvaultDns: '.vault.azure.net' },
});

/** ARM cidrSubnet(network, newCIDR, index) for IPv4. */
function cidrSubnet(network, bits, index) {
  const [addr, len] = network.split('/');
  const base = addr.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const size = 2 ** (32 - bits);
  if (bits < Number(len) || index < 0 || (index + 1) * size > 2 ** (32 - Number(len))) throw new Error(`cidrSubnet(${network}, ${bits}, ${index}) is out of range`);
  const start = base - (base % 2 ** (32 - Number(len))) + index * size;
  return `${[24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join('.')}/${bits}`;
}
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

  /** A child scope where lambdaVariables(name) resolves to the given values (inner names shadow outer ones). */
  withLambda(values) {
    const s = new Scope(this.template, this.parameterValues, { copyIndex: this.copyIndexValue, deploymentPath: this.deploymentPath });
    s.variableCache = this.variableCache;
    s.lambdaValues = { ...(this.lambdaValues ?? {}), ...values };
    return s;
  }

  lambdaValue(name) {
    if (!this.lambdaValues || !Object.hasOwn(this.lambdaValues, name)) throw new Error(`unknown lambda variable ${name}`);
    return this.lambdaValues[name];
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
        // .NET composite formatting: {n} is an argument, {{ and }} are literal braces.
        return fmt.replace(/\{\{|\}\}|\{(\d+)\}/g, (m, i) => (m === '{{' ? '{' : m === '}}' ? '}' : str(rest[Number(i)])));
      }
      case 'lambda': {
        // lambda('x', 'y', body): a closure over this scope; map()/filter() call it.
        const names = node.args.slice(0, -1).map((a) => this.eval(a));
        const body = node.args.at(-1);
        return { lambda: true, call: (...values) => this.withLambda(Object.fromEntries(names.map((n, i) => [n, values[i]]))).eval(body) };
      }
      case 'lambdavariables':
        return this.lambdaValue(this.eval(node.args[0]));
      case 'map': {
        const [items, fn] = args();
        if (isUnknown(items) || !fn?.lambda) return unknown();
        return items.map((x, i) => fn.call(x, i));
      }
      case 'filter': {
        const [items, fn] = args();
        if (isUnknown(items) || !fn?.lambda) return unknown();
        return items.filter((x, i) => fn.call(x, i) === true);
      }
      case 'environment':
        return PUBLIC_CLOUD;
      case 'concat': {
        const a = args();
        if (a.every(Array.isArray)) return a.flat();
        return a.map(str).join('');
      }
      case 'createarray':
        return args(); // elements may be Unknown
      case 'flatten': {
        const [items] = args();
        return Array.isArray(items) && items.every(Array.isArray) ? items.flat() : unknown();
      }
      case 'resourceid': {
        // A relative id, 'Microsoft.X/type/name/child/name' (no subscription or group): enough to
        // match a resource's scope against the resources of the same template. Names may be Unknown.
        const a = args();
        const at = a.findIndex((x) => typeof x === 'string' && /^[A-Za-z]+\.[A-Za-z]+\/[A-Za-z]/.test(x));
        if (at === -1) return unknown();
        return resourcePath(a[at], a.slice(at + 1).map(str).join('/'));
      }
      case 'replace': {
        // A value known only at deploy time (a module's output) is put in as its «text», like format() does.
        const a = args();
        if (typeof a[0] !== 'string' || typeof a[1] !== 'string') return unknown();
        return a[0].split(a[1]).join(str(a[2]));
      }
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
      case 'join':
        return a[0].map(str).join(a[1]);
      case 'take':
        return a[0].slice(0, a[1]);
      case 'indexof':
        return typeof a[0] === 'string' ? a[0].indexOf(a[1]) : a[0].findIndex((x) => JSON.stringify(x) === JSON.stringify(a[1]));
      case 'skip':
        return a[0].slice(a[1]);
      case 'coalesce':
        return a.find((x) => x != null) ?? null;
      case 'cidrsubnet':
        return cidrSubnet(a[0], a[1], a[2]);
      case 'greater':
        return a[0] > a[1];
      case 'less':
        return a[0] < a[1];
      default:
        return unknown(); // reference(), guid(), uniqueString(), subscription(), ...
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

/** 'Microsoft.Storage/storageAccounts/st1/blobServices/default' from a type and a name 'st1/default'. */
export function resourcePath(type, name) {
  const [namespace, ...types] = type.split('/');
  const names = String(name).split('/');
  return [namespace, ...types.flatMap((t, i) => [t, names[i]])].join('/');
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

// ---------------------------------------------------------------------------------------------
// Parameter files: what a deployment with each of them would pass to main.bicep.

/** The environment the parameter-file tests deploy with (what azd or the operator would set). */
export const DEPLOY_ENV = Object.freeze({
  AZURE_ENV_NAME: 'test',
  AZURE_LOCATION: 'westeurope',
  AZURE_PRINCIPAL_ID: '11111111-2222-3333-4444-555555555555',
  HUBFEED_CONTACT_URL: 'mailto:ops@example.org',
  HUBFEED_DEPLOYER_PRINCIPAL_ID: '11111111-2222-3333-4444-555555555555',
});

const BICEPPARAM_ENV_KEYS = /^(HUBFEED_|AZURE_)/;

/**
 * `bicep build-params` of an infra/*.bicepparam file with exactly the given HUBFEED_/AZURE_
 * variables (others from this process are removed), cached like buildAll. Returns
 * { status, output, diagnostics, parameters: { name: value } }.
 */
export function buildParams(file, env = DEPLOY_ENV) {
  const h = createHash('sha256').update(inputsHash()).update(file).update(JSON.stringify(env));
  const cacheRoot = path.join(os.tmpdir(), 'hubfeed-bicep-build');
  const cached = path.join(cacheRoot, `params-${h.digest('hex').slice(0, 16)}.json`);
  if (!fs.existsSync(cached)) {
    const clean = {};
    for (const [k, v] of Object.entries(process.env)) if (!BICEPPARAM_ENV_KEYS.test(k)) clean[k] = v;
    const r = spawnSync(bicepPath(), ['build-params', path.join('infra', file), '--stdout'], {
      encoding: 'utf8',
      cwd: repoRoot,
      env: { ...clean, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    let parameters;
    if (r.status === 0) {
      const json = JSON.parse(JSON.parse(r.stdout).parametersJson);
      parameters = Object.fromEntries(Object.entries(json.parameters).map(([k, v]) => [k, v.value]));
    }
    fs.mkdirSync(cacheRoot, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ status: r.status, output: `${r.stdout}\n${r.stderr}`, parameters }));
    fs.renameSync(tmp, cached);
  }
  const result = JSON.parse(fs.readFileSync(cached, 'utf8'));
  return { ...result, diagnostics: diagnosticsOf(result.output) };
}

/** azd's substitution in main.parameters.json: ${VAR} and ${VAR=default} (default when VAR is unset). */
export function azdSubstitute(text, env) {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(=([^}]*))?\}/g, (_, name, hasDefault, def) =>
    Object.hasOwn(env, name) ? env[name] : hasDefault ? def : '');
}

/**
 * The parameter values azd passes when it deploys main.bicep with main.parameters.json under env:
 * substitution, then azd's coercion (a string becomes a bool/int for such a parameter; an empty
 * string for a parameter without a non-empty default is left out, so the template's default applies).
 */
export function azdParameters(env = DEPLOY_ENV) {
  const text = fs.readFileSync(path.join(infraDir, 'main.parameters.json'), 'utf8');
  const file = JSON.parse(azdSubstitute(text, env));
  const defs = mainTemplate().parameters;
  const out = {};
  for (const [name, { value }] of Object.entries(file.parameters)) {
    const def = defs[name];
    if (!def) throw new Error(`main.parameters.json sets ${name}, which main.bicep does not declare`);
    let v = value;
    if (typeof v === 'string' && def.type === 'bool') v = v === 'true' ? true : v === 'false' ? false : undefined;
    else if (typeof v === 'string' && def.type === 'int') v = /^-?\d+$/.test(v) ? Number(v) : undefined;
    else if (v === '' && !(typeof def.defaultValue === 'string' && def.defaultValue !== '')) v = undefined;
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/**
 * What main.bicep receives from one of the parameter files, by name: 'main.parameters.json' (azd),
 * 'main.default.bicepparam' or 'main.production.bicepparam' (infra/deploy.sh).
 */
export function parameterFile(name, env = DEPLOY_ENV) {
  if (name === 'main.parameters.json') return azdParameters(env);
  const r = buildParams(name, env);
  if (r.status !== 0 || r.diagnostics.length) throw new Error(`bicep build-params infra/${name} failed:\n${r.output}`);
  return r.parameters;
}

/**
 * The blob paths each principal may write in the public container, read back from the compiled
 * role-assignment conditions: { container, app: [...patterns], deploy: [...patterns] }.
 */
export function blobWritePaths() {
  const items = walkResources(mainTemplate(), mainParameters({ deployerPrincipalId: 'deployer' }));
  const conditions = {};
  for (const x of items.filter((r) => r.resource.type === 'Microsoft.Authorization/roleAssignments' && !r.existing)) {
    const p = x.scope.resolve(x.resource.properties);
    if (!p.condition) continue;
    conditions[p.principalId === 'deployer' ? 'deploy' : 'app'] = p.condition;
  }
  const patterns = (c) => [...c.matchAll(/containers\/blobs:path\] StringLike '([^']*)'/g)].map((m) => m[1]);
  const container = (c) => /containers:name\] StringEquals '([^']*)'/.exec(c)?.[1];
  if (!conditions.app || !conditions.deploy) throw new Error('expected a conditioned assignment for the app and for the deployer');
  return { container: container(conditions.app), app: patterns(conditions.app), deploy: patterns(conditions.deploy) };
}
