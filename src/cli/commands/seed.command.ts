import type { Command } from 'commander';
import { seedDemo } from '../../services/seed.service.js';
import { type GlobalOptions, withDatabase } from '../context.js';

export function registerSeedCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('seed')
    .description(
      'Tạo dữ liệu mẫu: Sở TT&TT Trà Vinh, các phòng, danh mục chỉ tiêu, người dùng và 5 báo cáo cũ',
    )
    .action(async () => {
      await withDatabase(globals(), async (db) => {
        const result = await seedDemo(db);
        if (!result.created) {
          console.log(`Tổ chức ${result.orgId} đã có trong cơ sở dữ liệu; không tạo lại.`);
          return;
        }
        console.log(`Đã tạo tổ chức ${result.orgId}.`);
        for (const h of result.history) console.log(`- ${h.file}: kỳ ${h.periodId}, ${h.values} số liệu`);
        console.log(`Người dùng: ${result.users.join(', ')} — mật khẩu: ${result.password}`);
      });
    });
}
