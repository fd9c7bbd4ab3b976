// A real, throw-away WordPress for tests: Debian's package (/usr/share/wordpress, 6.1), MariaDB started by hand on a
// socket in a temp dir (no TCP), and PHP's built-in server on 127.0.0.1:<port>. Nothing outside the temp dir is
// written: Debian's wp-config.php (which reads /etc/wordpress) is bypassed by a PHP auto_prepend file that defines
// ABSPATH as a temp tree of symlinks to the package plus our own wp-config.php.
//
// Reusable: any test can start one, add must-use plugins, create users and posts as them, and stop it.
//   const wp = await startWordPress({ allowHosts: ['127.0.0.1'], allowPorts: [10000] });
//   const id = await wp.post({ as: 'author', content: '…' });   // kses applies as for that role
//   await page.goto(wp.url + '/?p=' + id);  …  await wp.stop();
// `allowHosts`/`allowPorts` add a must-use plugin (test only) that lets WordPress's HTTP API reach loopback hosts and
// other ports; everything else (oEmbed discovery, its filters, kses) stays as shipped.
// Run it inside `unshare -n` on a shared machine (see test.sh): it listens on loopback.
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, mkdirSync, writeFileSync, readdirSync, symlinkSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';

const run = promisify(execFile);
export const WORDPRESS = '/usr/share/wordpress';
export const ROLES = ['administrator', 'editor', 'author', 'contributor'];

/** Whether this machine has what the harness needs (test.sh installs it: wordpress, mariadb-server, php-cli, php-mysql). */
export const available = () => existsSync(join(WORDPRESS, 'wp-settings.php')) && existsSync('/usr/sbin/mariadbd') && existsSync('/usr/bin/php');

const php = s => JSON.stringify(String(s)).replaceAll('$', '\\$');

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function waitFor(check, what, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`WordPress harness: ${what} did not come up within ${ms} ms`);
    await new Promise(r => setTimeout(r, 100));
  }
}

/**
 * Stops a child: TERM, then KILL after a grace period. With `group` (a child spawned `detached`, leading a process
 * group of its own, like php -S forking its workers) the whole group is signalled, so no worker outlives the test.
 */
async function stopChild(child, graceMs = 5000, { group = false } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const signal = name => {
    try {
      if (group) process.kill(-child.pid, name);
      else child.kill(name);
    } catch { /* already gone */ }
  };
  const exited = new Promise(r => child.once('exit', r));
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  if (group) signal('SIGKILL'); // a worker still there once its leader is gone
}

async function startMariaDb(dir) {
  const data = join(dir, 'db'), socket = join(dir, 'mysql.sock');
  await run('mariadb-install-db', [`--datadir=${data}`, '--user=root', '--skip-test-db', '--auth-root-authentication-method=socket',
    '--skip-name-resolve'], { timeout: 60_000 });
  const log = [];
  const child = spawn('/usr/sbin/mariadbd', [`--datadir=${data}`, `--socket=${socket}`, '--skip-networking', '--user=root',
    `--pid-file=${join(dir, 'mysql.pid')}`, `--log-error=${join(dir, 'mysql.err')}`, '--innodb-buffer-pool-size=32M',
    '--skip-log-bin', '--innodb-flush-log-at-trx-commit=0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', d => log.push(String(d)));
  child.stderr.on('data', d => log.push(String(d)));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`mariadbd exited ${child.exitCode}: ${log.join('')}`);
    await run('mariadb', [`--socket=${socket}`, '-uroot', '-e', 'CREATE DATABASE IF NOT EXISTS wordpress']);
    return true;
  }, 'MariaDB');
  return { child, socket };
}

/** The temp WordPress tree: symlinks to the package, our wp-config.php, a wp-content of our own (mu-plugins). */
function writeTree(dir, { port, socket, allowHosts, allowPorts, muPlugins }) {
  const root = join(dir, 'root');
  mkdirSync(root);
  for (const name of readdirSync(WORDPRESS)) {
    if (name !== 'wp-config.php' && name !== 'wp-content') symlinkSync(join(WORDPRESS, name), join(root, name));
  }
  const content = join(root, 'wp-content');
  mkdirSync(join(content, 'mu-plugins'), { recursive: true });
  for (const name of ['themes', 'plugins', 'languages']) symlinkSync(join(WORDPRESS, 'wp-content', name), join(content, name));
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(join(root, 'wp-config.php'), `<?php
define('DB_NAME', 'wordpress'); define('DB_USER', 'root'); define('DB_PASSWORD', '');
define('DB_HOST', ${php('localhost:' + socket)});
define('WP_HOME', ${php(url)}); define('WP_SITEURL', ${php(url)});
define('WP_CONTENT_DIR', ${php(content)}); define('WP_CONTENT_URL', ${php(url + '/wp-content')});
define('AUTOMATIC_UPDATER_DISABLED', true); define('WP_AUTO_UPDATE_CORE', false); define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', false); define('WP_DEBUG', false);
foreach (array('AUTH_KEY','SECURE_AUTH_KEY','LOGGED_IN_KEY','NONCE_KEY','AUTH_SALT','SECURE_AUTH_SALT','LOGGED_IN_SALT','NONCE_SALT') as $k) define($k, ${php(dir)} . $k);
$table_prefix = 'wp_';
require_once ABSPATH . 'wp-settings.php';
`);
  if (allowHosts.length || allowPorts.length) {
    // Test only: WordPress refuses loopback hosts and ports other than 80, 443 and 8080 (wp_http_validate_url).
    writeFileSync(join(content, 'mu-plugins', 'test-loopback.php'), `<?php
add_filter('http_request_host_is_external', function ($external, $host) { return $external || in_array($host, ${phpArray(allowHosts)}, true); }, 10, 2);
add_filter('http_allowed_safe_ports', function ($ports) { return array_merge($ports, ${phpArray(allowPorts)}); });
`);
  }
  for (const [name, code] of Object.entries(muPlugins)) writeFileSync(join(content, 'mu-plugins', name), code);
  // Defined before any WordPress file runs: wp-load.php then loads our wp-config.php, not Debian's.
  writeFileSync(join(dir, 'prepend.php'), `<?php if (!defined('ABSPATH')) define('ABSPATH', ${php(root + '/')});\n`);
  return { root, url };
}

const phpArray = values => `array(${values.map(v => (typeof v === 'number' ? String(v) : php(v))).join(', ')})`;

/**
 * Starts MariaDB and WordPress, installs the site (an administrator `admin` and one user per role, named after it,
 * password `password`), and returns { url, dir, post, php, stop }.
 */
export async function startWordPress({ port, allowHosts = [], allowPorts = [], muPlugins = {}, verbose = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hubfeed-wp-'));
  let db, server;
  const stop = async () => {
    await stopChild(server, 5000, { group: true });
    await stopChild(db?.child, 15_000);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    db = await startMariaDb(dir);
    port ??= await freePort();
    const tree = writeTree(dir, { port, socket: db.socket, allowHosts, allowPorts, muPlugins });
    const phpArgs = ['-d', `auto_prepend_file=${join(dir, 'prepend.php')}`, '-d', 'display_errors=stderr', '-d', 'memory_limit=256M'];
    const runPhp = async code => {
      const file = join(dir, `cli-${Date.now()}-${Math.random().toString(36).slice(2)}.php`);
      writeFileSync(file, `<?php $_SERVER['HTTP_HOST'] = '127.0.0.1:${port}'; $_SERVER['REQUEST_URI'] = '/';\n${code}`);
      const { stdout } = await run('php', [...phpArgs, file], { timeout: 60_000, cwd: tree.root });
      return stdout;
    };
    await runPhp(`define('WP_INSTALLING', true); require ABSPATH . 'wp-load.php'; require ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('HubFeed test site', 'admin', 'admin@example.test', false, '', 'password');
foreach (${phpArray(ROLES.slice(1))} as $role) wp_insert_user(array('user_login' => $role, 'user_pass' => 'password', 'user_email' => "$role@example.test", 'role' => $role));
update_option('permalink_structure', '');`);
    server = spawn('php', [...phpArgs, '-S', `127.0.0.1:${port}`, '-t', tree.root], {
      stdio: ['ignore', verbose ? 'inherit' : 'ignore', verbose ? 'inherit' : 'ignore'],
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
      detached: true, // its own process group: stop() ends the workers too
    });
    await waitFor(async () => (await fetch(tree.url + '/wp-login.php')).ok, 'php -S');
    return {
      url: tree.url,
      dir,
      /** Runs PHP with WordPress loadable (`require ABSPATH . 'wp-load.php';`); returns its stdout. */
      php: runPhp,
      /**
       * Creates and publishes a post as a user of that role (the role's kses applies, as when they save in the editor);
       * returns its id.
       */
      post: async ({ as = 'author', title = 'Embed test', content }) => Number((await runPhp(`require ABSPATH . 'wp-load.php';
$u = get_user_by('login', ${php(as === 'administrator' ? 'admin' : as)}); wp_set_current_user($u->ID);
$id = wp_insert_post(array('post_title' => ${php(title)}, 'post_content' => ${php(content)}, 'post_status' => 'publish', 'post_author' => $u->ID), true);
if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
echo $id;`)).trim()),
      /** The post's content as stored (after kses). */
      stored: async id => runPhp(`require ABSPATH . 'wp-load.php'; echo get_post(${Number(id)})->post_content;`),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
