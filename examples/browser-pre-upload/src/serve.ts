import { type ExamplePolicy, startExampleServer } from './example-server.ts';

const policy = (process.env.POLICY ?? 'block') as ExamplePolicy;
if (policy !== 'block' && policy !== 'upload-for-review') {
  throw new Error(`POLICY must be 'block' or 'upload-for-review', not ${policy}.`);
}
const server = await startExampleServer({ port: Number(process.env.PORT ?? 5180), policy });
console.log(`Pre-upload check demo (policy: ${policy}): ${server.url}`);
console.log('Try demo/listed-demo.png (on the demo list), demo/listed-demo-recompressed.jpg (a');
console.log('re-encoded copy, caught by PDQ) and demo/unlisted-demo.png (not listed).');
console.log('Each check and upload is logged below as the audit log records it.');
