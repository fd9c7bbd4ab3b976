// infra/deploy.sh and the azd hooks, run against stand-ins for az, azd and dotnet that record their
// arguments: what is called, with which values, in which order. Nothing reaches Azure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { infraDir, repoRoot } from './bicep.mjs';

const OUTPUTS = {
  functionAppName: 'func-api-abc',
  functionAppUrl: 'https://func-api-abc.azurewebsites.net',
  apiBaseUrl: 'https://fde-abc.z01.azurefd.net/api/',
  publicBaseUrl: 'https://fde-abc.z01.azurefd.net/feeds/',
  feedUrl: 'https://fde-abc.z01.azurefd.net/feeds/objective-11/feed.json',
  objectivesIndexUrl: 'https://fde-abc.z01.azurefd.net/feeds/objectives.json',
  primaryObjective: '11',
  contentBlobEndpoint: 'https://stfeedabc.blob.core.windows.net/',
  publishContainerName: 'feeds',
  contentStorageAccountName: 'stfeedabc',
  outboundIpAddress: '203.0.113.7',
};

/**
 * A temp bin dir with fake az, azd and dotnet. Each appends one line per call to calls.log:
 * "<tool> <args...> | <selected env>". dotnet fails `publish-widget` the first FAIL_WIDGET times.
 */
function fakes() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubfeed-fakes-'));
  const log = path.join(dir, 'calls.log');
  const write = (name, body) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  const record = `printf '%s' "$(basename "$0")" >> "${log}"; for a in "$@"; do printf ' %s' "$a" >> "${log}"; done; printf ' | principal=%s type=%s\\n' "\${HUBFEED_DEPLOYER_PRINCIPAL_ID:-}" "\${HUBFEED_DEPLOYER_PRINCIPAL_TYPE:-}" >> "${log}"`;
  const outputs = Object.entries(OUTPUTS)
    .map(([k, v]) => `    *properties.outputs.${k}.value*) echo '${v}' ;;`)
    .join('\n');
  write(
    'az',
    `${record}
case "$*" in
  *"account show --query user.type"*) echo user ;;
  *"ad signed-in-user show"*) echo 99999999-0000-0000-0000-000000000001 ;;
${outputs}
esac
exit 0`,
  );
  write(
    'azd',
    `${record}
${Object.entries(OUTPUTS)
  .map(([k, v]) => `echo '${k}="${v}"'`)
  .join('\n')}
echo 'AZURE_ENV_NAME="test"'`,
  );
  write(
    'dotnet',
    `${record}
case "$*" in
  *publish-widget*)
    n=$(cat "${dir}/widget-failures" 2>/dev/null || echo 0)
    if [ "$n" -lt "\${FAIL_WIDGET:-0}" ]; then echo $((n + 1)) > "${dir}/widget-failures"; echo "403 AuthorizationPermissionMismatch" >&2; exit 1; fi
    echo "https://fde-abc.z01.azurefd.net/feeds/widget/gcm-resources.abc.js sha384-xyz" ;;
  *snippet*) echo '<script src="https://fde-abc.z01.azurefd.net/feeds/widget/gcm-resources.abc.js" integrity="sha384-xyz" async></script>' ;;
  publish*) mkdir -p "$6" && echo x > "$6/app.dll" ;;
esac
exit 0`,
  );
  write('zip', `${record}\n: > "$2"`);
  const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : []);
  return { dir, calls, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function run(script, args, { bin, env = {} }) {
  const base = { ...process.env };
  for (const k of Object.keys(base)) if (/^(HUBFEED_|AZURE_)/.test(k)) delete base[k];
  return spawnSync(script.endsWith('.sh') && !script.includes('/hooks/') ? 'bash' : 'sh', [script, ...args], {
    encoding: 'utf8',
    cwd: repoRoot,
    env: { ...base, PATH: `${bin}:/usr/bin:/bin`, HUBFEED_PUBLISH_RETRY_SECONDS: '0', ...env },
  });
}

const index = (calls, pattern) => calls.findIndex((c) => pattern.test(c));

test('deploy.sh --production: provisions with the production parameters as your login, uploads the widget, deploys the code, prints the snippet', () => {
  const f = fakes();
  try {
    const r = run(path.join(infraDir, 'deploy.sh'), ['-g', 'rg-x', '-l', 'westeurope', '--production'], {
      bin: f.dir,
      env: { HUBFEED_CONTACT_URL: 'mailto:ops@example.org', FAIL_WIDGET: '1' },
    });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const calls = f.calls();
    const create = index(calls, /^az deployment group create /);
    assert.ok(create >= 0, calls.join('\n'));
    assert.match(calls[create], /--template-file infra\/main\.bicep --parameters infra\/main\.production\.bicepparam /);
    // The deployer principal is your az login, passed to the parameter file.
    assert.match(calls[create], /\| principal=99999999-0000-0000-0000-000000000001 type=User$/);
    const widget = calls.map((c, i) => [c, i]).filter(([c]) => /^dotnet run --project cli -c Release -- publish-widget /.test(c));
    assert.equal(widget.length, 2, 'a failed upload (role not applied yet) is retried');
    for (const [c] of widget) {
      assert.match(c, /publish-widget --blob-service-uri https:\/\/stfeedabc\.blob\.core\.windows\.net\/ --container feeds --public-base-url https:\/\/fde-abc\.z01\.azurefd\.net\/feeds\/ /);
    }
    const publish = index(calls, /^dotnet publish functions -c Release -o /);
    const zipDeploy = index(calls, /^az functionapp deployment source config-zip --resource-group rg-x --name func-api-abc /);
    const snippet = index(calls, /^dotnet run --project cli -c Release -- snippet --objective 11 --public-base-url https:\/\/fde-abc\.z01\.azurefd\.net\/feeds\/ /);
    assert.ok(create < widget[0][1] && widget[1][1] < publish && publish < zipDeploy && zipDeploy < snippet, calls.join('\n'));
    assert.equal(snippet, calls.length - 1, 'the snippet comes last');
    assert.match(r.stdout, /<script src="https:\/\/fde-abc\.z01\.azurefd\.net\/feeds\/widget\/gcm-resources\.abc\.js" integrity="sha384-xyz"/);
    assert.match(r.stdout, /Outbound IP: +203\.0\.113\.7/);
    assert.match(r.stderr, /retry 1 of 9/);
  } finally {
    f.cleanup();
  }
});

test('deploy.sh: the default parameters, a given deployer principal, --infra-only still uploads the widget but no code', () => {
  const f = fakes();
  try {
    const r = run(path.join(infraDir, 'deploy.sh'), ['-g', 'rg-x', '--infra-only'], {
      bin: f.dir,
      env: { HUBFEED_CONTACT_URL: 'mailto:ops@example.org', HUBFEED_DEPLOYER_PRINCIPAL_ID: 'pipeline-sp', HUBFEED_DEPLOYER_PRINCIPAL_TYPE: 'ServicePrincipal' },
    });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const calls = f.calls();
    assert.equal(index(calls, /^az group create/), -1, 'no -l: the group is not created');
    assert.equal(index(calls, /^az (account|ad) /), -1, 'a given principal is not looked up');
    assert.match(calls[index(calls, /^az deployment group create/)], /--parameters infra\/main\.default\.bicepparam .*\| principal=pipeline-sp type=ServicePrincipal$/);
    assert.ok(index(calls, /publish-widget/) > 0);
    assert.equal(index(calls, /^dotnet publish/), -1);
    assert.equal(index(calls, /config-zip/), -1);
    assert.ok(index(calls, /-- snippet --objective 11 /) > 0);
  } finally {
    f.cleanup();
  }
});

test('deploy.sh stops when the widget cannot be uploaded (no code deploy, no snippet naming a missing script)', () => {
  const f = fakes();
  try {
    const r = run(path.join(infraDir, 'deploy.sh'), ['-g', 'rg-x'], {
      bin: f.dir,
      env: { HUBFEED_CONTACT_URL: 'mailto:ops@example.org', FAIL_WIDGET: '99', HUBFEED_PUBLISH_ATTEMPTS: '3' },
    });
    assert.notEqual(r.status, 0);
    const calls = f.calls();
    assert.equal(calls.filter((c) => /publish-widget/.test(c)).length, 3);
    assert.equal(index(calls, /^dotnet publish/), -1);
    assert.equal(index(calls, /snippet/), -1);
    assert.match(r.stderr, /publish-widget failed 3 times/);
  } finally {
    f.cleanup();
  }
});

test('azd postprovision hook: uploads the widget to the deployment\'s content account from azd env get-values', () => {
  const f = fakes();
  try {
    const r = run(path.join(infraDir, 'hooks', 'postprovision.sh'), [], { bin: f.dir });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const calls = f.calls();
    assert.match(calls[0], /^azd env get-values /);
    assert.deepEqual(calls.slice(1).map((c) => c.split(' | ')[0]), [
      'dotnet run --project cli -c Release -- publish-widget --blob-service-uri https://stfeedabc.blob.core.windows.net/ --container feeds --public-base-url https://fde-abc.z01.azurefd.net/feeds/',
    ]);
  } finally {
    f.cleanup();
  }
});

test('azd postdeploy hook: prints the pinned snippet for the first objective', () => {
  const f = fakes();
  try {
    const r = run(path.join(infraDir, 'hooks', 'postdeploy.sh'), [], { bin: f.dir });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.deepEqual(f.calls().slice(1).map((c) => c.split(' | ')[0]), [
      'dotnet run --project cli -c Release -- snippet --objective 11 --public-base-url https://fde-abc.z01.azurefd.net/feeds/',
    ]);
    assert.match(r.stdout, /integrity="sha384-xyz"/);
    assert.match(r.stdout, /Index: +https:\/\/fde-abc\.z01\.azurefd\.net\/feeds\/objectives\.json/);
  } finally {
    f.cleanup();
  }
});

test('the hooks refuse to run before provisioning (no outputs in the azd environment)', () => {
  const f = fakes();
  try {
    fs.writeFileSync(path.join(f.dir, 'azd'), '#!/bin/sh\necho \'AZURE_ENV_NAME="test"\'\n', { mode: 0o755 });
    for (const hook of ['postprovision.sh', 'postdeploy.sh']) {
      const r = run(path.join(infraDir, 'hooks', hook), [], { bin: f.dir });
      assert.notEqual(r.status, 0, hook);
      assert.match(r.stderr, /azd env get-values has no (contentBlobEndpoint|primaryObjective)/, hook);
    }
    assert.deepEqual(f.calls(), [], 'no dotnet call');
  } finally {
    f.cleanup();
  }
});

test('the hook scripts are executable, POSIX sh (azure.yaml runs them with sh), and publish-widget.sh checks its arguments', () => {
  for (const name of ['postprovision.sh', 'postdeploy.sh', 'publish-widget.sh']) {
    const script = path.join(infraDir, 'hooks', name);
    assert.ok(fs.statSync(script).mode & 0o100, `${name} is not executable`);
    const r = spawnSync('sh', ['-n', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(fs.readFileSync(script, 'utf8'), /\[\[|\bfunction\b|\$\{[A-Za-z_]+\[|<<<|\bpipefail\b/, `${name} uses bash syntax`);
  }
  const r = spawnSync('sh', [path.join(infraDir, 'hooks', 'publish-widget.sh'), 'only-one'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage:/);
});
