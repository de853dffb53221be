import { PgSqlClient } from '@app/database';
import { PostgresEventStore } from '@app/event-store';
import { newEvents } from '../libs/event-store/src/testing/event-fixtures';
async function main() {
  const sql = new PgSqlClient({ connectionString: 'postgres://postgres@127.0.0.1/test', schema: 'prof', maxConnections: 12 });
  await sql.query('drop schema if exists prof cascade'); await sql.query('create schema prof');
  const store = await PostgresEventStore.create(sql);
  const orig = sql.query.bind(sql); let calls = 0, errors = 0; const codes: Record<string, number> = {}; const lat:number[]=[]; const elat:number[]=[];
  (sql as any).query = async (t: string, p: any) => { calls++; const s0=Date.now(); try { const r= await orig(t, p); lat.push(Date.now()-s0); return r; } catch (e: any) { elat.push(Date.now()-s0); errors++; codes[e.code + ' ' + e.constraint] = (codes[e.code + ' ' + e.constraint] ?? 0) + 1; throw e; } };
  for (const mode of ['shared-any']) {
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 200; i++) {
        await store.appendToStream(`${mode}-${i % 3}`, newEvents(1), 'any');
      }
    }));
    console.log(mode, Math.round(1600 / ((Date.now() - t0) / 1000)), '/s', { calls, errors, codes }); const q=(a:number[])=>{a.sort((x,y)=>x-y); return [a[Math.floor(a.length*0.5)], a[Math.floor(a.length*0.9)], a[a.length-1]]}; console.log('ok', q(lat), 'err', q(elat));
  }
  await store.close(); await sql.close();
}
main();
