#!/usr/bin/env node
// Prints who may write what in the public container, from the role-assignment conditions of the
// compiled template (infra/modules/rbac.bicep), one "<principal> <pattern>" per line, e.g.
//   app objective-*
//   deploy widget/*
// For the C# test that checks BlobLayout.AppWritable / DeployWritable agree:
//   node tests/infra/blob-write-paths.mjs
import { blobWritePaths } from './bicep.mjs';

try {
  const { app, deploy } = blobWritePaths();
  process.stdout.write([...app.map((p) => `app ${p}`), ...deploy.map((p) => `deploy ${p}`)].join('\n') + '\n');
} catch (err) {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
}
