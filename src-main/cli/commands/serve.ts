// `serve`: starts the local HTTP server (C2's startServer) and keeps it until SIGINT/SIGTERM.
import type { Command } from 'commander';
import { EXIT_FAIL, EXIT_OK, errorLine, exit, human, printJsonLine } from '../output';
import { globals, intArg } from './args';
import { onStopSignal } from '../signals';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the EdgeLab UI and API on localhost')
    .option('--port <n>', 'port (0 = any free port)', intArg(0))
    .option('--workspace <dir>', 'workspace folder')
    .option('--json', 'print {"url","port","token"} as one JSON line on stdout')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals<{ port?: number }>(cmd);
      try {
        const { startServer } = await import('../../server/server');
        const server = await startServer({ port: g.port, workspaceDir: g.workspace });
        if (g.json) await printJsonLine({ url: server.url, port: server.port, token: server.token });
        else process.stdout.write(`EdgeLab server: ${server.url}\n`);
        // The first signal closes the server; a second one, or the grace period, exits at once (signals.ts).
        await new Promise<void>((done) => onStopSignal(() => done()));
        human('stopping…');
        await server.close();
        await exit(EXIT_OK);
      } catch (e) {
        human(errorLine(e));
        await exit(EXIT_FAIL);
      }
    });
}
