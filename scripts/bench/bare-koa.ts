import Koa from 'koa';
import Router from '@koa/router';
import getRawBody from 'raw-body';

/** The floor the ack path is compared against: Koa reading a body and answering 200, nothing else. */
const app = new Koa();
const router = new Router();
router.post('/bare', async (ctx) => {
  await getRawBody(ctx.req, { limit: '1mb' });
  ctx.body = { msgtype: 'empty' };
});
app.use(router.routes());
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`listening on ${(server.address() as any).port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
