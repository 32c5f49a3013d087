import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { openDatabase } from '../../db/engine.js';
import { startServer } from '../../server/main.js';
import { seedDemo } from '../../services/seed.service.js';
import type { GlobalOptions } from '../context.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const WEB_SOURCE = join(ROOT, 'web');
// The UI also bundles the pure domain helpers (periods, Vietnamese numbers, English units) and the API types.
const WEB_INPUTS = [
  WEB_SOURCE,
  join(ROOT, 'src/domain'),
  join(ROOT, 'catalogue/units-en.json'),
  join(ROOT, 'src/server/api-types.ts'),
  join(ROOT, 'vite.config.ts'),
];
const WEB_BUILD = join(ROOT, 'dist/web/index.html');

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), 0);
}

/** Builds the UI with Vite when there is no build yet or its sources changed since. */
async function buildWebIfNeeded(): Promise<void> {
  if (!existsSync(WEB_SOURCE)) return;
  const newest = Math.max(...WEB_INPUTS.map(newestChange));
  if (existsSync(WEB_BUILD) && statSync(WEB_BUILD).mtimeMs >= newest) return;
  console.log('Đang dựng giao diện web (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

export function registerStartCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('start')
    .description(
      'Khởi động hệ thống: dựng giao diện nếu cần, cập nhật CSDL, tạo dữ liệu mẫu nếu trống, chạy web + API',
    )
    .option('--port <port>', 'cổng HTTP', process.env.PORT ?? '3000')
    .option(
      '--host <host>',
      'địa chỉ lắng nghe (0.0.0.0 = mọi giao diện mạng)',
      process.env.HOST ?? '127.0.0.1',
    )
    .option('--no-seed', 'không tạo dữ liệu mẫu')
    .action(async (options) => {
      await buildWebIfNeeded();
      const { databaseUrl, dataDir } = globals();
      const handle = await openDatabase({
        ...(databaseUrl ? { databaseUrl } : {}),
        ...(dataDir ? { dataDir } : {}),
      });
      const seed = options.seed ? await seedDemo(handle.db) : null;
      const server = await startServer({ port: Number(options.port), host: options.host, db: handle.db });
      console.log(`baocao đang chạy tại ${server.url} (cơ sở dữ liệu: ${handle.engine})`);
      if (seed) {
        console.log(
          `Đăng nhập: tổ chức ${seed.orgId}, người dùng ${seed.users.join(' / ')}, mật khẩu ${seed.password}`,
        );
      }
      console.log('Nhấn Ctrl+C để dừng.');
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`\nĐã nhận ${signal}, đang dừng…`);
        await server.close();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
