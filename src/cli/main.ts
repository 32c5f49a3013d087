import { Command, CommanderError } from 'commander';
import { registerAnalysisCommands } from './commands/analysis.command.js';
import { registerImportCommand } from './commands/import.command.js';
import { registerMigrateCommand } from './commands/migrate.command.js';
import { registerReportCommand } from './commands/report.command.js';
import { registerSeedCommand } from './commands/seed.command.js';
import { registerStartCommand } from './commands/start.command.js';
import { registerValuesCommand } from './commands/values.command.js';
import type { GlobalOptions } from './context.js';
import { EXIT_USAGE, reportError } from './output.js';

const program = new Command('baocao')
  .description('baocao — hệ thống báo cáo của Sở Thông tin và Truyền thông (reporting system)')
  .option(
    '--database-url <url>',
    'PostgreSQL server (mặc định: biến DATABASE_URL; không có thì dùng PGlite nhúng)',
  )
  .option('--data-dir <dir>', 'thư mục dữ liệu PGlite (mặc định: BAOCAO_DATA_DIR hoặc ./data/pglite)')
  .showHelpAfterError('(dùng --help để xem hướng dẫn)')
  .exitOverride();

const globals = (): GlobalOptions => program.opts<GlobalOptions>();

registerMigrateCommand(program, globals);
registerSeedCommand(program, globals);
registerValuesCommand(program, globals);
registerImportCommand(program, globals);
registerAnalysisCommands(program, globals);
registerReportCommand(program, globals);
registerStartCommand(program, globals);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander; usage mistakes exit 2.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    process.exitCode = reportError(error);
  }
}
