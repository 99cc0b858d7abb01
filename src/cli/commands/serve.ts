import type { Command } from 'commander';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the API, the console and (by default) the embedded integrator')
    .option('--port <port>', 'port to listen on (env TRIBUTARY_PORT)')
    .option('--host <host>', 'address to bind (env TRIBUTARY_HOST)')
    .option('--data-dir <dir>', 'directory for the SQLite database and key file (env TRIBUTARY_DATA_DIR)')
    .action(async (opts: { port?: string; host?: string; dataDir?: string }) => {
      if (opts.port !== undefined) process.env.TRIBUTARY_PORT = opts.port;
      if (opts.host !== undefined) process.env.TRIBUTARY_HOST = opts.host;
      if (opts.dataDir !== undefined) process.env.TRIBUTARY_DATA_DIR = opts.dataDir;
      // The HTTP stack loads here, not when any other command starts.
      const { startServer } = await import('../../server.js');
      const server = await startServer();
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
