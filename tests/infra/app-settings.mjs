#!/usr/bin/env node
// Prints the names of the app settings infra/main.bicep gives the function app, one per line
// (from the compiled template). Used by the C# settings-parity test:
//   node tests/infra/app-settings.mjs
import { appSettingNames } from './bicep.mjs';

try {
  process.stdout.write(`${appSettingNames().join('\n')}\n`);
} catch (err) {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
}
