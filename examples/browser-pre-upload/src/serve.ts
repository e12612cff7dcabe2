import { startExampleServer } from './example-server.ts';

const server = await startExampleServer(Number(process.env.PORT ?? 5180));
console.log(`Pre-upload check demo: ${server.url}`);
console.log('Try demo/listed-demo.png (on the demo list), demo/listed-demo-recompressed.jpg (a');
console.log('re-encoded copy, caught by PDQ) and demo/unlisted-demo.png (not listed).');
