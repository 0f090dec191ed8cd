import { judgeGateway, oursAt } from './gateway-oracle';
const objs = JSON.parse(process.argv[2]);
const vs = judgeGateway(process.argv[3] ?? 'v1.6', objs);
objs.forEach((m: any, i: number) => { console.log(JSON.stringify(oursAt(process.argv[3] ?? 'v1.6', m))); console.log(JSON.stringify(vs[i]).slice(0, 800)); });
