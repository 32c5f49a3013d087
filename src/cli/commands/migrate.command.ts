import type { Command } from 'commander';
import { type GlobalOptions, withDatabase } from '../context.js';

export function registerMigrateCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('migrate')
    .description('Tạo hoặc cập nhật cấu trúc cơ sở dữ liệu (chạy các migration còn thiếu)')
    .action(async () => {
      // Opening the database runs pending migrations under an advisory lock.
      await withDatabase(globals(), async () => undefined);
      console.log('Cơ sở dữ liệu đã được cập nhật.');
    });
}
