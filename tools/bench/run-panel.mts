import { benchPanel } from './panel.ts';
console.log(JSON.stringify(await benchPanel(), null, 2));
