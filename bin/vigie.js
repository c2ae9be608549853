#!/usr/bin/env node
// The CLI is compiled TypeScript (npm install runs the build through the `prepare` script).
import '../dist/src/cli-main.js';
