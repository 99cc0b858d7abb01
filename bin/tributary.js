#!/usr/bin/env node
// Entry point of the installed CLI: runs the compiled program (npm run build produces dist/).
import('../dist/src/cli/main.js')
  .then((m) => m.main(process.argv))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
