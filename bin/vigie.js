#!/usr/bin/env node
// The CLI is compiled TypeScript, bundled as one CommonJS file (npm install runs the build through
// the `prepare` script): loaded from dist/src as ES modules, the CommonJS packages the rules use
// (~1.9 MB: the Snowball stemmers, stop words, Hunspell's glue) were lexed for their exports at
// every run, ~200 ms.
import { createRequire } from 'node:module';

createRequire(import.meta.url)('../dist/cli.cjs');
